"""Annexes of a charter, each a `Document`: the individual request and agreement form (private sector), the letter
ending telework (reversibility), the individual authorisation (public sector), and the one-page notice of telework
in exceptional circumstances (C. trav. L1222-11; décret n° 2016-151, art. 4 4°).
"""

from datetime import date

from teletravail.charter.assembly import build_context
from teletravail.charter.catalogue import SECTOR_WORDS, SECTORS
from teletravail.charter.errors import CharterInputError
from teletravail.charter.rules import Facts, public_rhythm
from teletravail.charter.text import french_date
from teletravail.documents import BulletList, Document, Heading, Paragraph, Table


BLANK = "……………………………"
DEROGATION_LABELS = {
    "sante_handicap": "état de santé ou handicap (art. 4 1°)",
    "grossesse": "grossesse (art. 4 2°)",
    "aidant": "agent aidant (art. 4 3°)",
    "situation_exceptionnelle": "situation exceptionnelle (art. 4 4°)",
}


def _form_table(rows, caption):
    return Table(
        headers=("Rubrique", "À compléter"), rows=tuple((label, value) for label, value in rows), caption=caption
    )


def _signatures(*parties):
    return Table(
        headers=("Signataire", "Date", "Signature"),
        rows=tuple((party, BLANK, BLANK) for party in parties),
        caption="Signatures",
    )


def individual_agreement_form(options, when=None):
    """Private sector: the employee's written request, the employer's answer and the acceptance of the conditions."""
    if options.sector != "prive":
        raise CharterInputError("Le formulaire de demande et d'accord individuel concerne le secteur privé.")
    when = when or date.today()
    context, lists = build_context(options, when)
    blocks = [
        Heading("1 – Demande du salarié", 1),
        _form_table(
            (
                ("Nom et prénom", BLANK),
                ("Poste et service", BLANK),
                ("Jours de télétravail souhaités", BLANK),
                ("Lieu(x) de télétravail (adresse)", BLANK),
                ("Date de début souhaitée", BLANK),
            ),
            "Demande",
        ),
        Paragraph(
            f"Le salarié demande à télétravailler dans les conditions {context['doc_of']}, dont il a reçu un "
            "exemplaire. Il atteste disposer d'une installation électrique conforme, d'une assurance habitation "
            "couvrant le télétravail et d'une connexion internet à haut débit au lieu de télétravail."
        ),
        Heading("2 – Conditions du télétravail", 1),
        BulletList(
            (
                f"Rythme : au plus {context['telework_days_text']}.",
                f"Plages horaires de contact : {context['contact_hours']}.",
                f"Période d'adaptation : {context['adaptation_period']}, avec un préavis de "
                f"{context['adaptation_notice']} pour y mettre un terme.",
                "Fin du télétravail à l'initiative de chaque partie : délai de prévenance de "
                f"{context['end_notice']}.",
                "Lieux autorisés : " + " ".join(lists["places"]),
            )
        ),
        Heading("3 – Réponse de l'employeur", 1),
        Paragraph(
            f"Réponse donnée par écrit dans un délai de {context['reply_delay']} à compter de la réception de la "
            "demande. □ Accord, à compter du " + BLANK + "   □ Refus, pour les motifs suivants : " + BLANK
        ),
        Heading("4 – Acceptation par le salarié", 1),
        Paragraph(
            context["acceptance_sentence"]
            + " Par sa signature, le salarié accepte les conditions de mise en œuvre du télétravail "
            "décrites ci-dessus."
        ),
        _signatures("Le salarié", "Le responsable hiérarchique"),
    ]
    return Document(
        title="Demande et accord individuel de télétravail",
        subtitle=options.organisation.name,
        blocks=tuple(blocks),
        author=options.organisation.name,
        generated_on=when,
    )


def reversibility_letter(options, initiative="employeur", when=None):
    """The letter ending telework, at the initiative of the employer (reasoned) or of the employee."""
    if initiative not in ("employeur", "salarie"):
        raise CharterInputError(
            f"« initiative » : « {initiative} » inconnue (valeurs possibles : employeur, salarie)."
        )
    when = when or date.today()
    context, _ = build_context(options, when)
    words = SECTOR_WORDS[options.sector]
    public = options.sector == "public"
    if initiative == "employeur":
        author, recipient = options.organisation.name, f"{BLANK} ({words['staff']})"
        body = [
            Paragraph(
                f"Nous vous informons qu'il sera mis fin à votre télétravail, en application {context['doc_of']}, "
                f"à l'issue d'un délai de prévenance de {context['end_notice']} courant à compter de la réception de "
                f"ce courrier, soit le {BLANK}."
            ),
            Paragraph(f"Cette décision est motivée par les raisons suivantes : {BLANK}"),
        ]
        if public:
            body.append(Paragraph(f"Elle fait suite à l'entretien qui s'est tenu le {BLANK}."))
        body.append(
            Paragraph(
                "À cette date, vous exercerez à nouveau vos fonctions sur site, selon l'horaire applicable à votre "
                "service, sur votre poste ou un poste équivalent. Les équipements fournis pour le télétravail seront "
                "restitués selon les modalités convenues avec le service informatique."
            )
        )
    else:
        author, recipient = f"{BLANK} ({words['staff']})", options.organisation.name
        body = [
            Paragraph(
                f"Je vous informe de ma décision de mettre fin à mon télétravail, en application {context['doc_of']}, "
                f"à l'issue du délai de prévenance de {context['end_notice']}, soit le {BLANK}."
            ),
            Paragraph(
                "Je reprendrai alors l'exercice de mes fonctions sur site et restituerai les équipements fournis."
            ),
        ]
    blocks = [
        Table(
            headers=("Expéditeur", "Destinataire", "Date"),
            rows=((author, recipient, BLANK),),
            caption="Courrier remis en main propre contre décharge ou envoyé en recommandé",
        ),
        Heading("Objet : fin du télétravail", 1),
        *body,
        _signatures("Signature de l'expéditeur"),
    ]
    return Document(
        title="Courrier de fin du télétravail (réversibilité)",
        subtitle=options.organisation.name,
        blocks=tuple(blocks),
        author=options.organisation.name,
        generated_on=when,
    )


def public_authorisation_form(options, when=None, telework_days_per_week=None, derogation=None):
    """Public sector: the individual authorisation (décret n° 2016-151, art. 8), with an art. 4 derogation if any.

    A rhythm above the ceiling without a valid derogation raises CharterInputError naming the rule.
    """
    if options.sector != "public":
        raise CharterInputError("L'autorisation individuelle de télétravail concerne le secteur public.")
    when = when or date.today()
    days = options.rhythm.telework_days if telework_days_per_week is None else telework_days_per_week
    if days < 0 or days > 7:
        raise CharterInputError(
            f"« jours de télétravail par semaine » : entre 0 et 7 jours attendus, « {days} » trouvé."
        )
    facts = Facts(sector="public", covered=frozenset(), when=when, telework_days_per_week=days, derogation=derogation)
    problems = public_rhythm(facts)
    if problems:
        raise CharterInputError(problems[0].message)
    context, lists = build_context(options, when)
    rows = [
        ("Agent (nom, prénom, grade ou emploi)", BLANK),
        ("Fonctions exercées en télétravail", BLANK),
        ("Lieu(x) d'exercice du télétravail (adresse)", BLANK),
        ("Recours régulier ou ponctuel ; jours fixes ou volume de jours flottants", BLANK),
        ("Nombre de jours de télétravail par semaine", f"{days:g}".replace(".", ",")),
        ("Date de début", BLANK),
        ("Période d'adaptation", context["adaptation_period"]),
    ]
    if derogation is not None:
        duration = "" if derogation.duration_months is None else f", pour {derogation.duration_months:g} mois"
        rows.append(("Dérogation au plafond de jours", f"{DEROGATION_LABELS[derogation.kind]}{duration}"))
    blocks = [
        Paragraph(
            f"Vu le décret n° 2016-151 du 11 février 2016 ; vu {context['doc']} ; vu la demande de l'agent du {BLANK}."
        ),
        Heading("Article 1 – Autorisation", 1),
        _form_table(rows, "Autorisation de télétravail"),
        Heading("Article 2 – Plages horaires de contact", 1),
        Paragraph(
            f"Pendant ses jours de télétravail, l'agent est à la disposition de son employeur et peut être joint "
            f"{context['contact_hours']}, en référence à son cycle de travail."
        ),
        Heading("Article 3 – Fin de l'autorisation", 1),
        Paragraph(
            f"Il peut être mis fin au télétravail à tout moment et par écrit, à l'initiative de l'administration ou "
            f"de l'agent, avec un délai de prévenance de {context['end_notice']} ({context['end_notice_adaptation']} "
            "pendant la période d'adaptation) ; la décision de l'administration est motivée et précédée "
            "d'un entretien."
        ),
        Heading("Article 4 – Documents remis à l'agent", 1),
        BulletList(
            (
                "un document d'information sur les modalités de contrôle et de comptabilisation du temps de travail ;",
                "un document sur les équipements mis à disposition : installation, restitution, conditions "
                "d'utilisation, de renouvellement et de maintenance, assistance technique ;",
                f"une copie {context['doc_of']} ;",
                "un document rappelant ses droits et obligations en matière de temps de travail, de santé et de "
                "sécurité au travail.",
            )
        ),
        _signatures("L'autorité territoriale ou le chef de service", "L'agent"),
    ]
    return Document(
        title="Autorisation individuelle de télétravail",
        subtitle=options.organisation.name,
        blocks=tuple(blocks),
        author=options.organisation.name,
        generated_on=when,
    )


def exceptional_circumstances_notice(organisation, reason, start, end=None, sector="prive", when=None):
    """The one-page notice by which the employer sets telework up in exceptional circumstances."""
    problems = []
    if not isinstance(organisation, str) or not organisation.strip():
        problems.append("« organisation » : le nom de l'employeur est obligatoire.")
    if not isinstance(reason, str) or not reason.strip():
        problems.append("« reason » : indiquez la circonstance exceptionnelle (épidémie, intempéries, fermeture…).")
    if sector not in SECTORS:
        problems.append(f"« sector » : « {sector} » inconnu (valeurs possibles : {', '.join(SECTORS)}).")
    if not isinstance(start, date):
        problems.append("« start » : une date de début est attendue.")
    elif end is not None and (not isinstance(end, date) or end < start):
        problems.append("« end » : la date de fin doit suivre la date de début.")
    if problems:
        raise CharterInputError(problems[0], problems)
    when = when or date.today()
    public = sector == "public"
    words = SECTOR_WORDS[sector]
    period = f"à compter du {french_date(start)}" + (
        f" et jusqu'au {french_date(end)} inclus" if end else ", jusqu'à nouvel ordre"
    )
    basis = (
        "l'article 4 du décret n° 2016-151 du 11 février 2016, qui permet une autorisation temporaire de "
        "télétravail lorsqu'une situation exceptionnelle perturbe l'accès au service ou le travail sur site"
        if public
        else "l'article L1222-11 du code du travail : en cas de circonstances exceptionnelles, notamment de menace "
        "d'épidémie, ou en cas de force majeure, le télétravail peut être mis en œuvre comme un aménagement du "
        "poste de travail nécessaire à la continuité de l'activité et à la protection des salariés"
    )
    blocks = [
        Heading("Circonstances", 1),
        Paragraph(
            f"En raison de la situation suivante : {' '.join(reason.split())}, {organisation.strip()} met en "
            f"œuvre le télétravail {period}."
        ),
        Paragraph(f"Cette mesure est prise en application de {basis}."),
        Heading("Personnes concernées et organisation", 1),
        Paragraph(
            f"Sont concernés les {words['staffs']} dont les activités peuvent être exercées à distance ; leur "
            "responsable hiérarchique leur confirme par écrit leurs jours de télétravail. Les limites habituelles "
            "de jours de télétravail ne s'appliquent pas pendant cette période. Les activités qui exigent une "
            "présence sur site sont organisées dans le respect des mesures de protection."
        ),
        Heading("Moyens et droits", 1),
        Paragraph(
            f"{words['Employer']} fournit les équipements et accès nécessaires. Les plages horaires de contact, le "
            "droit à la déconnexion, la prise en charge des frais et l'ensemble des droits des télétravailleurs "
            "s'appliquent. Toute difficulté matérielle ou de santé est signalée au responsable hiérarchique."
        ),
        Paragraph(
            "Les représentants du personnel sont informés de cette mesure. Le retour à l'organisation habituelle "
            "sera annoncé par le même canal."
        ),
    ]
    return Document(
        title="Note d'information – Télétravail en circonstances exceptionnelles",
        subtitle=organisation.strip(),
        blocks=tuple(blocks),
        author=organisation.strip(),
        generated_on=when,
    )
