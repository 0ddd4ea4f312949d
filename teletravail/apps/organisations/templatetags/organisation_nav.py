from django import template

from teletravail.apps.organisations.navigation import organisation_tabs


register = template.Library()


@register.simple_tag
def tabs_of(access, current):
    """`{% tabs_of access current as tabs %}`: the organisation's tabs this person may open."""
    return organisation_tabs(access, current)
