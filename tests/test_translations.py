"""The English catalogue is complete, and the compiled catalogue matches its source."""

import gettext
import re
from pathlib import Path

import teletravail


LOCALE = Path(teletravail.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def entries(po_text):
    """(msgid, msgstr, flags) of every entry except the header."""
    result = []
    for block in po_text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)?\s*"(.*)"$', block.split("msgstr")[0], re.MULTILINE))
        msgstrs = re.findall(r'msgstr(?:\[\d\])?((?:\s*".*")+)', block)
        if not msgid or "msgstr" not in block:
            continue
        result.append((msgid, ["".join(re.findall(r'"(.*)"', chunk)) for chunk in msgstrs], flags))
    return result


def test_every_message_has_an_english_translation():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    found = entries(po)
    assert len(found) > 100
    untranslated = [msgid for msgid, msgstrs, _ in found if not all(msgstrs)]
    fuzzy = [msgid for msgid, _, flags in found if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_its_source():
    """A .po edited without `make messages` would leave the site showing stale or French text."""
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, msgstrs, _ in entries((LOCALE / "django.po").read_text(encoding="utf-8")):
        if len(msgstrs) == 1:
            expected = msgstrs[0].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            original = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if compiled.gettext(original) != expected:
                stale.append(original)
    assert stale == []
