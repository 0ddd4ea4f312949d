"""The equality indicators of an organisation from its data: the declared sex (member page and import file), the
planner's published plan (telework days, isolation), the diagnostic's eligibility; who sees them."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.core.tables import number
from teletravail.apps.equality import selectors
from teletravail.apps.organisations import csv_import
from teletravail.apps.organisations.models import Membership, Sex
from teletravail.apps.planner import services as planner_services
from teletravail.apps.planner.models import Place, PlanStatus, TeamPlan
from teletravail.parameters import load_parameters
from tests.apps.planner.factories import solved_plan
from tests.factories import MembershipFactory
from tests.world import build_world


pytestmark = pytest.mark.django_db


def page_text(client, world):
    """The equality page's words, tags left out."""
    content = client.get(reverse("equality:index", args=[world.organisation.pk])).content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


def national_figures(name):
    """The national figure for women and for men, written as the page writes percentages (spaces as `page_text`)."""
    parameters = load_parameters("equality")
    return tuple(
        " ".join(number(100 * parameters[f"national.{name}.{sex}"].at().central, "percent", places=1).split())
        for sex in ("women", "men")
    )


def by_code(organisation):
    return {indicator.code: indicator for indicator in selectors.equality_indicators(organisation)}


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def six(world):
    """The team « Alpha » with six employees, three women and three men."""
    extra = [MembershipFactory(organisation=world.organisation, team=world.team, role="employee") for _ in range(3)]
    team = list(Membership.objects.filter(team=world.team, role="employee").order_by("pk"))
    assert len(team) == 6, [m.user for m in team] + extra
    for membership, sex in zip(team, "FHFHFH", strict=True):
        membership.sex = sex
        membership.save()
    return team


def test_isolation_and_days_by_sex_come_from_the_published_plan(world, six):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    cut_off = six[0]  # a woman
    places = {}
    for membership_pk in plan.members.values():
        for week in range(1, plan.weeks + 1):
            for day in plan.days:
                if membership_pk == cut_off.pk:
                    where = Place.SITE if day == "ven" else Place.REMOTE
                else:
                    where = Place.SITE if day in ("lun", "mar") else Place.REMOTE
                places[membership_pk, week, day] = where
    planner_services.save_grid(plan=plan, places=places)
    assert by_code(world.organisation)["isolated"].reason == "no_data"  # a draft is no one's schedule yet
    # Published as it stands: the indicators read the published grid whatever the rules say of it.
    TeamPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED, published_at=timezone.now())

    indicators = by_code(world.organisation)
    isolated = indicators["isolated"]
    assert (isolated.women.base, isolated.men.base) == (3, 3)
    assert isolated.women.value == pytest.approx(1 / 3) and isolated.men.value == 0
    days = indicators["days_granted"]
    # Three telework days a week for everyone, four for the woman on site only on Fridays.
    assert days.women.value == pytest.approx((3 + 3 + 4) / 3) and days.men.value == pytest.approx(3)
    # Nobody has a decided diagnostic: eligibility, and access among the eligible, are not calculable.
    assert indicators["eligible"].reason == "no_data" and indicators["granted"].reason == "no_data"


def test_the_page_words_the_figures_and_the_reasons(client, world, six, monkeypatch):
    days = {membership.pk: (2 if membership.sex == Sex.WOMAN else index % 2) for index, membership in enumerate(six)}
    monkeypatch.setattr(
        selectors.diagnostic_selectors,
        "eligible_telework_days_by_membership",
        lambda memberships: {membership.pk: days.get(membership.pk) for membership in memberships},
    )
    client.force_login(world.admin.user)
    page = page_text(client, world)
    # Women 3/3 eligible; men: index 1, 3, 5 → 1 % 2 = 1 day each: 3/3 as well.
    assert "Éligibles au télétravail (diagnostic) 100 % 100 % 0 points 3 femmes, 3 hommes" in page
    assert "Non calculable : aucune demande de télétravail n'a été faite pendant la période comptée." in page
    telework, ill = national_figures("telework_share"), national_figures("worked_while_ill")
    assert (
        f"Femmes {telework[0]}, hommes {telework[1]} : part des salariés qui télétravaillent en France (Insee)" in page
    )
    # Dares measures the share of sick days worked, not the share of people who worked while ill: the label says so.
    assert (
        f"Femmes {ill[0]}, hommes {ill[1]} : part des jours de maladie travaillés par les télétravailleurs (Dares)"
        in page
    )
    # One man declared « non renseigné »: the men's group falls under three.
    six[1].sex = Sex.UNDECLARED
    six[1].save()
    page = page_text(client, world)
    assert "Non calculable : il manque 1 personne d'hommes pour atteindre 3 femmes et 3 hommes" in page


def test_under_eleven_people_nothing_is_calculated(world, six):
    world.organisation.headcount = 10
    world.organisation.save()
    assert {indicator.reason for indicator in selectors.equality_indicators(world.organisation)} == {"below_headcount"}


def test_employees_do_not_see_the_indicators_and_outsiders_get_404(client, world):
    address = reverse("equality:index", args=[world.organisation.pk])
    client.force_login(world.employee.user)
    assert client.get(address).status_code == 403
    client.force_login(MembershipFactory(role="employer_admin").user)
    assert client.get(address).status_code == 404
    for allowed in (world.manager.user, world.consultant):
        client.force_login(allowed)
        assert client.get(address).status_code == 200


def test_the_admin_declares_a_member_s_sex_and_is_told_why(client, world):
    client.force_login(world.admin.user)
    address = reverse("organisations:membership_update", args=[world.organisation.pk, world.employee.pk])
    form_page = html.unescape(client.get(address).content.decode())
    assert "expérimentation ANACT – Droits des femmes" in form_page
    response = client.post(address, {"role": "employee", "team": world.team.pk, "home_commune": "", "sex": "F"})
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.sex == Sex.WOMAN


def test_the_import_file_may_give_each_person_s_sex(world):
    text = (
        "email,nom,equipe,role,sexe\n"
        "a@exemple.fr,Anne,,salarie,Femme\nb@exemple.fr,Bob,,salarie,h\nc@exemple.fr,Cy,,salarie,\n"
    )
    result = csv_import.parse_members_csv(text)
    assert result.errors == []
    assert [row.sex for row in result.rows] == [Sex.WOMAN, Sex.MAN, Sex.UNDECLARED]
    refused = csv_import.parse_members_csv("email,nom,role,sexe\nd@exemple.fr,Dee,salarie,autre\n")
    assert [str(error) for error in refused.errors] == [
        "Ligne 2, colonne sexe : « autre » n'est pas une valeur reconnue pour le sexe "
        "(femme, homme, non renseigné ou vide)."
    ]
