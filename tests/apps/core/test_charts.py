import pytest
from django.template import Context, Template

from teletravail.apps.core.charts import LABEL_WIDTH, PLOT_WIDTH, bar_chart


def test_positive_bars_start_at_zero_and_scale_to_the_largest():
    chart = bar_chart("Titre", [("a", 10, "10 km"), ("b", 5, "5 km")])
    assert chart.zero_x == LABEL_WIDTH
    assert [bar.width for bar in chart.bars] == [PLOT_WIDTH, PLOT_WIDTH / 2]
    assert chart.bars[1].y > chart.bars[0].y


def test_negative_values_extend_left_of_the_zero_line():
    chart = bar_chart("Gains et pertes", [("gagne", 30, "+30"), ("perd", -10, "−10")])
    gain, loss = chart.bars
    assert chart.zero_x == pytest.approx(LABEL_WIDTH + PLOT_WIDTH * 10 / 40)
    assert gain.x == chart.zero_x and gain.width == pytest.approx(PLOT_WIDTH * 30 / 40)
    assert loss.negative and loss.x + loss.width == pytest.approx(chart.zero_x)


def test_all_zero_values_draw_no_bar_without_dividing_by_zero():
    chart = bar_chart("Rien", [("a", 0, "0")])
    assert chart.bars[0].width == 0


def test_the_chart_comes_with_its_data_table():
    html = Template("{% load charts %}{% horizontal_bar_chart 'c1' 'Effets' rows 'Valeur' 'Effet' %}").render(
        Context({"rows": [("Kilomètres évités", 1200, "1 200 km")]})
    )
    assert 'role="img"' in html and 'aria-labelledby="c1-title c1-desc"' in html
    assert '<th scope="row">Kilomètres évités</th><td>1 200 km</td>' in html


def test_a_long_label_wraps_onto_lines_of_the_label_column_and_is_never_cut():
    label = "Comptable — référence Dingel–Neiman des métiers de la comptabilité"
    html = Template("{% load charts %}{% horizontal_bar_chart 'c1' 'Effets' rows 'Valeur' %}").render(
        Context({"rows": [(label, 95, "95 %"), ("Court", 10, "10 %")]})
    )
    svg = html[html.index("<svg") : html.index("</svg>")]
    lines = [line for line in svg.split('text-anchor="end">')[1:]]
    drawn = [line[: line.index("</text>")] for line in lines]
    assert " ".join(drawn[:-1]) == label and drawn[-1] == "Court"
    assert "…" not in svg
    long_bar, short_bar = bar_chart("Effets", [(label, 95, "95 %"), ("Court", 10, "10 %")]).bars
    baselines = [baseline for _line, baseline in long_bar.label_lines]
    # The lines stand one under the other, around the bar, and clear of the next row.
    assert baselines == sorted(baselines) and len(baselines) >= 2
    assert baselines[0] - 13 >= 0 and baselines[-1] < short_bar.y
