"""The « Données personnelles » page is generated from the registered processings and the retention parameters:
every processing is listed with its purpose, legal basis and periods; a period changed in its file changes the page."""

from dataclasses import replace
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from teletravail.apps.core import retention
from teletravail.apps.core.personal_data import processings
from teletravail.parameters import load_parameters


pytestmark = pytest.mark.django_db


def _page(client):
    response = client.get(reverse("core:personal_data"))
    assert response.status_code == 200
    return " ".join(unescape(response.content.decode()).split())


def test_every_registered_processing_is_listed_with_its_periods_from_the_parameter_file(client):
    page = _page(client)
    assert len(processings()) >= 7  # one per app that handles personal data
    for processing in processings():
        for text in (processing.name, processing.purpose, processing.legal_basis, processing.retention):
            assert " ".join(str(text).split()) in page, text
    periods = [(parameter, what) for processing in processings() for parameter, what in processing.periods]
    assert periods
    for parameter, what in periods:
        days = int(load_parameters("retention")[parameter].at().central)
        assert f"{what} : {days} jours" in page, parameter
    # every period of the file is on the page
    assert {parameter for parameter, _what in periods} == set(load_parameters("retention"))


def test_a_period_changed_in_the_parameter_file_changes_the_page(client, monkeypatch):
    parameters = load_parameters("retention")
    audit = parameters["audit_event_days"]
    assert "événement du journal : 365 jours" in _page(client)
    shorter = replace(audit, values=(replace(audit.values[-1], central=200),))
    monkeypatch.setattr(retention, "load_parameters", lambda group: {**parameters, "audit_event_days": shorter})
    page = _page(client)
    assert "événement du journal : 200 jours" in page and "événement du journal : 365 jours" not in page


def test_the_page_is_in_english_too_and_linked_from_the_footer(client):
    assert reverse("core:personal_data") in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _page(client)
    with translation.override("en"):
        audit = next(processing for processing in processings() if "audit" in str(processing.name).lower())
        days = int(load_parameters("retention")["audit_event_days"].at().central)
        assert str(audit.name) in page and str(audit.legal_basis) in page
        assert f"{audit.periods[0][1]}: {days} days" in page


def test_every_app_that_holds_data_about_a_person_declares_its_processing():
    """An app that adds tables to a person's archive must say on the page why it keeps them."""
    from pathlib import Path

    import teletravail

    modules = sorted((Path(teletravail.__file__).parent / "apps").glob("*/personal_data.py"))
    holding = [path for path in modules if "@register_personal_data" in path.read_text(encoding="utf-8")]
    assert len(holding) >= 7
    silent = [path.parent.name for path in holding if "register_processing(" not in path.read_text(encoding="utf-8")]
    assert silent == []
