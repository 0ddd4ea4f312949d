"""A person's notifications and their e-mail preferences: thin views over the services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teletravail.apps.core.pages import call_service
from teletravail.apps.notifications import selectors, services
from teletravail.apps.notifications.forms import EmailPreferencesForm


@login_required
def notification_list(request):
    return render(request, "notifications/list.html", {"notifications": selectors.notifications_of(request.user)})


@login_required
@require_POST
def notification_read(request, notification_id):
    services.mark_read(notification=selectors.notification_of(request.user, notification_id))
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    muted = selectors.muted_kinds(request.user)
    form = EmailPreferencesForm(request.POST or None, muted=muted)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.save_email_preferences(user=request.user, muted_kinds=form.muted_kinds()),
            success=_("Vos préférences de courriel sont enregistrées."),
            form=form,
        )
        if call.ok:
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "title": _("Courriels reçus"),
            "intro": _(
                "Choisissez ce que la plateforme vous envoie par courriel. Vous retrouvez toujours tout dans vos "
                "notifications."
            ),
            "legend": form.legend,
            "submit_label": _("Enregistrer mes préférences"),
        },
    )
