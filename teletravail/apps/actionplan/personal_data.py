"""The action plan in the organisation's data archive (core.personal_data), and what it holds about a person."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.actionplan.models import Action
from teletravail.apps.core.personal_data import (
    PersonalTable,
    field_columns,
    register_organisation_records,
    register_personal_data,
    register_processing,
)


register_organisation_records("plan_action", _("Plan d'action"), Action, "organisation")


register_processing(
    _("Plan d'action"),
    purpose=_("Suivre les actions décidées par l'organisation : quoi, qui, quand, où elles en sont"),
    legal_basis=_(
        "Intérêt légitime de l'employeur à organiser le télétravail et à prévenir ses risques (RGPD, art. 6.1.f ; "
        "Code du travail, art. L4121-1)"
    ),
    data=_("Nom de la personne à qui une action est confiée, adresse de qui l'a ajoutée"),
    recipients=_("Les membres de votre organisation et les consultants auxquels elle a donné accès"),
    retention=_("Tant que l'organisation existe"),
)


@register_personal_data
def entrusted_actions(user):
    actions = Action.objects.filter(owner__user=user).select_related("organisation").order_by("organisation__name")
    return [
        PersonalTable(
            "actions_confiees",
            _("Les actions du plan d'action qui vous sont confiées"),
            (("organisation", _("Organisation")), *field_columns(Action, "title", "due_on", "status")),
            [[action.organisation.name, action.title, action.due_on, action.status] for action in actions],
        )
    ]
