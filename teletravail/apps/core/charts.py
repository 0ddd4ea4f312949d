"""Bar charts drawn as SVG on the server: no script, nothing for the CSP to block, and a data table beside each.

The geometry is plain arithmetic on the values; the template draws it. Negative values extend to the left of
the zero line, so gains and losses read at a glance.
"""

import textwrap
from dataclasses import dataclass

from django.utils.translation import gettext as _

from teletravail.apps.core.tables import table


LABEL_WIDTH = 260  # px reserved for the category labels, left of the bars
VALUE_WIDTH = 120  # px reserved for the printed values, right of the bars
BAR_HEIGHT = 22
BAR_GAP = 12
PLOT_WIDTH = 420
# A label longer than a line of the label column wraps onto more lines (never cut): about 7 px a character at 13 px.
LABEL_LINE_CHARS = 34
LABEL_LINE_HEIGHT = 15


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str  # the value as people read it, already formatted with its unit
    x: float
    width: float
    y: float
    text_x: float
    negative: bool
    label_lines: tuple[tuple[str, float], ...] = ()  # (text, baseline y) of each line of the label
    baseline: float = 0  # of the printed value, level with the bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    zero_x: float
    bar_height: int = BAR_HEIGHT
    label_x: int = LABEL_WIDTH - 10


def bar_chart(title, rows):
    """`rows` are (label, value, display) triples; returns the geometry of a horizontal bar chart."""
    rows = list(rows)
    values = [float(value) for _, value, _ in rows]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    zero_x = LABEL_WIDTH + PLOT_WIDTH * (-low / span)
    bars = []
    y = BAR_GAP
    for label, value, display in rows:
        length = PLOT_WIDTH * abs(float(value)) / span
        negative = float(value) < 0
        x = zero_x - length if negative else zero_x
        lines = textwrap.wrap(str(label), LABEL_LINE_CHARS, break_long_words=False) or [""]
        # The lines are centred on the bar; a row grows when its label needs more height than the bar.
        row_height = max(BAR_HEIGHT, len(lines) * LABEL_LINE_HEIGHT)
        bar_y = y + (row_height - BAR_HEIGHT) / 2
        first_baseline = bar_y + 16 - (len(lines) - 1) * LABEL_LINE_HEIGHT / 2
        label_lines = tuple((line, first_baseline + number * LABEL_LINE_HEIGHT) for number, line in enumerate(lines))
        bars.append(
            Bar(
                str(label),
                float(value),
                str(display),
                x,
                length,
                bar_y,
                x + length + 6,
                negative,
                label_lines,
                bar_y + 16,
            )
        )
        y += row_height + BAR_GAP
    height = y
    return BarChart(str(title), tuple(bars), LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height, zero_x)


def bar_chart_context(chart_id, title, rows, value_header, category_header=""):
    """What `core/charts/bar_chart.html` draws: an SVG bar chart followed by its data table (the accessible
    alternative, always present). The pages draw it with `{% horizontal_bar_chart %}`, the PDF reports directly."""
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
