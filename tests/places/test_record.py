from dataclasses import replace
from decimal import Decimal

from teletravail.places.record import Offer, PlaceRecord, checked_record, clean_url, price_incl_vat_cents


RECORD = PlaceRecord(
    source="csv",
    source_id="1",
    licence="Licence Ouverte 2.0",
    name="La Cordée",
    kind="coworking",
    commune_code="69123",
    latitude=45.76,
    longitude=4.84,
)


def test_a_complete_record_passes_with_its_hours_normalised():
    record, problems = checked_record(replace(RECORD, opening_hours="Mo-Fr 09:00-18:00 ; Sa 10:00-12:00"))
    assert problems == []
    assert record.opening_hours == "Mo-Fr 09:00-18:00; Sa 10:00-12:00"


def test_each_problem_is_told_in_french():
    broken = replace(
        RECORD,
        name="",
        kind="château",
        postal_code="6900",
        latitude=None,
        website="javascript:alert(1)",
        email="pas-une-adresse",
        services=("wifi", "jacuzzi"),
        opening_hours="lundi 9h",
        offers=(Offer("desk_day", -100, Decimal("120")),),
    )
    _record, problems = checked_record(broken)
    text = "\n".join(problems)
    for expected in (
        "Le nom du lieu manque.",
        "Type de lieu inconnu « château »",
        "Code postal invalide « 6900 »",
        "Les coordonnées (latitude et longitude) manquent.",
        "Adresse du site web invalide « javascript:alert(1) »",
        "Adresse électronique invalide",
        "Service inconnu « jacuzzi »",
        "Horaires illisibles « lundi 9h »",
        "Un prix ne peut pas être négatif.",
        "Taux de TVA invalide « 120 »",
    ):
        assert expected in text
    assert len(problems) == 10


def test_html_in_texts_is_kept_as_text():
    record, problems = checked_record(replace(RECORD, description="<script>alert('x')</script> Bienvenue"))
    assert problems == []
    assert record.description == "<script>alert('x')</script> Bienvenue"


def test_web_addresses_get_a_scheme_and_a_caption_is_dropped():
    assert clean_url("www.ade-coworking.net") == "http://www.ade-coworking.net"
    assert clean_url("Innovation studio http://theschoolab.com/") == "http://theschoolab.com/"
    assert clean_url("https://x.fr") == "https://x.fr"
    assert clean_url("javascript:alert(1)") == "javascript:alert(1)"  # left for the check to refuse
    assert clean_url("") == ""


def test_price_including_vat_is_rounded_half_up_to_the_cent():
    assert price_incl_vat_cents(1500, Decimal("20")) == 1800
    assert price_incl_vat_cents(1, Decimal("5.5")) == 1  # 1.055 cent
    assert price_incl_vat_cents(10, Decimal("5")) == 11  # 10.5 → 11
    assert price_incl_vat_cents(None, Decimal("20")) is None
