import pytest
from typer.testing import CliRunner

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.charters.models import CharterDocument
from teletravail.apps.diagnostic.models import Campaign
from teletravail.apps.diagnostic.selectors import campaign_progress, eligible_telework_days
from teletravail.apps.home import demo
from teletravail.apps.home.cli import demo_app
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations.models import ConsultantAccess, Membership, Organisation, Role, Site, Team
from teletravail.apps.organisations.validators import siret_is_valid
from teletravail.apps.planner.models import TeamPlan
from teletravail.cli import app
from tests.world import communes


def state():
    return (
        Organisation.objects.count(),
        Site.objects.count(),
        Team.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
        ConsultantAccess.objects.count(),
        tuple(User.objects.order_by("pk").values_list("password", flat=True)),
    )


@pytest.mark.django_db
def test_demo_needs_the_communes():
    with pytest.raises(demo.CommunesMissing, match="teletravail geo load"):
        demo.create_demo()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_creates_the_organisation_and_one_account_per_role():
    communes()
    result = demo.create_demo()

    organisation = result.organisation
    assert result.created
    assert (organisation.name, organisation.is_demo, organisation.sector, organisation.headcount) == (
        "Atelier Démo",
        True,
        "prive",
        48,
    )
    assert organisation.naf_code == "62.01Z"
    assert siret_is_valid(organisation.siret)
    sites = {s.name: (s.commune_id, s.desks) for s in organisation.sites.all()}
    assert sites == {"Siège": ("69383", 30), "Agence": ("42218", 12)}
    assert set(organisation.teams.values_list("name", flat=True)) == {
        "Comptabilité",
        "Développement",
        "Relation clients",
    }

    roles = dict(Membership.objects.filter(organisation=organisation).values_list("user__email", "role"))
    assert roles == {
        "admin@demo.teletravail.localhost": Role.EMPLOYER_ADMIN,
        "manager@demo.teletravail.localhost": Role.MANAGER,
        "salarie@demo.teletravail.localhost": Role.EMPLOYEE,
    }
    manager = Membership.objects.get(user__email="manager@demo.teletravail.localhost")
    assert list(manager.managed_teams.values_list("name", flat=True)) == ["Développement"]
    employee = Membership.objects.get(user__email="salarie@demo.teletravail.localhost")
    assert (employee.team.name, employee.home_commune_id) == ("Développement", "42218")

    consultant = User.objects.get(email="consultant@demo.teletravail.localhost")
    assert consultant.platform_role == PlatformRole.CONSULTANT
    assert ConsultantAccess.objects.get(organisation=organisation, consultant=consultant).is_active
    platform_admin = User.objects.get(platform_role=PlatformRole.PLATFORM_ADMIN)
    assert platform_admin.is_staff and platform_admin.is_superuser
    assert User.objects.filter(platform_role=PlatformRole.PLACE_OPERATOR).exists()
    assert User.objects.filter(platform_role=PlatformRole.PUBLIC_ANALYST).exists()

    # The employee's diagnostic is decided: the planner and the journey read it.
    progress = campaign_progress(organisation)
    assert (progress.invited, progress.answered, progress.decided) == (1, 1, 1)
    assert eligible_telework_days(employee) is not None

    # The printed passwords are the real ones, and all differ.
    assert len(result.credentials) == 7
    assert len({c.password for c in result.credentials}) == 7
    assert result.credentials  # a loop over nothing would assert nothing
    for credential in result.credentials:
        assert User.objects.get(email=credential.email).check_password(credential.password)
    text = demo.describe_result(result)
    assert "http://127.0.0.1:8000/" in text
    assert result.credentials[0].password in text


@pytest.mark.django_db
def test_the_demo_holds_what_each_module_registered_for_it():
    """The demo is the world of the one builder the tests use: each module adds its objects through the registry
    (before, the demo called the diagnostic directly and had no plan and no charter)."""
    communes()
    organisation = demo.create_demo().organisation
    plan = TeamPlan.objects.get(team__organisation=organisation)
    assert plan.team.name == "Développement" and plan.created_by.email == "manager@demo.teletravail.localhost"
    assert Job.objects.filter(payload__team=plan.team.pk).count() == 1  # its solve, queued for the worker
    document = CharterDocument.objects.get(organisation=organisation)
    assert document.versions.count() == 1
    assert Campaign.objects.filter(organisation=organisation).count() == 1


@pytest.mark.django_db
def test_second_run_creates_nothing():
    communes()
    demo.create_demo()
    before = state()

    again = demo.create_demo()

    assert not again.created
    assert again.credentials == ()
    assert state() == before
    assert "teletravail demo reset-passwords" in demo.describe_result(again)


@pytest.mark.django_db
def test_reset_passwords_gives_new_working_passwords():
    communes()
    first = demo.create_demo()
    fresh = demo.reset_passwords()
    assert fresh  # a loop over nothing would assert nothing
    for old, new in zip(first.credentials, fresh, strict=True):
        user = User.objects.get(email=new.email)
        assert user.check_password(new.password)
        assert not user.check_password(old.password)


@pytest.mark.django_db
def test_reset_passwords_without_demo():
    with pytest.raises(demo.DemoMissing):
        demo.reset_passwords()


@pytest.mark.django_db
def test_cli_exit_code_2_without_communes():
    result = CliRunner().invoke(demo_app, ["create"])
    assert result.exit_code == 2
    assert "Chargez d'abord la géographie : teletravail geo load" in result.output


@pytest.mark.django_db
def test_cli_create_then_reset():
    communes()
    runner = CliRunner()
    created = runner.invoke(demo_app, ["create"])
    assert created.exit_code == 0
    assert "admin@demo.teletravail.localhost" in created.output
    again = runner.invoke(demo_app, ["create"])
    assert again.exit_code == 0
    assert "existe déjà" in again.output
    reset = runner.invoke(demo_app, ["reset-passwords"])
    assert reset.exit_code == 0
    assert "Mot de passe" in reset.output


@pytest.mark.django_db
def test_teletravail_demo_create_without_geography_says_what_to_run():
    result = CliRunner().invoke(app, ["demo", "create"])
    assert result.exit_code == 2
    assert "teletravail geo load" in result.stderr
    assert Organisation.objects.filter(is_demo=True).count() == 0
