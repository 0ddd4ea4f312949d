"""The front-end libraries in static/vendor are the npm releases SOURCES.md names, unchanged (update.sh writes
them)."""

import hashlib
import re
from pathlib import Path


VENDOR = Path(__file__).resolve().parents[1] / "teletravail" / "static" / "vendor"
LISTED = re.compile(r"^([0-9a-f]{64})  (\S+)$", re.MULTILINE)


def test_every_vendored_file_is_listed_with_its_hash_and_has_its_licence_beside_it():
    listed = dict((path, digest) for digest, path in LISTED.findall((VENDOR / "SOURCES.md").read_text()))
    shipped = {
        str(path.relative_to(VENDOR)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name not in ("SOURCES.md", "update.sh")
    }
    assert shipped == listed
    assert "leaflet/LICENSE" in shipped and "leaflet.markercluster/MIT-LICENCE.txt" in shipped
    assert 'version="1.9.4"' in (VENDOR / "leaflet" / "leaflet.js").read_text()
