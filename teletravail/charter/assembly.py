"""From options to a document: the context of the templates, the numbered articles, the facts to validate.

>>> from datetime import date
>>> from teletravail.charter import assemble, default_options
>>> charter = assemble(default_options("prive", has_cse=False), when=date(2026, 9, 1))
>>> charter.document.blocks[0].text
'Article 1 – Préambule et objectifs'
>>> [finding.severity for finding in charter.findings if finding.severity == "erreur"]
[]
"""

import re
from dataclasses import dataclass
from datetime import date

from teletravail.charter.catalogue import SECTOR_WORDS, load_catalogue
from teletravail.charter.rules import Allowance, Facts, validate
from teletravail.charter.text import french_amount, french_date, french_time
from teletravail.documents import (
    BulletList,
    Document,
    Heading,
    Paragraph,
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from teletravail.french import counted, de_name
from teletravail.parameters import load_parameters


FORMATS = ("docx", "pdf", "html", "md")
RENDERERS = {"docx": render_docx, "pdf": render_pdf, "html": render_html, "md": render_markdown}
_SPACES = re.compile(r"[ \t\r\n]+")  # no-break spaces of French typography stay
ALLOWANCE_PERIOD_OF_MODE = {"par_jour": "jour", "par_mois": "mois", "par_jour_hebdomadaire": "jour_hebdomadaire"}


@dataclass(frozen=True)
class Charter:
    """An assembled document with the clauses it holds, the facts the rules read and their findings."""

    options: object
    when: date
    document: Document
    clause_ids: tuple
    articles: dict  # clause id -> article number
    facts: Facts
    findings: tuple

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == "erreur"]


def _parameter(name, when):
    return load_parameters("charter")[name].at(when).central


def _days(value):
    """2.0 → « 2 »; 2.5 → « 2,5 »."""
    return f"{value:g}".replace(".", ",")


def _contact_hours(slots):
    parts = [f"de {french_time(*start)} à {french_time(*end)}" for start, end in slots]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _allowance_amount(options, when):
    if options.allowance.mode == "forfait_public" and options.allowance.amount_eur is None:
        return _parameter("public_forfait.per_day", when)
    return options.allowance.amount_eur


def _allowance_sentence(options, when, context):
    mode = options.allowance.mode
    sentence = load_catalogue().choices["allowance_modes"][mode]["text"].format_map(context)
    if mode in ALLOWANCE_PERIOD_OF_MODE:
        sentence += (
            " Dans la limite des plafonds fixés par l'administration de la sécurité sociale, cette allocation est "
            "réputée utilisée conformément à son objet et exonérée de cotisations et contributions sociales."
        )
    return sentence


def _monitoring_sentence(options, words):
    tools = load_catalogue().choices["monitoring_tools"]
    if not options.monitoring.tools:
        return (
            f"Aucun dispositif de contrôle de l'activité propre au télétravail n'est mis en place. Tout dispositif "
            f"futur aura une finalité définie, sera proportionné, fera l'objet d'une information préalable des "
            f"{words['staffs']} et d'une consultation préalable des représentants du personnel."
        )
    listed = "; ".join(tools[name]["text"].rstrip(" ;.") for name in options.monitoring.tools)
    sentence = (
        f"Le contrôle de l'activité en télétravail repose sur : {listed}. Ces dispositifs, proportionnés à leur "
        f"finalité, font l'objet d'une information préalable des {words['staffs']}."
    )
    if options.monitoring.cse_consulted:
        body = "comité social" if options.sector == "public" else "comité social et économique"
        sentence += f" Le {body} a été informé et consulté préalablement à leur mise en œuvre."
    elif options.sector == "prive" and options.organisation.has_cse is False:
        sentence += (
            " L'entreprise n'ayant pas de comité social et économique, aucune consultation préalable n'est requise."
        )
    elif options.sector == "prive" and options.organisation.has_cse is None:
        sentence += " Le comité social et économique, s'il existe, est informé et consulté préalablement."
    return sentence


def build_context(options, when):
    """The values of the template placeholders: scalars for paragraphs, lists for bullet lists."""
    catalogue = load_catalogue()
    choices = catalogue.choices
    words = SECTOR_WORDS[options.sector]
    organisation = options.organisation
    document_type = choices["document_types"][options.document_type]
    context = dict(words)
    context.update(
        org=organisation.name,
        of_org=de_name(organisation.name),
        doc=document_type["this"],
        Doc=document_type["this"][0].upper() + document_type["this"][1:],
        doc_of=document_type["of_this"],
        committee=organisation.committee,
    )
    effective = options.effective_date or when
    context.update(
        adoption_sentence=document_type["adoption"].format_map(context),
        publicity_sentence=document_type.get("publicity", ""),
        scope=options.scope.format_map(context),
        onboarding_weeks=options.onboarding_weeks,
        reply_delay=str(options.reply_delay),
        adaptation_period=str(options.adaptation_period),
        end_notice=str(options.end_notice),
        adaptation_notice=str(options.adaptation_notice or ""),
        suspension_notice=str(options.suspension_notice or ""),
        end_notice_adaptation=str(options.end_notice_adaptation or ""),
        occasional_days=options.occasional_days_per_year,
        occasional_notice=str(options.occasional_notice),
        contact_hours=_contact_hours(options.contact_hours),
        effective_date=french_date(effective),
        duration_sentence=(
            "Sa durée est indéterminée."
            if options.duration_years is None
            else f"Sa durée est de {counted(options.duration_years, 'an')} ; un bilan est réalisé avant son terme."
        ),
        follow_up_body=options.follow_up_body,
        premises_sentence=options.premises,
        working_time_sentence=choices["working_time_control"][options.working_time_control],
        acceptance_sentence=choices["acceptance"].get(options.acceptance, ""),
        pollution_sentence=choices["pollution_telework"].get(options.pollution_telework, ""),
        refusal_window_months=_days(_parameter("private.pre_2017_clauses_refusal_window_months", when)),
    )
    if options.sector == "public":
        context.update(
            taken=document_type.get("taken", ""),
            max_telework_days=_days(_parameter("public.max_telework_days_per_week", when)),
            home_visit_notice_days=_days(_parameter("public.home_visit_notice_working_days", when)),
            allowance_citation=(
                "Vu le décret n° 2021-1123 du 26 août 2021 relatif au versement de l'allocation forfaitaire de "
                "télétravail au bénéfice des agents publics et des magistrats ;"
                if options.allowance.mode == "forfait_public"
                else ""
            ),
            max_adaptation_months=_days(_parameter("public.max_adaptation_period_months", when)),
            min_onsite_days=_days(_parameter("public.min_onsite_days_per_week", when)),
            health_max_months=_days(_parameter("public.derogation_health_max_months", when)),
            carer_max_months=_days(_parameter("public.derogation_carer_max_months", when)),
            public_cap=french_amount(_parameter("public_forfait.per_year_cap", when)),
            committee_opinion=(
                f"rendu le {french_date(organisation.committee_opinion_date)}"
                if organisation.committee_opinion_date
                else "(date de l'avis à compléter)"
            ),
        )
    else:
        consultation = ""
        if options.document_type == "charte":
            if organisation.has_cse and organisation.cse_opinion_date:
                consultation = (
                    f"Elle a été soumise à l'avis du comité social et économique, rendu le "
                    f"{french_date(organisation.cse_opinion_date)}."
                )
            elif organisation.has_cse:
                consultation = (
                    "Elle est soumise à l'avis du comité social et économique avant sa mise en œuvre "
                    "(date de l'avis à compléter)."
                )
            elif organisation.has_cse is None:
                # Only in a text suggested to complete a checked document: a generated one always has the answer.
                consultation = (
                    "Elle est soumise à l'avis du comité social et économique, s'il existe, avant sa mise en œuvre."
                )
            else:
                consultation = (
                    "L'entreprise ne dispose pas de comité social et économique ; la charte est présentée aux "
                    "salariés avant sa mise en œuvre."
                )
        context.update(
            consultation_sentence=consultation,
            negotiation_sentence=(
                "Elle fait suite à l'échec de la négociation engagée avec les délégués syndicaux."
                if options.document_type == "charte" and organisation.failed_negotiation
                else ""
            ),
        )
    rhythm = options.rhythm
    unit = "semaine" if rhythm.basis == "semaine" else "mois"
    context.update(
        telework_days_text=(
            f"{_days(rhythm.telework_days)} {'jours' if rhythm.telework_days > 1 else 'jour'} "
            f"de télétravail par {unit}"
        ),
        half_days_sentence=(
            "Le télétravail peut être pris par demi-journée."
            if rhythm.half_days
            else "Le télétravail est pris par journée entière."
        ),
        team_day_sentence=(
            "Un jour de présence commun à l'équipe est fixé par le responsable hiérarchique."
            if rhythm.team_day
            else ""
        ),
        floating_days_sentence=(
            f"Un volume de {rhythm.floating_days_per_year} jours flottants par an peut en outre être utilisé, sur "
            "demande adressée au responsable hiérarchique au moins une semaine à l'avance."
            if rhythm.floating_days_per_year
            else ""
        ),
    )
    amount = _allowance_amount(options, when)
    context["allowance_amount"] = french_amount(amount) if amount is not None else ""
    context["allowance_sentence"] = _allowance_sentence(options, when, context)
    context["monitoring_sentence"] = _monitoring_sentence(options, words)
    lists = {
        "objectives": [choices["objectives"][name].format_map(context) for name in options.objectives],
        "eligible_activities": list(options.eligibility.activities),
        "excluded_activities": list(options.eligibility.excluded_activities),
        "eligibility_conditions": list(options.eligibility.conditions),
        "places": [choices["places"][name] for name in options.places],
        "equipment": [choices["equipment"][name] for name in options.equipment]
        or ["les équipements définis avec le responsable hiérarchique selon les besoins du poste."],
    }
    return context, lists


def clause_blocks(clause, sector, context, lists):
    """The paragraphs and bullet lists of one clause; empty paragraphs (an option that adds nothing) are dropped."""
    blocks = []
    for piece in clause.pieces_for(sector):
        if isinstance(piece, dict):
            items = tuple(lists.get(piece["bullets"], ()))
            if items:
                blocks.append(BulletList(items))
            continue
        text = _SPACES.sub(" ", piece.format_map(context)).strip()
        if text:
            blocks.append(Paragraph(text))
    return blocks


def clause_text(clause, sector, context, lists):
    """The clause as plain text (bullets as « – » lines), e.g. to suggest it for a document that lacks it."""
    lines = []
    for block in clause_blocks(clause, sector, context, lists):
        lines += [f"– {item}" for item in block.items] if isinstance(block, BulletList) else [block.text]
    return "\n".join(lines)


def included_clauses(options):
    """The clauses of the document: those of the sector, less the omitted ones and those whose condition is off."""
    clauses = []
    for clause in load_catalogue().for_sector(options.sector):
        if clause.id in options.omit:
            continue
        if clause.include_if and not getattr(options.organisation, clause.include_if.split(".")[-1]):
            continue
        clauses.append(clause)
    return clauses


def facts_from_options(options, covered, when, clause_texts=None):
    organisation = options.organisation
    weeks_per_month = _parameter("weeks_per_month", when)
    days = options.rhythm.telework_days
    allowances = ()
    amount = _allowance_amount(options, when)
    if options.allowance.mode in ALLOWANCE_PERIOD_OF_MODE:
        allowances = (Allowance(amount, ALLOWANCE_PERIOD_OF_MODE[options.allowance.mode], options.allowance.set_by),)
    elif options.allowance.mode == "forfait_public":
        allowances = (Allowance(amount, "jour"),)
    public = options.sector == "public"
    return Facts(
        sector=options.sector,
        covered=frozenset(covered),
        when=when,
        document_type=options.document_type,
        versant=options.versant,
        has_cse=organisation.has_cse,
        cse_opinion_date=organisation.cse_opinion_date,
        has_union_delegate=organisation.has_union_delegate,
        failed_negotiation=organisation.failed_negotiation,
        disconnect_agreement=organisation.disconnect_agreement,
        forfait_jours_staff=organisation.forfait_jours_staff or options.working_time_control == "forfait_jours",
        pre_2017_contract_clauses=organisation.pre_2017_contract_clauses,
        committee_opinion_date=organisation.committee_opinion_date,
        committee_opinion_known=public,
        telework_days_per_week=days if options.rhythm.basis == "semaine" else days / weeks_per_month,
        adaptation_period_months=options.adaptation_period.months if public else None,
        end_notice_months=options.end_notice.months if public else None,
        end_notice_adaptation_months=options.end_notice_adaptation.months if public else None,
        reply_delay_months=options.reply_delay.months if public else None,
        refusal_interview=True,
        allowances=allowances,
        monitoring_tools=options.monitoring.tools,
        monitoring_information=True,
        monitoring_consultation=(options.monitoring.cse_consulted if (public or organisation.has_cse) else None),
        clause_texts=clause_texts or {},
    )


def assemble(options, when=None):
    """The document of the options (numbered articles, one per clause), validated against the rules."""
    when = when or date.today()
    catalogue = load_catalogue()
    context, lists = build_context(options, when)
    # A public act opens with its « Vu » citations, before the articles.
    citations = catalogue.choices["citations"] if options.sector == "public" else ()
    blocks = [Paragraph(text) for text in (_SPACES.sub(" ", line.format_map(context)).strip() for line in citations)]
    blocks = [block for block in blocks if block.text]
    articles = {}
    clauses = included_clauses(options)
    for number, clause in enumerate(clauses, start=1):
        articles[clause.id] = number
        blocks.append(Heading(f"Article {number} – {clause.topic_for(options.sector)}", 1))
        blocks += clause_blocks(clause, options.sector, context, lists)
    document_type = catalogue.choices["document_types"][options.document_type]
    document = Document(
        title=document_type["title"],
        subtitle=options.organisation.name,
        blocks=tuple(blocks),
        table_of_contents=True,
        author=options.organisation.name,
        footer=f"{document_type['title']} – {options.organisation.name}",
        generated_on=when,
    )
    missing_texts = {
        clause.id: clause_text(clause, options.sector, context, lists)
        for clause in catalogue.for_sector(options.sector)
        if clause.id not in articles
    }
    facts = facts_from_options(options, articles, when, missing_texts)
    return Charter(
        options=options,
        when=when,
        document=document,
        clause_ids=tuple(articles),
        articles=articles,
        facts=facts,
        findings=tuple(validate(facts)),
    )


def render(document, output_format):
    """The document in one of FORMATS: bytes for docx and pdf, text for html and md."""
    if output_format not in RENDERERS:
        raise ValueError(f"Unknown output format {output_format!r}; expected one of {', '.join(FORMATS)}.")
    return RENDERERS[output_format](document)
