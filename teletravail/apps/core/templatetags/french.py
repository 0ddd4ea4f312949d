"""The formatters of `teletravail.french` as template filters, in the active language:
`{{ amount|money }}` → « −188 € », `{{ share|percent:1 }}` → « 12,5 % », `{{ km|fixed:1 }}` → « 20,0 »,
`{{ organisation.name|of_name }}` → « d'Atelier Démo », `{{ user.email|que_name }}` → « qu'alice@… »."""

from django import template

from teletravail import french
from teletravail.apps.core.language import active_language, in_language, of_name, que_name


register = template.Library()
register.filter("of_name", of_name)
register.filter("que_name", que_name)
register.filter("in_language", in_language)


@register.filter
def integer(value, signed=""):
    return french.integer(_number(value), active_language(), signed=bool(signed))


@register.filter
def decimal(value, places=1):
    return french.decimal(_number(value), int(places), active_language())


@register.filter
def fixed(value, places=1):
    return french.fixed(_number(value), int(places), active_language())


@register.filter
def fixed_unless_whole(value, places=2):
    return french.fixed_unless_whole(_number(value), int(places), active_language())


@register.filter
def percent(value, places=0):
    return french.percent(_number(value), int(places), active_language())


@register.filter
def money(value, places=0):
    return french.money(_number(value), int(places), active_language())


@register.filter
def km(value, places=0):
    return french.km(_number(value), int(places), active_language())


@register.filter
def kg(value, places=0):
    return french.kg(_number(value), int(places), active_language())


@register.filter
def hours(value, places=0):
    return french.hours(_number(value), int(places), active_language())


@register.filter
def significant(value, digits=3):
    return french.significant(_number(value), int(digits), active_language())


def _number(value):
    """None and empty values print nothing; Decimals and numeric strings are read as numbers."""
    if value in (None, ""):
        return None
    return float(value)
