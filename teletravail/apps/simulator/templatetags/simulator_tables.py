from django import template
from django.utils.translation import gettext as _

from teletravail.apps.core.tables import Column, number, table


register = template.Library()


@register.filter
def effects_table(effects):
    """Every effect of a simulation (`effects`: name → Effect) with its value and unit, for core/_table.html."""
    return table(
        _("Tous les effets"),
        (_("Effet"), Column(_("Valeur"), numeric=True), _("Unité")),
        [(effect.label, number(effect.value, "decimal", places=2), effect.unit) for effect in effects.values()],
    )
