"""The HTTP API, version 1. Each app contributes a router; the OpenAPI document is served at /api/v1/openapi.json."""

import math

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import django_auth

from teletravail.apps.accounts.api_throttle import AnonymousIPThrottle
from teletravail.apps.core.api import JSONObjectParser, StrictJSONRenderer, body_error_message, field_error
from teletravail.apps.geo.api import router as geo_router
from teletravail.apps.organisations.api import router as organisations_router
from teletravail.apps.simulator.api import router as simulator_router


api = NinjaAPI(
    title="Télétravail — API",
    version="1.0.0",
    description=(
        "API ouverte de la plateforme télétravail. Les données de référence (communes) sont publiques ; "
        "les données d'une organisation ne sont visibles que de ses membres (authentification par session, "
        "jeton CSRF exigé pour les écritures)."
    ),
    urls_namespace="api-v1",
    parser=JSONObjectParser(),
    renderer=StrictJSONRenderer(),
)


@api.exception_handler(Http404)
def not_found(request, exc):
    # The same answer for "does not exist" and "not yours": guessing identifiers reveals nothing.
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentification requise."}, status=401)


@api.exception_handler(Throttled)
def throttled(request, exc):
    # French like the API's other messages, whatever the request's language.
    detail = f"Trop de requêtes : réessayez dans {math.ceil(exc.wait)} s." if exc.wait else "Trop de requêtes."
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": body_error_message(exc) or str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    # 400 rather than ninja's 422: every refusal of the caller's input is one documented status.
    errors = [field_error(error) for error in exc.errors]
    return api.create_response(request, {"detail": "Données invalides.", "erreurs": errors}, status=400)


api.add_router("/communes", geo_router, tags=["géographie"])
api.add_router("/organisations", organisations_router, tags=["organisations"], auth=django_auth)
# Simulations cost CPU: anonymous calls are rate-limited per IP, like sign-in failures.
api.add_router("/simulations", simulator_router, tags=["simulateur"], throttle=AnonymousIPThrottle("api-anonymous-ip"))
