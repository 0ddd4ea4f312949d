"""XLSX exports of a schedule whatever the names typed by users: team names Excel refuses as sheet names, control
characters, display names that look like formulas."""

import io

import openpyxl
import pytest
from django.urls import reverse

from teletravail.apps.planner import services
from tests.apps.planner.factories import solved_plan


pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://x","y")'


def url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def workbook_cells(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return sheet, [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    ("team_name", "sheet_title", "team_cell"),
    [
        ("Support N1/N2", "Support N1-N2", "Support N1/N2"),
        ("[Équipe]: A?", "(Équipe)- A", "[Équipe]: A?"),
        ("Paie\x01 et\x1f RH", "Paie et RH", "Paie et RH"),
        ("'Équipe très longue des opérations internationales'", "Équipe très longue des opératio", None),
    ],
)
def test_the_team_export_names_its_sheet_as_excel_accepts(client, world, team_name, sheet_title, team_cell):
    world.team.name = team_name
    world.team.save()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    client.force_login(world.manager.user)
    response = client.get(url("plan_export_xlsx", world, plan_id=plan.pk))
    assert response.status_code == 200
    sheet, cells = workbook_cells(response)
    assert sheet.title == sheet_title
    if team_cell:
        assert [row[4].value for row in sheet.iter_rows(min_row=2)] == [team_cell] * 30


def test_a_display_name_that_looks_like_a_formula_stays_text(client, world):
    alice, bruno = world.members[0].user, world.members[1].user
    alice.full_name, bruno.full_name = FORMULA_NAME, "Bruno\x02 Petit"
    alice.save()
    bruno.save()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    client.force_login(world.manager.user)
    response = client.get(url("plan_export_xlsx", world, plan_id=plan.pk))
    assert response.status_code == 200
    _sheet, cells = workbook_cells(response)
    assert [cell for cell in cells if cell.data_type == "f"] == []
    names = {cell.value for cell in cells if cell.column == 4 and cell.row > 1}
    assert names == {"'" + FORMULA_NAME, "Bruno Petit", world.members[2].user.full_name}

    services.publish_plan(plan=plan, actor=world.manager.user)
    client.force_login(alice)
    own = client.get(url("my_export_xlsx", world))
    assert own.status_code == 200
    sheet, cells = workbook_cells(own)
    assert sheet.title == "Mon planning"
    assert [cell for cell in cells if cell.data_type == "f"] == []
    assert {cell.value for cell in cells if cell.column == 4 and cell.row > 1} == {"'" + FORMULA_NAME}
