from django import template

from teletravail.apps.core.charts import bar_chart


register = template.Library()


@register.inclusion_tag("core/charts/bar_chart.html")
def horizontal_bar_chart(chart_id, title, rows, value_header, category_header=""):
    """An SVG bar chart followed by its data table (the accessible alternative, always present)."""
    return {
        "chart_id": chart_id,
        "chart": bar_chart(title, rows),
        "value_header": value_header,
        "category_header": category_header,
    }
