"""The English catalogue is complete, and the compiled catalogue matches its source."""

import gettext
import re
from pathlib import Path

import teletravail


LOCALE = Path(teletravail.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def entries(po_text):
    """(msgid, msgstr, flags, context or None) of every entry except the header."""
    result = []
    for block in po_text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        context = re.search(r'^msgctxt "(.*)"$', block, re.MULTILINE)
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)?\s*"(.*)"$', block.split("msgstr")[0], re.MULTILINE))
        msgstrs = re.findall(r'msgstr(?:\[\d\])?((?:\s*".*")+)', block)
        if not msgid or "msgstr" not in block:
            continue
        strings = ["".join(re.findall(r'"(.*)"', chunk)) for chunk in msgstrs]
        result.append((msgid, strings, flags, context.group(1) if context else None))
    return result


def test_every_message_has_an_english_translation():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    found = entries(po)
    assert len(found) > 100
    untranslated = [msgid for msgid, msgstrs, _flags, _context in found if not all(msgstrs)]
    fuzzy = [msgid for msgid, _msgstrs, flags, _context in found if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_its_source():
    """A .po edited without `make messages` would leave the site showing stale or French text."""
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, msgstrs, _flags, context in entries((LOCALE / "django.po").read_text(encoding="utf-8")):
        if len(msgstrs) == 1:
            expected = msgstrs[0].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            original = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            found = compiled.pgettext(context, original) if context else compiled.gettext(original)
            if found != expected:
                stale.append(original)
    assert stale == []


def test_one_french_word_for_two_english_ones_is_told_apart_by_its_context():
    from django.utils import translation

    with translation.override("en"):
        assert translation.pgettext("emploi", "Poste") == "Job"  # a job assessed in the diagnostic
        assert translation.gettext("Poste") == "Item"  # a line of the simulator's cost table


def test_no_message_of_ours_is_translated_in_french_by_another_catalogue():
    """French is the source language: a msgid that Django's own French catalogue also holds would show its
    translation instead (the bare "Close" of a closed campaign came out as « Fermer »); a context keeps it apart."""
    from django.utils import translation

    collisions = []
    with translation.override("fr"):
        for msgid, _msgstrs, _flags, context in entries((LOCALE / "django.po").read_text(encoding="utf-8")):
            original = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            shown = translation.pgettext(context, original) if context else translation.gettext(original)
            if shown != original:
                collisions.append((original, shown))
    assert collisions == []
