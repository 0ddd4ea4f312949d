"""The account's API tokens page: the person's active tokens, a form to create one (its value shown once, on the
answer to the form), a button to revoke each."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teletravail.apps.apitokens import selectors, services
from teletravail.apps.apitokens.forms import TokenForm
from teletravail.apps.apitokens.tables import tokens_table
from teletravail.apps.core.pages import call_service


@never_cache
@login_required
def tokens(request):
    choices = services.token_organisation_choices(request.user)
    form = TokenForm(request.POST or None, organisations=choices)
    created = None
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                organisation_ids=form.cleaned_data["organisations"],
                days=form.cleaned_data["days"],
                request=request,
            ),
            form=form,
        )
        if call.ok:
            # Rendered, not redirected: the value is never stored, so it can only be shown on this answer.
            created = call.result
            form = TokenForm(organisations=choices)
    return render(
        request,
        "apitokens/tokens.html",
        {
            "form": form,
            "has_organisations": bool(choices),
            "created_token": created[0] if created else None,
            "created_value": created[1] if created else None,
            "tokens_table": tokens_table(selectors.active_tokens(request.user)),
        },
    )


@require_POST
@login_required
def revoke(request, token_id):
    token = selectors.own_token(request.user, token_id)
    call_service(
        request,
        lambda: services.revoke_token(token=token, actor=request.user, request=request),
        success=_("Le jeton « %(name)s » est révoqué : il ne donne plus accès à l'API.") % {"name": token.name},
    )
    return redirect("apitokens:list")
