"""Every operation of the API, fuzzed from its OpenAPI document: no server error, every answer as documented.

Schemathesis draws valid and invalid requests from docs/openapi.json's schemas and sends them to the Django
application in-process; each operation is run anonymously and signed in as an employer administrator (session
and CSRF token, as a browser would). The draws are derandomised, so that a run in CI is the run on a laptop.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from teletravail.api import api
from teletravail.apps.organisations.models import Site
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, make_commune


# Enough to draw the edge cases of every schema (bounds, empty strings, wrong types) in a few seconds an operation.
EXAMPLES_PER_OPERATION = 30

# Whether an input is accepted also depends on what the schema cannot state (the commune codes that exist, what an
# uploaded file holds, a SIRET's check digit): there a schema-valid request may get a 400, never a 5xx.
DATA_DEPENDENT = {
    "POST /api/v1/simulations/person",
    "POST /api/v1/simulations/employer",
    "POST /api/v1/simulations/territory",
    "PATCH /api/v1/organisations/{organisation_id}",
    # A bbox whose minimum passes its maximum, a commune code that does not exist, a place of another operator.
    "GET /api/v1/places",
    "GET /api/v1/places/nearest",
    "POST /api/v1/places",
    "PUT /api/v1/places/{place_id}",
}


def _without_authentication(document):
    """The document without its security requirements: signed in, the session cookie is the fixture's, and
    schemathesis must not take its own (absent or mangled) cookie for the one sent."""
    # Through JSON: ninja's schema object also carries the API (routers, throttles), which deepcopy cannot copy.
    document = json.loads(json.dumps(document))
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    document.get("components", {}).pop("securitySchemes", None)
    return document


DOCUMENT = api.get_openapi_schema()
ANONYMOUS = schemathesis.openapi.from_dict(DOCUMENT)
SIGNED_IN = schemathesis.openapi.from_dict(_without_authentication(DOCUMENT))
OPERATIONS = [result.ok().label for result in ANONYMOUS.get_all_operations()]
WSGI_APP = get_wsgi_application()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The application is called as a server would (not through Django's test client), so it would close the
    database connection after each request, and with it the test's transaction: as the test client does, keep it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


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


def _fuzz(schema, label, *, cookies=None, headers=None, path_parameters=None):
    operation = schema.find_operation_by_label(label)
    excluded = [positive_data_acceptance] if label in DATA_DEPENDENT else []
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
        case.validate_response(response, headers=headers, excluded_checks=excluded)

    run()


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS)
def test_anonymous_callers_get_no_server_error_and_documented_answers(operation):
    make_commune()
    _fuzz(ANONYMOUS, operation)


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS)
def test_signed_in_callers_get_no_server_error_and_documented_answers(operation, signed_in_admin):
    path_parameters = (
        {"organisation_id": signed_in_admin["organisation_id"]} if "{organisation_id}" in operation else None
    )
    _fuzz(
        SIGNED_IN,
        operation,
        cookies=signed_in_admin["cookies"],
        headers=signed_in_admin["headers"],
        path_parameters=path_parameters,
    )
