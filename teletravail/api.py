"""The HTTP API, version 1. Each app contributes a router; the OpenAPI document is served at /api/v1/openapi.json."""

import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import django_auth

from teletravail.apps.accounts.api_throttle import AnonymousIPThrottle, ApiTokenThrottle
from teletravail.apps.apitokens.auth import api_token_auth
from teletravail.apps.apitokens.services import TokenRefused
from teletravail.apps.core.api import JSONObjectParser, StrictJSONRenderer, body_error_message, field_error
from teletravail.apps.geo.api import router as geo_router
from teletravail.apps.organisations.api import router as organisations_router
from teletravail.apps.places.api import router as places_router
from teletravail.apps.practices.api import router as practices_router
from teletravail.apps.simulator.api import router as simulator_router


def anonymous(request):
    """Public operations: without credentials, the call goes through as anonymous."""
    return True


class PlatformAPI(NinjaAPI):
    # Operations open to anonymous callers accept a token too (then counted per token, not per IP): `{}` in their
    # security says that no credential is also fine.
    PUBLIC_WITH_OPTIONAL_TOKEN = {"/api/v1/simulations/": ("post",), "/api/v1/places": ("get",)}
    # Operations that answer another media type on request (format=geojson): (path, method) → (JSON schema, other
    # media type, its schema). The operation declares both schemas as one union; each media type gets its own.
    OTHER_MEDIA_TYPES = {
        ("/api/v1/places", "get"): ("PlacePageOut", "application/geo+json", "FeatureCollectionOut"),
    }

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, operations in schema["paths"].items():
            for prefix, methods in self.PUBLIC_WITH_OPTIONAL_TOKEN.items():
                if path.startswith(prefix):
                    for method in methods:
                        if method in operations:
                            operations[method]["security"] = [*operations[method].get("security", []), {}]
        for (path, method), (json_component, media_type, component) in self.OTHER_MEDIA_TYPES.items():
            content = schema["paths"][path][method]["responses"][200]["content"]
            content["application/json"] = {"schema": {"$ref": f"#/components/schemas/{json_component}"}}
            content[media_type] = {"schema": {"$ref": f"#/components/schemas/{component}"}}
        return schema


api = PlatformAPI(
    title="Télétravail — API",
    version="1.0.0",
    description=(
        "API ouverte de la plateforme télétravail. Les données de référence (communes) sont publiques ; "
        "les données d'une organisation ne sont visibles que de ses membres. Authentification par jeton d'API "
        "personnel (en-tête « Authorization: Bearer tt_… », sans jeton CSRF, nombre de requêtes limité par jeton) "
        "ou par session (jeton CSRF exigé pour les écritures). Un jeton expiré, révoqué ou "
        "inconnu reçoit 401 ; une organisation que le jeton n'ouvre pas, 403."
    ),
    urls_namespace="api-v1",
    parser=JSONObjectParser(),
    renderer=StrictJSONRenderer(),
    throttle=[ApiTokenThrottle("api-token")],
)


@api.exception_handler(Http404)
def not_found(request, exc):
    # The same answer for "does not exist" and "not yours": guessing identifiers reveals nothing.
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentification requise."}, status=401)


@api.exception_handler(TokenRefused)
def token_refused(request, exc):
    # In the request's language (Accept-Language): the caller is a script whose author reads the message.
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Action non autorisée.")}, status=403)


@api.exception_handler(Throttled)
def throttled(request, exc):
    # French like the API's other messages, whatever the request's language.
    detail = f"Trop de requêtes : réessayez dans {math.ceil(exc.wait)} s." if exc.wait else "Trop de requêtes."
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    # Refused from its declared size before it is read, in French like the API's other refusals (Django would
    # answer an HTML page).
    megabytes = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20:g}".replace(".", ",")
    return api.create_response(request, {"detail": f"Requête trop volumineuse : {megabytes} Mo au plus."}, status=413)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": body_error_message(exc) or str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    # 400 rather than ninja's 422: every refusal of the caller's input is one documented status.
    errors = [field_error(error) for error in exc.errors]
    return api.create_response(request, {"detail": "Données invalides.", "erreurs": errors}, status=400)


api.add_router("/communes", geo_router, tags=["géographie"])
api.add_router("/organisations", organisations_router, tags=["organisations"], auth=[api_token_auth, django_auth])
api.add_router("/organisations", practices_router, tags=["pratiques"], auth=[api_token_auth, django_auth])
# Simulations cost CPU: anonymous calls are rate-limited per IP, like sign-in failures, calls with a token per token.
api.add_router(
    "/simulations",
    simulator_router,
    tags=["simulateur"],
    auth=[api_token_auth, anonymous],
    throttle=[AnonymousIPThrottle("api-anonymous-ip"), ApiTokenThrottle("api-token")],
)
# The places directory is open data: anonymous reads are rate-limited per IP; writes need a token or a session.
api.add_router(
    "/places",
    places_router,
    tags=["lieux"],
    auth=[api_token_auth, anonymous],
    throttle=[AnonymousIPThrottle("api-anonymous-ip"), ApiTokenThrottle("api-token")],
)
