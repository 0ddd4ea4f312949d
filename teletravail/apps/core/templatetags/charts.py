from django import template
from django.utils.translation import gettext as _

from teletravail.apps.core.charts import bar_chart
from teletravail.apps.core.tables import table


register = template.Library()


@register.inclusion_tag("core/charts/bar_chart.html")
def horizontal_bar_chart(chart_id, title, rows, value_header, category_header=""):
    """An SVG bar chart followed by its data table (the accessible alternative, always present)."""
    chart = bar_chart(title, rows)
    return {
        "chart_id": chart_id,
        "chart": chart,
        "table": table(
            chart.title,
            (category_header or _("Élément"), value_header),
            [(bar.label, bar.display) for bar in chart.bars],
            classes="fr-table--no-caption",
        ),
    }
