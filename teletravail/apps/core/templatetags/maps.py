from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.tables import Cell, Column, table


register = template.Library()


def _members(map_class):
    """« Ambérieu-en-Bugey (01), Belley (01) et 3 autres »: the members a class shows, and how many more."""
    text = ", ".join(map_class.shown_members)
    if map_class.more_members:
        more = ngettext("et %(counter)s autre", "et %(counter)s autres", map_class.more_members)
        text += " " + more % {"counter": map_class.more_members}
    return text


def classes_table(territory_map):
    """The classes of a map, each with its colour, its range, how many it holds and which."""
    rows = [
        (
            Cell(template="core/_map_swatch.html", context={"fill": map_class.fill}),
            map_class.label,
            map_class.count,
            Cell(_members(map_class)),
        )
        for map_class in territory_map.classes
    ]
    columns = (Column(_("Couleur"), label_hidden=True), territory_map.value_header, _("Nombre"))
    return table(
        _("Classes de la carte « %(title)s »") % {"title": territory_map.title},
        columns + (territory_map.member_header,),
        rows,
        row_header=1,
        classes="fr-table--no-caption map__classes",
    )


@register.inclusion_tag("core/_map.html")
def choropleth_map(map_id, territory_map):
    """An SVG map (built by `teletravail.geo.maps`) followed by the table of its classes."""
    return {"map_id": map_id, "map": territory_map, "table": classes_table(territory_map)}
