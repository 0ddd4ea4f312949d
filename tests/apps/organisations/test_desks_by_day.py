"""A site's desks per day: the model's rule, the form, the service and its audit trail, the API."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.organisations import services
from teletravail.apps.organisations.audit_log import describe_details
from teletravail.apps.organisations.forms import SiteForm
from teletravail.apps.organisations.models import Site


pytestmark = pytest.mark.django_db


def test_desks_on_a_day_is_its_own_figure_else_the_usual_one(world):
    site = world.site  # 10 desks
    site.desks_by_day = {"ven": 8, "sam": 0}
    assert [site.desks_on(day) for day in ("lun", "ven", "sam", "dim")] == [10, 8, 0, 10]
    site.desks = None
    assert (site.desks_on("lun"), site.desks_on("ven")) == (None, 8)


@pytest.mark.parametrize(
    ("desks_by_day", "message"),
    [
        ({"vendredi": 3}, "Jour inconnu « vendredi »"),
        ({"ven": -1}, "Le nombre de postes du vendredi doit être un nombre entier positif ou nul."),
        ({"lun": 2.5}, "Le nombre de postes du lundi"),
        ({"mar": "3"}, "Le nombre de postes du mardi"),
        ({"mer": True}, "Le nombre de postes du mercredi"),
        (["ven", 3], "jour par jour"),
    ],
)
def test_the_model_refuses_unknown_days_and_counts_that_are_not_whole_numbers(world, desks_by_day, message):
    world.site.desks_by_day = desks_by_day
    with pytest.raises(ValidationError) as raised:
        world.site.full_clean()
    assert any(message in text for text in raised.value.message_dict["desks_by_day"])


def test_the_model_accepts_known_days_with_whole_numbers(world):
    world.site.desks_by_day = {"lun": 0, "ven": 12, "dim": 3}
    world.site.full_clean()


def test_the_service_stores_the_days_in_week_order_and_audits_before_and_after(world):
    site = services.create_site(
        organisation=world.organisation,
        actor=world.admin.user,
        name="Annexe",
        commune=world.site.commune,
        desks=10,
        desks_by_day={"ven": 4, "lun": None, "mar": 6},
    )
    site.refresh_from_db()
    assert list(site.desks_by_day.items()) == [("mar", 6), ("ven", 4)]  # None: the usual count, not stored
    created = AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CHANGED, organisation=world.organisation)
    assert created.get().details["after"]["desks_by_day"] == {"mar": 6, "ven": 4}

    services.update_site(
        site=site, actor=world.admin.user, name="Annexe", commune=site.commune, desks=10, desks_by_day={"ven": 2}
    )
    changed = created.filter(details__operation="changed").get()
    assert (changed.details["before"]["desks_by_day"], changed.details["after"]["desks_by_day"]) == (
        {"mar": 6, "ven": 4},
        {"ven": 2},
    )
    shown = dict(describe_details(changed.details))
    assert "Postes de travail selon le jour : vendredi : 2" in shown["Après"]


def test_the_service_refuses_bad_days_in_french_and_saves_nothing(world):
    with pytest.raises(ValidationError) as raised:
        services.update_site(
            site=world.site,
            actor=world.admin.user,
            name=world.site.name,
            commune=world.site.commune,
            desks=20,
            desks_by_day={"ven": -2, "xyz": 1},
        )
    messages = raised.value.message_dict["desks_by_day"]
    assert any("vendredi" in message for message in messages)
    assert any("Jour inconnu « xyz »" in message for message in messages)
    world.site.refresh_from_db()
    assert world.site.desks_by_day == {}


def test_the_form_shows_a_labelled_fieldset_of_days_and_round_trips_them(client, world):
    client.force_login(world.admin.user)
    org = world.organisation.pk
    page = client.get(reverse("organisations:site_create", args=[org])).content.decode()
    assert 'id="desks-by-day-legend"' in page and "Laisser vide = nombre habituel" in page
    for day, label in (("lun", "Lundi"), ("ven", "Vendredi"), ("dim", "Dimanche")):
        assert re.search(rf'<label for="id_desks_{day}" class="fr-label">\s*{label}', page)

    client.post(
        reverse("organisations:site_create", args=[org]),
        {"name": "Annexe", "commune": "42218", "desks": "8", "desks_ven": "3", "desks_sam": "0", "desks_lun": ""},
    )
    annexe = Site.objects.get(organisation=world.organisation, name="Annexe")
    assert (annexe.desks, annexe.desks_by_day) == (8, {"ven": 3, "sam": 0})

    form = client.get(reverse("organisations:site_update", args=[org, annexe.pk])).context["form"]
    assert (form["desks_ven"].value(), form["desks_sam"].value(), form["desks_lun"].value()) == (3, 0, None)

    client.post(
        reverse("organisations:site_update", args=[org, annexe.pk]),
        {"name": "Annexe", "commune": "42218", "desks": "8", "desks_ven": "", "desks_mer": "5"},
    )
    annexe.refresh_from_db()
    assert annexe.desks_by_day == {"mer": 5}
    settings_page = client.get(reverse("organisations:settings", args=[org])).content.decode()
    assert "5 le mercredi" in settings_page


def test_the_form_refuses_a_negative_day_on_that_field():
    form = SiteForm({"name": "Annexe", "commune": "", "desks": "8", "desks_ven": "-1"})
    assert not form.is_valid()
    assert "desks_ven" in form.errors


def test_the_api_gives_the_desks_of_each_day(client, world):
    world.site.desks_by_day = {"ven": 12}
    world.site.save()
    client.force_login(world.admin.user)
    sites = {site["name"]: site for site in client.get(f"/api/v1/organisations/{world.organisation.pk}/sites").json()}
    assert (sites["Site Nord"]["desks"], sites["Site Nord"]["desks_by_day"]) == (10, {"ven": 12})
    assert sites["Site Sud"]["desks_by_day"] == {}
