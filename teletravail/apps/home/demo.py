"""The demonstration organisation « Atelier Démo » and one account per role.

Nothing here prints: `teletravail demo create` shows the returned credentials itself.
Passwords are random and returned once; they are stored hashed, so a lost one is replaced with `reset_passwords`.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.diagnostic.services import create_demo_campaign
from teletravail.apps.geo.models import Commune
from teletravail.apps.organisations.models import ConsultantAccess, Membership, Organisation, Role, Sector, Site, Team


DEMO_NAME = "Atelier Démo"
DEMO_SIRET = "98765432100015"  # Passes the check digit; belongs to no real establishment.
DEMO_DOMAIN = "demo.teletravail.localhost"
DEMO_URL = "http://127.0.0.1:8000/"
REQUIRED_COMMUNES = ("69383", "42218")  # Lyon 3e arrondissement, Saint-Étienne.

# Name, commune, usual desks and the days with fewer (the Siège's second floor is closed on Fridays).
SITES = (("Siège", "69383", 30, {"ven": 18}), ("Agence", "42218", 12, {}))
TEAMS = ("Comptabilité", "Développement", "Relation clients")


@dataclass(frozen=True)
class DemoAccount:
    key: str
    label: str
    full_name: str
    platform_role: str = PlatformRole.NONE
    role: str | None = None  # Role in the demo organisation, if a member.

    @property
    def email(self):
        return f"{self.key}@{DEMO_DOMAIN}"


ACCOUNTS = (
    DemoAccount("admin", gettext_lazy("Administrateur·rice employeur"), "Camille Arnaud", role=Role.EMPLOYER_ADMIN),
    DemoAccount("manager", gettext_lazy("Manager (Développement)"), "Mathis Lefèvre", role=Role.MANAGER),
    DemoAccount("salarie", gettext_lazy("Salarié·e (Développement)"), "Sarah Benali", role=Role.EMPLOYEE),
    DemoAccount("consultant", gettext_lazy("Consultant·e"), "Claire Dumas", platform_role=PlatformRole.CONSULTANT),
    DemoAccount(
        "lieu", gettext_lazy("Gestionnaire de lieu"), "Lucas Perrin", platform_role=PlatformRole.PLACE_OPERATOR
    ),
    DemoAccount("analyste", gettext_lazy("Analyste public"), "Aïcha Morel", platform_role=PlatformRole.PUBLIC_ANALYST),
    DemoAccount(
        "plateforme",
        gettext_lazy("Administrateur·rice de la plateforme"),
        "Paul Girard",
        platform_role=PlatformRole.PLATFORM_ADMIN,
    ),
)


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


def _upsert_account(account):
    password = _new_password()
    user, _created = User.objects.get_or_create(
        email=account.email, defaults={"full_name": account.full_name, "platform_role": account.platform_role}
    )
    user.full_name = account.full_name
    user.platform_role = account.platform_role
    user.is_active = True
    is_platform_admin = account.platform_role == PlatformRole.PLATFORM_ADMIN
    user.is_staff = user.is_superuser = is_platform_admin
    user.set_password(password)
    user.save()
    return user, Credential(str(account.label), account.email, password)


@transaction.atomic
def create_demo():
    """Create the demo organisation and its accounts, or report that it exists (and create nothing)."""
    existing = demo_organisation()
    if existing is not None:
        return DemoResult(created=False, organisation=existing)
    communes = Commune.objects.in_bulk(REQUIRED_COMMUNES)
    if len(communes) != len(REQUIRED_COMMUNES):
        raise CommunesMissing()

    organisation = Organisation.objects.create(
        name=DEMO_NAME, siret=DEMO_SIRET, sector=Sector.PRIVATE, headcount=48, naf_code="62.01Z", is_demo=True
    )
    sites = {
        name: Site.objects.create(
            organisation=organisation, name=name, commune=communes[code], desks=desks, desks_by_day=desks_by_day
        )
        for name, code, desks, desks_by_day in SITES
    }
    teams = {name: Team.objects.create(organisation=organisation, name=name, site=sites["Siège"]) for name in TEAMS}
    teams["Relation clients"].site = sites["Agence"]
    teams["Relation clients"].save(update_fields=["site"])

    users, credentials = {}, []
    for account in ACCOUNTS:
        users[account.key], credential = _upsert_account(account)
        credentials.append(credential)

    Membership.objects.create(user=users["admin"], organisation=organisation, role=Role.EMPLOYER_ADMIN)
    manager = Membership.objects.create(
        user=users["manager"], organisation=organisation, role=Role.MANAGER, team=teams["Développement"]
    )
    manager.managed_teams.set([teams["Développement"]])
    Membership.objects.create(
        user=users["salarie"],
        organisation=organisation,
        role=Role.EMPLOYEE,
        team=teams["Développement"],
        home_commune=communes["42218"],
    )
    ConsultantAccess.objects.get_or_create(
        organisation=organisation,
        consultant=users["consultant"],
        revoked_at=None,
        defaults={"granted_by": users["admin"]},
    )
    record_event(
        AuditAction.ORGANISATION_CREATED,
        actor=users["admin"],
        organisation=organisation,
        name=DEMO_NAME,
        siret=DEMO_SIRET,
        demo=True,
    )
    # A decided diagnostic, so that the results, the planner's eligible days and the charter's activities show.
    create_demo_campaign(organisation)
    return DemoResult(created=True, organisation=organisation, credentials=tuple(credentials))


@transaction.atomic
def reset_passwords():
    """New random passwords for every demo account (the demo must exist)."""
    if demo_organisation() is None:
        raise DemoMissing()
    return tuple(_upsert_account(account)[1] for account in ACCOUNTS)


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
