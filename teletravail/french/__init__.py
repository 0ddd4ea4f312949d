"""How the platform writes numbers and names in French: one formatter per kind of value, used by the pages, the
CSV exports, the documents and the command line alike, and the elision of « de » before a name.

French typography: a narrow no-break space between thousands (« 12 346 »), a decimal comma (« 2,5 »), a true minus
sign (« −188 € »), a no-break space before a unit (« 35 % », « 1 688 kg »). English pages get the English layout
(« 12,346 », « 2.5 », « −€188 »). Pure functions: no Django here, the template filters call them with the active
language.
"""

import math
import unicodedata


THOUSANDS = "\u202f"  # narrow no-break space
UNIT_SPACE = "\u00a0"  # no-break space
MINUS = "\u2212"
# Decimals written in a CSV cell at most: enough for every figure we export, never 15 digits of float noise.
CSV_DECIMALS = 6


def is_french(language):
    return (language or "fr").split("-")[0].lower() == "fr"


def _fixed(value, places, language, signed=False):
    """`value` rounded to `places` decimals, grouped by thousands, with a true minus sign ("−0" never shown)."""
    rounded = round(float(value), places)
    if rounded == 0:
        rounded = 0.0  # no « −0 »
    text = f"{abs(rounded):,.{places}f}"
    if is_french(language):
        text = text.replace(",", THOUSANDS).replace(".", ",")
    sign = MINUS if rounded < 0 else ("+" if signed and rounded > 0 else "")
    return sign + text


def _trimmed(value, places, language, signed=False):
    """As `_fixed`, without trailing zeros: 2.50 → « 2,5 », 3.0 → « 3 »."""
    text = _fixed(value, places, language, signed)
    decimal_mark = "," if is_french(language) else "."
    if decimal_mark in text:
        text = text.rstrip("0").rstrip(decimal_mark)
    return text


def integer(value, language="fr", signed=False):
    """12345.678 → « 12 346 »; −188 → « −188 »; `signed` adds « + » to positive values (« +1 234 »)."""
    return "" if value is None else _fixed(value, 0, language, signed)


def decimal(value, places=1, language="fr", signed=False):
    """2.5 → « 2,5 »; 3.0 → « 3 »; 0.123 with places=2 → « 0,12 » (at most `places` decimals, trailing zeros cut)."""
    return "" if value is None else _trimmed(value, places, language, signed)


def fixed(value, places=1, language="fr", signed=False):
    """Exactly `places` decimals, trailing zeros kept: 20 with places=1 → « 20,0 »; 1.3 with places=2 → « 1,30 »."""
    return "" if value is None else _fixed(value, places, language, signed)


def fixed_unless_whole(value, places=2, language="fr", signed=False):
    """A whole number without decimals, any other with exactly `places`: 34.0 → « 34 », 5.2 → « 5,20 »."""
    if value is None:
        return ""
    return _fixed(value, 0 if float(value).is_integer() else places, language, signed)


def _with_unit(number, unit, language):
    return f"{number}{UNIT_SPACE}{unit}" if is_french(language) or unit != "%" else f"{number}%"


def percent(value, places=0, language="fr"):
    """A value already in percent: 35 → « 35 % »; 12.5 with places=1 → « 12,5 % » (« 12.5% » in English)."""
    return "" if value is None else _with_unit(_trimmed(value, places, language), "%", language)


def money(value, places=0, language="fr"):
    """−188 → « −188 € »; 2.5 with places=2 → « 2,50 € » (cents are all shown or none); « −€188 » in English."""
    if value is None:
        return ""
    number = _fixed(value, places, language)
    if is_french(language):
        return f"{number}{UNIT_SPACE}€"
    return f"{MINUS}€{number[1:]}" if number.startswith(MINUS) else f"€{number}"


def km(value, places=0, language="fr"):
    """12 345.6 → « 12 346 km »; 3.25 with places=1 → « 3,2 km »."""
    return "" if value is None else _with_unit(_trimmed(value, places, language), "km", language)


def kg(value, places=0, language="fr"):
    """1688.4 → « 1 688 kg » (CO₂e and other masses)."""
    return "" if value is None else _with_unit(_trimmed(value, places, language), "kg", language)


def hours(value, places=0, language="fr"):
    """152.4 → « 152 h »; 1.5 with places=1 → « 1,5 h »."""
    return "" if value is None else _with_unit(_trimmed(value, places, language), "h", language)


def significant(value, digits=3, language="fr"):
    """A figure whose size varies (a rate, a factor): 12345.678 → « 12 346 », 12.345 → « 12,3 », 0.00235 → « 0,00235 »
    — `digits` significant digits below 100, whole units above, never in scientific notation."""
    if value is None:
        return ""
    magnitude = abs(float(value))
    if magnitude >= 10 ** (digits - 1) or magnitude == 0:
        return integer(value, language)
    places = digits - 1 - math.floor(math.log10(magnitude))
    return _trimmed(value, places, language)


def csv_number(value, language="fr"):
    """A number for a CSV cell: no thousands separator (spreadsheets read « 1234,5 »), a decimal comma in French,
    at most CSV_DECIMALS decimals, never « 1e-05 » nor 15 digits of float noise. Integers stay integers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    text = f"{round(value, CSV_DECIMALS):.{CSV_DECIMALS}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if is_french(language) else text


# --- Dates -------------------------------------------------------------------------------------------------------

MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def long_date(when, language="fr"):
    """A date written out, day first in both languages: « 1er mars 2026 », « 12 juin 2027 »; « 12 June 2027 » in
    English (the order of the English pages' dates, teletravail.settings.formats)."""
    if is_french(language):
        return f"{when.day}{'er' if when.day == 1 else ''} {MONTHS['fr'][when.month - 1]} {when.year}"
    return f"{when.day} {MONTHS['en'][when.month - 1]} {when.year}"


def counted(count, singular, plural=None):
    """A count and its noun, singular for 0 and 1 as French has it: « 1 erreur », « 2 erreurs »; `plural` where the
    plural is not the singular and an s (« 3 règles non respectées » takes both words in the plural)."""
    return f"{integer(count)} {singular if abs(count) < 2 else plural or singular + 's'}"


# --- Names ---------------------------------------------------------------------------------------------------------

VOWELS = set("aeiouy")


def elides(name):
    """Whether « de » becomes « d' » before `name`: a vowel or a mute h, accents ignored (« Atelier », « Éco »); a y
    sounds as a vowel only before a consonant (« d'Yves », « de Yann »)."""
    start = unicodedata.normalize("NFKD", name.strip()[:2]).encode("ascii", "ignore").decode().lower()
    if start[:1] == "y":
        return len(start) > 1 and start[1] not in VOWELS
    return start[:1] in VOWELS or start[:1] == "h"


def _before_name(word, name):
    """`word` (« de », « que ») before a name, its e elided where French elides it: « d'Atelier », « qu'alice@… »."""
    name = name.strip()
    return f"{word[:-1]}'{name}" if elides(name) else f"{word} {name}"


def de_name(name):
    """« de » before a name, elided where French elides it: « d'Atelier Démo », « de Coopérative Durand »."""
    return _before_name("de", name)


def of_name(name, language="fr"):
    """A name as a message says « of » it in `language`: in French « de » and the name, elided where French elides
    (« Regard d'Alice Martin »); in another language the bare name, its message placing its own words around it
    (« Alice Martin's view »). Messages take it as `%(of_name)s`, never « de %(name)s »."""
    return de_name(str(name)) if is_french(language) else str(name).strip()


def que_name(name, language="fr"):
    """A name (or an e-mail address) after « que » in `language`: in French « que » and the name, elided where French
    elides (« en tant qu'alice@exemple.fr », « en tant que bruno@exemple.fr »); in another language the bare name
    (« signed in as alice@exemple.fr »). Messages take it as a `que_…` placeholder, never « que %(name)s »."""
    return _before_name("que", str(name)) if is_french(language) else str(name).strip()
