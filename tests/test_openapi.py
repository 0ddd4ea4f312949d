import json
from pathlib import Path

from teletravail.api import api


DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def test_committed_openapi_document_is_up_to_date():
    """docs/openapi.json is what the API serves; regenerate it with `make openapi` after changing the API."""
    committed = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(api.get_openapi_schema()))
