from django import template

from teletravail.apps.core.navigation import site_menu


register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu_links(context):
    """`{% site_menu_links as links %}`: the main menu's links for the page's request (a visitor's without one)."""
    return site_menu(context.get("request"))
