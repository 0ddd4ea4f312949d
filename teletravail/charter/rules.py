"""Validation rules of a charter (docs/methodology/charter.md, « Règles »), on facts from options or from a text.

The same rules check a document being generated (facts from its options) and an existing document (facts found
in its text, where what cannot be read stays unknown, None, and its rules are skipped). Each finding names the
clause and the legal basis at stake.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from teletravail.charter.catalogue import is_english, load_catalogue
from teletravail.charter.text import french_amount
from teletravail.french import money
from teletravail.parameters import load_parameters


SEVERITY_ORDER = {"erreur": 0, "avertissement": 1, "suggestion": 2}
DEROGATION_TYPES = ("sante_handicap", "grossesse", "aidant", "situation_exceptionnelle")
ALLOWANCE_PERIODS = ("jour", "mois", "jour_hebdomadaire", "an")


@dataclass(frozen=True)
class Finding:
    """One problem: `id` is the clause (or a RISK-… of data/stances.yaml), `rule` the validation rule, `text` the
    clause text to add when missing."""

    id: str
    legal_basis: str
    message: str
    severity: str
    rule: int | None = None
    missing: bool = False
    text: str = ""  # in French: it goes into the French document as it is
    # Where a checked document says it: the heading of the section and the words as written, and the name of the
    # reading rule of data/stances.yaml that found it (none for a rule on figures or an absence).
    section: str = ""
    passage: str = ""
    check: str = ""
    message_en: str = ""  # the message for the English pages

    def in_language(self, language):
        """The same finding with its message in `language` (English when asked and written, else French)."""
        return replace(self, message=self.message_en) if is_english(language) and self.message_en else self

    def as_dict(self):
        data = {
            "id": self.id,
            "legal_basis": self.legal_basis,
            "message": self.message,
            "severity": self.severity,
            "rule": self.rule,
        }
        for key in ("section", "passage", "check", "text", "message_en"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Derogation:
    """A derogation to the public-sector ceiling of telework days (décret n° 2016-151, art. 4)."""

    kind: str
    duration_months: float | None = None
    medical_opinion: bool = False


@dataclass(frozen=True)
class Allowance:
    amount_eur: float
    period: str  # one of ALLOWANCE_PERIODS
    set_by: str = "entreprise"  # or branche_ou_groupe (private sector)


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about a document; None means unknown (the rule is skipped)."""

    sector: str
    covered: frozenset
    when: date
    document_type: str | None = None
    versant: str | None = None
    has_cse: bool | None = None
    cse_opinion_date: date | None = None
    has_union_delegate: bool | None = None
    failed_negotiation: bool | None = None
    disconnect_agreement: bool | None = None
    forfait_jours_staff: bool | None = None
    pre_2017_contract_clauses: bool | None = None
    committee_opinion_date: date | None = None
    committee_opinion_known: bool = True
    telework_days_per_week: float | None = None
    derogation: Derogation | None = None
    adaptation_period_months: float | None = None
    end_notice_months: float | None = None
    end_notice_adaptation_months: float | None = None
    reply_delay_months: float | None = None
    refusal_interview: bool | None = None
    allowances: tuple = ()
    monitoring_tools: tuple = ()
    monitoring_information: bool | None = None
    monitoring_consultation: bool | None = None
    clause_texts: dict = field(default_factory=dict)


def _value(name, when):
    return load_parameters("charter")[name].at(when).central


def _basis(clause_id, sector):
    return load_catalogue().clause(clause_id).legal_basis_for(sector)


def missing_clauses(facts):
    """Rules 1, 3, 4 and 7: each clause the catalogue requires for the sector must be in the document."""
    findings = []
    for clause in load_catalogue().for_sector(facts.sector):
        if clause.id in facts.covered:
            continue
        applicability = clause.applies[facts.sector]
        severity = applicability.if_missing
        if clause.include_if:
            condition = getattr(facts, clause.include_if.split(".")[-1])
            if not condition:
                continue
            severity = min(severity, "avertissement", key=SEVERITY_ORDER.get)
        topic, requirement = clause.topic_for(facts.sector), clause.requirement_for(facts.sector)
        message = f"{topic} : clause absente. Le texte doit préciser : {requirement}"
        topic_en, requirement_en = clause.topic_in(facts.sector, "en"), clause.requirement_for(facts.sector, "en")
        message_en = f"{topic_en}: clause missing. The text must state: {requirement_en}"
        findings.append(
            Finding(
                id=clause.id,
                legal_basis=clause.legal_basis_for(facts.sector),
                message=message,
                severity=severity,
                rule=applicability.rule,
                missing=True,
                text=facts.clause_texts.get(clause.id, ""),
                message_en=message_en,
            )
        )
    return findings


def adoption(facts):
    """Rule 2: a private charter follows the CSE's opinion and, with union delegates, a failed negotiation."""
    findings = []
    if facts.sector == "prive" and facts.document_type == "charte":
        if facts.has_cse and facts.cse_opinion_date is None:
            findings.append(
                Finding(
                    "DOC-01",
                    "C. trav. L1222-9 I",
                    "Cadre juridique et adoption : l'entreprise a un comité social et économique ; la charte est "
                    "élaborée après son avis, dont la date doit être indiquée (date de l'avis du CSE).",
                    "erreur",
                    2,
                    message_en="Legal framework and adoption: the company has a works council (CSE); the charter is "
                    "drawn up after its opinion, whose date must be given (date of the CSE's opinion).",
                )
            )
        if facts.has_union_delegate and not facts.failed_negotiation:
            findings.append(
                Finding(
                    "DOC-01",
                    "C. trav. L1222-9 I",
                    "Cadre juridique et adoption : la charte n'est possible qu'à défaut d'accord collectif ; avec "
                    "des délégués syndicaux, engagez d'abord une négociation et constatez son échec.",
                    "avertissement",
                    2,
                    message_en="Legal framework and adoption: a charter is only possible failing a collective "
                    "agreement; with union delegates, first open a negotiation and record its failure.",
                )
            )
    if facts.sector == "public" and facts.committee_opinion_known and facts.committee_opinion_date is None:
        findings.append(
            Finding(
                "DOC-02",
                _basis("DOC-02", "public"),
                "Acte et consultation : la date de l'avis du comité social compétent n'est pas indiquée ; le "
                "document porte une mention à compléter.",
                "avertissement",
                7,
                message_en="Act and consultation: the date of the competent social committee's opinion is not given; "
                "the document carries a mention to complete.",
            )
        )
    return findings


def _derogation_problem(derogation, when):
    """What is wrong with the derogation, in French and in English, or None."""
    if derogation.kind not in DEROGATION_TYPES:
        known = ", ".join(DEROGATION_TYPES)
        return (
            f"type de dérogation « {derogation.kind} » inconnu (valeurs possibles : {known})",
            f"unknown derogation type “{derogation.kind}” (possible values: {known})",
        )
    if derogation.kind == "sante_handicap":
        limit = _value("public.derogation_health_max_months", when)
        if not derogation.medical_opinion:
            return (
                "la dérogation pour raison de santé ou de handicap suppose l'avis du médecin du travail",
                "the derogation for health or disability requires the occupational physician's opinion",
            )
        if derogation.duration_months is None or derogation.duration_months > limit:
            return (
                f"la dérogation pour raison de santé ou de handicap dure au plus {limit:g} mois (renouvelable)",
                f"the derogation for health or disability lasts at most {limit:g} months (renewable)",
            )
    if derogation.kind == "aidant":
        limit = _value("public.derogation_carer_max_months", when)
        if derogation.duration_months is None or derogation.duration_months > limit:
            return (
                f"la dérogation pour un agent aidant dure au plus {limit:g} mois (renouvelable)",
                f"the derogation for an agent who is a carer lasts at most {limit:g} months (renewable)",
            )
    if derogation.kind == "situation_exceptionnelle" and derogation.duration_months is None:
        return (
            "l'autorisation liée à une situation exceptionnelle est temporaire : indiquez sa durée",
            "an authorisation for an exceptional situation is temporary: give its duration",
        )
    return None


def public_rhythm(facts):
    """Rule 5: at most 3 telework days and at least 2 days on site a week (monthly average allowed), unless an
    art. 4 derogation applies."""
    if facts.sector != "public" or facts.telework_days_per_week is None:
        return []
    maximum = _value("public.max_telework_days_per_week", facts.when)
    minimum_onsite = _value("public.min_onsite_days_per_week", facts.when)
    working_days = load_parameters("impact")["working_days_per_week"].at(facts.when).central
    days = round(facts.telework_days_per_week, 2)  # a monthly quota averaged over 52/12 weeks is not exact
    if days <= maximum and working_days - days >= minimum_onsite:
        return []
    reason = None if facts.derogation is None else _derogation_problem(facts.derogation, facts.when)
    if facts.derogation is not None and reason is None:
        return []
    message = (
        f"Rythme du télétravail : {days:g} jours de télétravail par semaine en moyenne, "
        f"au-delà du plafond de {maximum:g} jours (présence sur site d'au moins {minimum_onsite:g} jours)"
    )
    message += f" ; {reason[0]}." if reason else ", sans dérogation prévue par l'article 4 du décret."
    message_en = (
        f"Telework rhythm: {days:g} telework days a week on average, above the ceiling of {maximum:g} days "
        f"(at least {minimum_onsite:g} days on site)"
    )
    message_en += f"; {reason[1]}." if reason else ", with no derogation under article 4 of the decree."
    return [Finding("ORG-01", "Décret n° 2016-151, art. 3 et 4", message, "erreur", 5, message_en=message_en)]


def _months_en(value):
    return f"{value:g} month" if value == 1 else f"{value:g} months"


def public_procedure(facts):
    """Rule 6: adaptation ≤ 3 months, notice of 2 months (1 during adaptation), reply ≤ 1 month, refusal
    reasoned and preceded by an interview."""
    if facts.sector != "public":
        return []
    findings = []
    checks = (
        (
            "ELIG-07",
            facts.adaptation_period_months,
            "public.max_adaptation_period_months",
            lambda value, limit: value <= limit,
            "Période d'adaptation : {value:g} mois, au-delà du maximum de {limit:g} mois.",
            "Adaptation period: {value_en}, above the maximum of {limit_en}.",
        ),
        (
            "ELIG-08",
            facts.end_notice_months,
            "public.end_notice_months",
            lambda value, limit: value == limit,
            "Réversibilité : le délai de prévenance est de {limit:g} mois, et non {stated}.",
            "Reversibility: the notice period is {limit_en}; the text says {stated_en}.",
        ),
        (
            "ELIG-08",
            facts.end_notice_adaptation_months,
            "public.end_notice_during_adaptation_months",
            lambda value, limit: value == limit,
            "Réversibilité : pendant la période d'adaptation, le délai de prévenance est de {limit:g} mois, "
            "et non {stated}.",
            "Reversibility: during the adaptation period, the notice period is {limit_en}; the text says {stated_en}.",
        ),
        (
            "ELIG-04",
            facts.reply_delay_months,
            "public.max_reply_delay_months",
            lambda value, limit: value <= limit,
            "Demande et réponse : réponse en {value:g} mois, au-delà du délai maximal de {limit:g} mois.",
            "Request and answer: an answer within {value_en}, beyond the maximum of {limit_en}.",
        ),
    )
    for clause_id, value, parameter, respected, template, template_en in checks:
        if value is None:
            continue
        limit = _value(parameter, facts.when)
        if not respected(round(value, 2), limit):
            stated = {
                "stated": f"{value:g} mois" if value else "aucun délai",
                "stated_en": _months_en(value) if value else "no notice",
                "value_en": _months_en(value),
                "limit_en": _months_en(limit),
            }
            findings.append(
                Finding(
                    clause_id,
                    _basis(clause_id, "public"),
                    template.format(value=value, limit=limit, **stated),
                    "erreur",
                    6,
                    message_en=template_en.format(value=value, limit=limit, **stated),
                )
            )
    if facts.refusal_interview is False and "ELIG-05" in facts.covered:
        findings.append(
            Finding(
                "ELIG-05",
                _basis("ELIG-05", "public"),
                "Refus motivé : le refus doit être motivé et précédé d'un entretien, qui n'est pas mentionné.",
                "erreur",
                6,
                message_en="Reasoned refusal: a refusal must state its reasons and follow an interview, which is "
                "not mentioned.",
            )
        )
    return findings


def _ceilings(facts, set_by):
    if facts.sector == "public":
        return {
            "jour": (_value("public_forfait.per_day", facts.when), "par jour", "a day"),
            "an": (_value("public_forfait.per_year_cap", facts.when), "par an", "a year"),
        }
    suffix = "branch_or_group_agreement" if set_by == "branche_ou_groupe" else "no_agreement"
    return {
        "jour": (_value(f"private_allowance.per_day.{suffix}", facts.when), "par jour", "a day"),
        "mois": (_value(f"private_allowance.per_month.{suffix}", facts.when), "par mois", "a month"),
        "jour_hebdomadaire": (
            _value(f"private_allowance.per_weekly_day.{suffix}", facts.when),
            "par mois et par jour hebdomadaire",
            "a month per weekly day",
        ),
    }


def allowance(facts):
    """Rule 8: the allowance against the exemption ceilings of the year (private) or the public forfait."""
    findings = []
    basis = _basis("EQ-03", facts.sector)
    for paid in facts.allowances:
        ceiling = _ceilings(facts, paid.set_by).get(paid.period)
        if ceiling and paid.amount_eur > ceiling[0] + 1e-9:
            limit, label, label_en = ceiling
            paid_en, limit_en = money(paid.amount_eur, 2, "en"), money(limit, 2, "en")
            if facts.sector == "public":
                message = (
                    f"Frais liés au télétravail : {french_amount(paid.amount_eur)} {label}, au-delà du forfait "
                    f"télétravail réglementaire ({french_amount(limit)} {label} en {facts.when.year})."
                )
                message_en = (
                    f"Telework costs: {paid_en} {label_en}, above the regulatory telework allowance ({limit_en} "
                    f"{label_en} in {facts.when.year})."
                )
            else:
                message = (
                    f"Frais liés au télétravail : allocation de {french_amount(paid.amount_eur)} {label}, au-delà du "
                    f"plafond d'exonération de {french_amount(limit)} {label} en {facts.when.year} ; l'excédent est "
                    "soumis à cotisations sauf justificatifs."
                )
                message_en = (
                    f"Telework costs: an allowance of {paid_en} {label_en}, above the exemption ceiling of "
                    f"{limit_en} {label_en} in {facts.when.year}; the excess is subject to contributions unless "
                    "backed by receipts."
                )
            findings.append(Finding("EQ-03", basis, message, "avertissement", 8, message_en=message_en))
    if (
        facts.sector == "public"
        and facts.versant == "FPT"
        and facts.allowances
        and facts.document_type not in (None, "deliberation")
    ):
        findings.append(
            Finding(
                "EQ-03",
                "Décret n° 2021-1123 du 26 août 2021",
                "Frais liés au télétravail : dans la fonction publique territoriale, le forfait télétravail n'est "
                "versé qu'après une délibération de l'organe délibérant.",
                "avertissement",
                8,
                message_en="Telework costs: in the local public service (FPT), the telework allowance is only paid "
                "after a délibération of the deliberative assembly.",
            )
        )
    return findings


def monitoring(facts):
    """Rule 9: no practice the CNIL deems excessive; any monitoring is announced and submitted to the staff
    representatives beforehand."""
    findings = []
    tools = load_catalogue().choices["monitoring_tools"]
    basis = _basis("EQ-09", facts.sector)
    for name in facts.monitoring_tools:
        if tools[name]["prohibited"]:
            findings.append(
                Finding(
                    "EQ-09",
                    basis,
                    f"Contrôle de l'activité : {tools[name]['text'].rstrip(' ;.')} est une surveillance permanente ou "
                    "disproportionnée, incompatible avec les recommandations de la CNIL et l'article L1121-1.",
                    "erreur",
                    9,
                    message_en=f"Monitoring of activity: {tools[name]['text_en']}, a permanent or disproportionate "
                    "monitoring, incompatible with the CNIL's recommendations and article L1121-1.",
                )
            )
    if facts.monitoring_tools:
        if facts.monitoring_information is False:
            findings.append(
                Finding(
                    "EQ-09",
                    "C. trav. L1222-4",
                    "Contrôle de l'activité : le document doit prévoir l'information préalable des personnes "
                    "concernées sur tout dispositif de contrôle.",
                    "erreur",
                    9,
                    message_en="Monitoring of activity: the document must provide that the people concerned are "
                    "informed beforehand of any monitoring device.",
                )
            )
        if facts.monitoring_consultation is False:
            representatives = "du comité social" if facts.sector == "public" else "du comité social et économique"
            representatives_en = "social committee" if facts.sector == "public" else "works council (CSE)"
            findings.append(
                Finding(
                    "EQ-09",
                    "C. trav. L2312-38" if facts.sector == "prive" else basis,
                    f"Contrôle de l'activité : les dispositifs de contrôle supposent l'information et la consultation "
                    f"préalables {representatives}.",
                    "erreur",
                    9,
                    message_en="Monitoring of activity: monitoring devices require informing and consulting the "
                    f"{representatives_en} beforehand.",
                )
            )
    return findings


def disconnection(facts):
    """Rules 10 and 11: the right to disconnect where the annual negotiation applies or for forfait-jours staff."""
    if facts.sector != "prive":
        return []
    findings = []
    if facts.has_union_delegate and not facts.disconnect_agreement:
        findings.append(
            Finding(
                "ORG-06",
                "C. trav. L2242-17 7°",
                "Droit à la déconnexion : avec des délégués syndicaux, le droit à la déconnexion est un thème de la "
                "négociation annuelle ; à défaut d'accord, une charte sur la déconnexion est élaborée après avis du "
                "CSE.",
                "avertissement",
                10,
                message_en="Right to disconnect: with union delegates, the right to disconnect is a subject of the "
                "annual negotiation; failing an agreement, a charter on disconnection is drawn up after the CSE's "
                "opinion.",
            )
        )
    if facts.forfait_jours_staff and "ORG-06" not in facts.covered:
        findings.append(
            Finding(
                "ORG-06",
                "C. trav. L3121-64 (à vérifier)",
                "Droit à la déconnexion : des salariés au forfait annuel en jours télétravaillent ; les modalités "
                "du droit à la déconnexion doivent être prévues.",
                "avertissement",
                11,
                message_en="Right to disconnect: employees on a yearly days-based working time (forfait jours) "
                "telework; the terms of their right to disconnect must be set.",
            )
        )
    return findings


RULES = (missing_clauses, adoption, public_rhythm, public_procedure, allowance, monitoring, disconnection)


def validate(facts):
    """Every finding of every rule, errors first, then by clause in catalogue order."""
    order = {clause_id: index for index, clause_id in enumerate(load_catalogue().ids())}
    findings = [finding for rule in RULES for finding in rule(facts)]
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.id, len(order)), f.rule or 0))
