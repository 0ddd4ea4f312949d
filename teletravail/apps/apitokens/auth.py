"""The API's side of tokens: `Authorization: Bearer <jeton>` authenticates a request as the token's owner, within
the organisations the token opens, and the calls are rate-limited per token."""

from ninja.security import HttpBearer

from teletravail.apps.apitokens.services import authenticate


class ApiTokenAuth(HttpBearer):
    """Without an `Authorization: Bearer` header the next method (the session) decides; with one, the token must
    be valid (401 otherwise, never a fall back on the session). No CSRF token is needed: a browser never sends
    this header by itself."""

    openapi_description = (
        "Jeton d'API personnel (« tt_… »), créé depuis la page « Jetons d'API » du compte ou par "
        "`teletravail api token create`. Il ouvre les organisations choisies à sa création, avec le rôle que son "
        "titulaire y a au moment de chaque requête."
    )

    def authenticate(self, request, token):
        api_token = authenticate(token, request=request)
        user = api_token.user
        # Read by organisation_access: the token never opens more than the organisations it was created for.
        user.api_token_organisation_ids = frozenset(api_token.organisations.values_list("pk", flat=True))
        request.user = user
        request.api_token = api_token
        return api_token


api_token_auth = ApiTokenAuth()
