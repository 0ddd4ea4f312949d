"""Every operation of the API, fuzzed from its OpenAPI document: no server error, every answer as documented.

Schemathesis draws valid and invalid requests from docs/openapi.json's schemas and sends them to the Django
application in-process; each operation is run anonymously and signed in as an employer administrator (session
and CSRF token, as a browser would). The draws are derandomised, so that a run in CI is the run on a laptop.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from teletravail.api import api
from teletravail.apps.organisations.models import Site
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, make_commune


# Enough to draw the edge cases of every schema (bounds, empty strings, wrong types) in a few seconds an operation.
EXAMPLES_PER_OPERATION = 40

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
WSGI_APP = get_wsgi_application()


@pytest.fixture
def signed_in_admin(db):
    """An employer administrator of an organisation with a site and a team: the session and CSRF cookies."""
    organisation = OrganisationFactory()
    commune = make_commune()
    site = Site.objects.create(organisation=organisation, name="Siège", commune=commune, desks=10)
    TeamFactory(organisation=organisation, site=site)
    admin = MembershipFactory(organisation=organisation, role="employer_admin", home_commune=commune)
    client = Client()
    client.force_login(admin.user)
    csrf = _get_new_csrf_string()
    return {
        "organisation_id": organisation.pk,
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


def _fuzz(operation, *, cookies=None, headers=None, path_parameters=None):
    strategy = st.one_of(
        operation.as_strategy(mode, path_parameters=path_parameters)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    )

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call(app=WSGI_APP, cookies=cookies, headers=headers)
        case.validate_response(response, headers=headers)

    run()


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_anonymous_callers_get_no_server_error_and_documented_answers(operation):
    make_commune()
    _fuzz(operation)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_signed_in_callers_get_no_server_error_and_documented_answers(operation, signed_in_admin):
    path_parameters = (
        {"organisation_id": signed_in_admin["organisation_id"]} if "{organisation_id}" in operation.path else None
    )
    _fuzz(
        operation,
        cookies=signed_in_admin["cookies"],
        headers=signed_in_admin["headers"],
        path_parameters=path_parameters,
    )
