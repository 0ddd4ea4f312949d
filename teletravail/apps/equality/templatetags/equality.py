from django import template

from teletravail.apps.equality.selectors import equality_section_context


register = template.Library()


@register.inclusion_tag("equality/_section.html")
def equality_section(access):
    """`{% equality_section access %}`: the equality table on a module's page (the diagnostic's results, the
    planner), for those who may see it."""
    return equality_section_context(access)
