"""The HTTP API, version 1. Each app contributes a router; the OpenAPI document is served at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from teletravail.apps.geo.api import router as geo_router
from teletravail.apps.organisations.api import router as organisations_router


api = NinjaAPI(
    title="Télétravail — API",
    version="1.0.0",
    description=(
        "API ouverte de la plateforme télétravail. Les données de référence (communes) sont publiques ; "
        "les données d'une organisation ne sont visibles que de ses membres."
    ),
    urls_namespace="api-v1",
)
api.add_router("/communes", geo_router, tags=["géographie"])
api.add_router("/organisations", organisations_router, tags=["organisations"], auth=django_auth)
