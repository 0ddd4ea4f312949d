import pytest

from teletravail.documents.svg import SvgError, clean_svg, height_ratio, svg_for_html, svg_for_pdf


def test_the_svg_is_taken_out_of_the_page_fragment_namespaced_and_without_page_references(chart_html):
    root = clean_svg(chart_html)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "aria-labelledby" not in root.attrib
    assert not [element for element in root.iter() if element.tag.endswith("desc")]
    texts = [element.text for element in root.iter() if element.tag.endswith("text")]
    assert "\u2212300 kg" in texts


def test_scripts_event_handlers_and_external_links_are_removed():
    svg = (
        '<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>'
        '<a href="https://example.org"><rect width="1" height="1" onclick="x()"/></a></svg>'
    )
    markup = svg_for_html(svg, "Carré")
    assert "alert" not in markup and "onclick" not in markup and "example.org" not in markup
    assert 'role="img"' in markup and 'aria-label="Carré"' in markup


def test_pdf_svg_sets_the_font_of_every_text_and_the_print_colours(chart_html):
    markup = svg_for_pdf(chart_html, "DejaVu Sans")
    # A value per bar and a label per bar, the rebound's label on two lines.
    assert markup.count("<text") == markup.count('font-family="DejaVu Sans"') == 3 + 4
    assert "fill: #000091" in markup and "var(--" not in markup


def test_height_ratio_comes_from_the_view_box():
    assert height_ratio('<svg viewBox="0 0 800 200"></svg>') == pytest.approx(0.25)
    assert height_ratio('<svg width="100px" height="50px"></svg>') == pytest.approx(0.5)


@pytest.mark.parametrize("text", ["<p>pas de graphique</p>", "<svg><rect></svg>"])
def test_a_figure_without_usable_svg_is_refused(text):
    with pytest.raises(SvgError, match="Figure"):
        clean_svg(text)
