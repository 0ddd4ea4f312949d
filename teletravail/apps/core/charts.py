"""Bar charts drawn as SVG on the server: no script, nothing for the CSP to block, and a data table beside each.

The geometry is plain arithmetic on the values; the template draws it. Negative values extend to the left of
the zero line, so gains and losses read at a glance.
"""

from dataclasses import dataclass


LABEL_WIDTH = 260  # px reserved for the category labels, left of the bars
VALUE_WIDTH = 120  # px reserved for the printed values, right of the bars
BAR_HEIGHT = 22
BAR_GAP = 12
PLOT_WIDTH = 420


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
    for index, (label, value, display) in enumerate(rows):
        length = PLOT_WIDTH * abs(float(value)) / span
        negative = float(value) < 0
        x = zero_x - length if negative else zero_x
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        bars.append(Bar(str(label), float(value), str(display), x, length, y, x + length + 6, negative))
    height = BAR_GAP + len(rows) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(str(title), tuple(bars), LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height, zero_x)
