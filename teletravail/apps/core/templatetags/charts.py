from django import template

from teletravail.apps.core.charts import bar_chart_context


register = template.Library()
register.inclusion_tag("core/charts/bar_chart.html", name="horizontal_bar_chart")(bar_chart_context)
