"""The platform's SVG charts made fit for a standalone document.

On a web page a chart is an `<svg>` inside a `<figure>`, styled by the site's stylesheet through CSS variables,
and labelled by elements around it. A document has none of that, so the renderers work on a cleaned copy:
the `<svg>` element alone, in the SVG namespace, with a print stylesheet for the chart classes, no `<desc>` or
`<title>` (the figure's alt text replaces them), and nothing active (scripts, event attributes, external links).
"""

import re
import xml.etree.ElementTree as ET


SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Serialise SVG elements without a prefix: HTML parsers do not read prefixed SVG (ElementTree's
# `default_namespace` option would reject the unqualified attribute names SVG uses).
ET.register_namespace("", SVG_NAMESPACE)
_SVG_ELEMENT = re.compile(r"<svg\b.*?</svg\s*>", re.DOTALL | re.IGNORECASE)
_DROPPED_TAGS = {"script", "foreignObject", "desc", "title", "style"}
# References to elements of the web page around the chart, meaningless once the chart stands alone.
_DROPPED_ATTRIBUTES = {"aria-labelledby", "aria-describedby", "focusable", "role", "aria-label"}

# The colours of the site's stylesheet (DSFR blue France, error red, greys), as plain values for print.
_CHART_RULES = (
    (".bar-chart__bar", "fill: #000091;"),
    (".bar-chart__bar--negative", "fill: #ce0500;"),
    (".bar-chart__axis", "stroke: #929292; stroke-width: 1;"),
    (".bar-chart__label", "font-size: 13px; fill: #3a3a3a;"),
    (".bar-chart__value", "font-size: 13px; fill: #3a3a3a;"),
)


class SvgError(ValueError):
    """The figure holds no usable SVG; the message says why."""


def chart_stylesheet():
    """CSS rules giving the platform's chart classes their print colours."""
    return "\n".join(f"{selector} {{ {rules} }}" for selector, rules in _CHART_RULES)


def _local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def clean_svg(svg):
    """The first `<svg>` element of `svg` (an SVG document or an HTML fragment around one), cleaned, as an Element.

    Raises SvgError when there is no `<svg>` element or when it is not well-formed XML.
    """
    match = _SVG_ELEMENT.search(svg or "")
    if match is None:
        raise SvgError("Figure: no <svg> element found.")
    markup = match.group(0)
    opening = markup[: markup.index(">") + 1]
    if "xmlns=" not in opening:
        markup = markup.replace("<svg", f'<svg xmlns="{SVG_NAMESPACE}"', 1)
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as error:
        raise SvgError(f"Figure: the SVG is not well-formed XML ({error}).") from error
    _clean(root)
    return root


def _clean(element):
    for child in list(element):
        if _local_name(child.tag) in _DROPPED_TAGS or not isinstance(child.tag, str):
            element.remove(child)
        else:
            _clean(child)
    for name in list(element.attrib):
        local = _local_name(name)
        value = element.attrib[name].strip().lower()
        if local.startswith("on") or local in _DROPPED_ATTRIBUTES:
            del element.attrib[name]
        elif local == "href" and not value.startswith("#"):
            del element.attrib[name]


def _with_stylesheet(root, css):
    style = ET.Element(f"{{{SVG_NAMESPACE}}}style")
    style.text = css
    root.insert(0, style)


def svg_for_pdf(svg, font_family):
    """SVG text fpdf2 draws: namespaced, styled, and every `<text>` in `font_family` (a Unicode font of the PDF),
    since fpdf2 would otherwise fall back to a core font that lacks « − », narrow spaces and œ."""
    root = clean_svg(svg)
    _with_stylesheet(root, chart_stylesheet())
    for element in root.iter():
        if _local_name(element.tag) in {"text", "tspan"}:
            element.set("font-family", font_family)
    return ET.tostring(root, encoding="unicode")


def svg_for_html(svg, alt):
    """Inline SVG for an HTML page, announced as one image named by `alt` (the page carries `chart_stylesheet`)."""
    root = clean_svg(svg)
    root.set("role", "img")
    root.set("aria-label", alt)
    for name in ("width", "height"):
        root.attrib.pop(name, None)  # the page's stylesheet sizes the figure from its viewBox
    return ET.tostring(root, encoding="unicode")


def height_ratio(svg):
    """Height over width of the drawing, from its viewBox (else its width and height attributes, else 1/2)."""
    root = clean_svg(svg)
    box = root.get("viewBox", "").replace(",", " ").split()
    sizes = box[2:] if len(box) == 4 else [root.get("width", ""), root.get("height", "")]
    try:
        width, height = (float(size.removesuffix("px")) for size in sizes)
    except ValueError:
        return 0.5
    return height / width if width > 0 and height > 0 else 0.5
