"""Parameter values as people read them: a sensible number of digits, shares in percent, amounts with cents.

The files keep every published digit (`0.0120883601` kgCO2e/km, `2.5` €/jour); a page or a document shows
« 0,01209 kgCO2e/km » and « 2,50 €/jour ». Pure Python: the caller passes the language.
"""

# Units that hold a share between 0 and 1, shown in percent (the unit then names what the percent is of).
PERCENT_UNITS = {
    "fraction": "%",
    "fraction/an": "%/an",
    "part du temps de travail (0-1)": "% du temps de travail",
}
# Units that are a pure number: the value alone reads best.
BARE_UNITS = {"ratio"}
SIGNIFICANT_DIGITS = 4
THOUSANDS = "\u202f"  # narrow no-break space, as the platform writes thousands in French


def number_text(value, language="fr", *, cents=False):
    """`value` with at most SIGNIFICANT_DIGITS significant digits (all the digits of a whole number), no trailing
    zero, thousands grouped; with `cents`, two decimals whenever it is not a whole number (« 2,50 »)."""
    if value == int(value) and abs(value) < 10**15:
        text = f"{int(value):,}"
    else:
        rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
        decimals = max(0, SIGNIFICANT_DIGITS - 1 - _exponent(rounded))
        if cents:  # an amount keeps its cents, however large
            rounded, decimals = value, max(2, decimals)
        whole, _mark, fraction = f"{rounded:,.{decimals}f}".partition(".")
        fraction = fraction.rstrip("0").ljust(2 if cents else 0, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    if language.startswith("fr"):
        return text.replace(",", THOUSANDS).replace(".", ",").replace("-", "\u2212")
    return text.replace("-", "\u2212")


def _exponent(value):
    return int(f"{value:e}".split("e")[1]) if value else 0


def _parts(value, unit, language, unit_label):
    """(number, unit as shown) of `value` in `unit`."""
    if unit in PERCENT_UNITS:
        return number_text(value * 100, language), unit_label if unit_label is not None else PERCENT_UNITS[unit]
    shown_unit = "" if unit in BARE_UNITS else (unit_label if unit_label is not None else unit)
    return number_text(value, language, cents=unit.startswith("€")), shown_unit


def value_text(value, unit, language="fr", unit_label=None):
    """« 2,50 €/jour », « 75 % », « 1,3 »: `value` in `unit`, written for reading. `unit_label` is the unit as
    the reader's language names it (by default the unit as written in the file)."""
    number, shown_unit = _parts(value, unit, language, unit_label)
    return f"{number}\u00a0{shown_unit}" if shown_unit else number


def range_text(low, high, unit, language="fr", unit_label=None):
    """« 1,2 – 1,5 km/h »: a range, its unit written once."""
    lower, _unit = _parts(low, unit, language, unit_label)
    return f"{lower} – {value_text(high, unit, language, unit_label)}"
