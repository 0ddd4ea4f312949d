import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


TEST_PASSWORD = "mot-de-passe-de-test-1"


@pytest.fixture(autouse=True)
def default_language():
    """A request in English activates English for the rest of the thread (LocaleMiddleware never deactivates):
    each test starts, and leaves, in the platform's default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def member_factory(db):
    """Make a member of an organisation with a role: member_factory(org, "employer_admin")."""

    def make(organisation, role="employee", **kwargs):
        return MembershipFactory(organisation=organisation, role=role, **kwargs)

    return make


@pytest.fixture
def rhone_geography(db, tmp_path):
    """The real communes of the Rhône (and the real régions, départements, EPCI): Lyon and its arrondissements,
    Villeurbanne, Albigny-sur-Saône, Irigny…"""
    from tests.real_geography import import_departements

    return import_departements(tmp_path / "rhone")


@pytest.fixture
def run_jobs(db, monkeypatch):
    """Run the queued jobs in this process, as the worker does (no worker process in the tests)."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    # Between two jobs the worker closes its connection when obsolete, as a request does when it ends; here the
    # connection holds the test's transaction (on PostgreSQL, closing it would lose the test's data).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("jobs_worker", "--batch", "--interval", "0", verbosity=0)

    return run
