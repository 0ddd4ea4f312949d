from django import template


register = template.Library()


@register.inclusion_tag("core/_map.html")
def choropleth_map(map_id, territory_map):
    """An SVG map (built by `teletravail.geo.maps`) followed by the table of its classes."""
    return {"map_id": map_id, "map": territory_map}
