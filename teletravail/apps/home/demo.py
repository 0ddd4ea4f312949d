"""The demonstration organisation « Atelier Démo » and one account per role.

Nothing here prints: `teletravail demo create` shows the returned credentials itself.
Passwords are random and returned once; they are stored hashed, so a lost one is replaced with `reset_passwords`.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.accounts.models import User
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.home import world
from teletravail.apps.organisations.models import Organisation


DEMO_NAME = world.DEMO.name
DEMO_SIRET = world.DEMO.siret
DEMO_URL = "http://127.0.0.1:8000/"

# The accounts whose password the commands show, in this order, with the label of their role.
ACCOUNT_LABELS = {
    "admin": gettext_lazy("Administrateur·rice employeur"),
    "manager": gettext_lazy("Manager (Développement)"),
    "salarie": gettext_lazy("Salarié·e (Développement)"),
    "consultant": gettext_lazy("Consultant·e"),
    "lieu": gettext_lazy("Gestionnaire de lieu"),
    "analyste": gettext_lazy("Analyste public"),
    "plateforme": gettext_lazy("Administrateur·rice de la plateforme"),
}
ACCOUNTS = tuple(person for person in world.DEMO.people if person.key in ACCOUNT_LABELS)


class CommunesMissing(Exception):
    def __init__(self):
        super().__init__(_("Chargez d'abord la géographie : teletravail geo load"))


class DemoMissing(Exception):
    def __init__(self):
        super().__init__(_("L'organisation de démonstration n'existe pas : créez-la avec teletravail demo create"))


@dataclass(frozen=True)
class Credential:
    label: str
    email: str
    password: str


@dataclass(frozen=True)
class DemoResult:
    created: bool
    organisation: Organisation
    credentials: tuple = ()


def demo_organisation():
    return Organisation.objects.filter(is_demo=True, siret=DEMO_SIRET).first()


def _new_password():
    return secrets.token_urlsafe(12)


def _new_credentials():
    """A new random password for each demo account, set and returned once (only its hash is kept)."""
    credentials = []
    for person in ACCOUNTS:
        password = _new_password()
        user = User.objects.get(email=person.email)
        user.set_password(password)
        user.save(update_fields=["password"])
        credentials.append(Credential(str(ACCOUNT_LABELS[person.key]), person.email, password))
    return tuple(credentials)


@transaction.atomic
def create_demo():
    """Create the demo organisation and its accounts, or report that it exists (and create nothing)."""
    existing = demo_organisation()
    if existing is not None:
        return DemoResult(created=False, organisation=existing)
    try:
        demo = world.build_world(world.DEMO)
    except world.CommunesMissing:
        raise CommunesMissing() from None
    record_event(
        AuditAction.ORGANISATION_CREATED,
        actor=demo.admin.user,
        organisation=demo.organisation,
        name=DEMO_NAME,
        siret=DEMO_SIRET,
        demo=True,
    )
    return DemoResult(created=True, organisation=demo.organisation, credentials=_new_credentials())


@transaction.atomic
def reset_passwords():
    """New random passwords for every demo account (the demo must exist)."""
    if demo_organisation() is None:
        raise DemoMissing()
    for person in ACCOUNTS:
        world.upsert_user(person, password=None)  # brought back to the demo's content (name, role, active)
    return _new_credentials()


def format_credentials(credentials):
    """A plain-text table, readable in any terminal and easy to copy."""
    headers = (_("Rôle"), _("Adresse électronique"), _("Mot de passe"))
    rows = [(c.label, c.email, c.password) for c in credentials]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(3)]

    def line(cells):
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    separator = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])


def describe_result(result):
    """What the commands print after create_demo."""
    if not result.created:
        return _(
            "L'organisation de démonstration « %(name)s » existe déjà : rien n'a été créé. "
            "Pour obtenir de nouveaux mots de passe : teletravail demo reset-passwords"
        ) % {"name": result.organisation.name}
    return "\n".join(
        [
            _("Organisation de démonstration « %(name)s » créée.") % {"name": result.organisation.name},
            _("Plateforme : %(url)s") % {"url": DEMO_URL},
            "",
            format_credentials(result.credentials),
            "",
            _("Ces mots de passe ne seront plus affichés ; teletravail demo reset-passwords en génère de nouveaux."),
        ]
    )


def describe_passwords(credentials):
    return "\n".join(
        [
            _("Nouveaux mots de passe des comptes de démonstration."),
            _("Plateforme : %(url)s") % {"url": DEMO_URL},
            "",
            format_credentials(credentials),
        ]
    )
