"""XLSForm export and import: the ODK sheets, a lossless round trip, and bad workbooks refused naming the row."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from teletravail.practices import QuestionnaireError, from_xlsform, load_questionnaires, to_xlsform


@pytest.mark.parametrize("questionnaire", load_questionnaires().values(), ids=lambda q: q.id)
def test_the_round_trip_is_lossless(questionnaire):
    assert from_xlsform(to_xlsform(questionnaire)) == questionnaire


def workbook_of(questionnaire_id):
    return load_workbook(BytesIO(to_xlsform(load_questionnaires()[questionnaire_id])))


def header(sheet):
    return [cell.value for cell in sheet[1]]


def test_the_odk_sheets_and_columns():
    workbook = workbook_of("risks")
    assert workbook.sheetnames[:3] == ["survey", "choices", "settings"]
    assert header(workbook["survey"])[:4] == ["type", "name", "label::Français (fr)", "label::English (en)"]
    assert header(workbook["choices"])[:4] == ["list_name", "name", "label::Français (fr)", "label::English (en)"]
    assert header(workbook["settings"])[:4] == ["form_id", "version", "form_title", "default_language"]
    rows = {row[1]: row for row in workbook["survey"].iter_rows(min_row=2, values_only=True)}
    assert rows["risks.feel_isolated"][0] == "select_one frequency5"
    assert rows["risks.worked_while_ill"][0] == "select_one risks_worked_while_ill"
    choices = [row for row in workbook["choices"].iter_rows(min_row=2, values_only=True)]
    assert ("risks_worked_while_ill", "yes", "Oui", "Yes", 0) in choices
    assert ("frequency5", 1, "Jamais", "Never", None) in choices
    assert [cell.value for cell in workbook["settings"][2]][:3] == [
        "risks",
        "1",
        "Les risques du télétravail pour la santé",
    ]


def edited(workbook):
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def row_of(sheet, column, value):
    """The row number whose `column` (1-based) holds `value`."""
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[column - 1].value == value)


def test_an_unknown_item_type_names_the_survey_row():
    workbook = workbook_of("practices")
    sheet = workbook["survey"]
    row = row_of(sheet, 2, "practices.clear_goals")
    sheet.cell(row, 1, "integer")
    sheet.cell(row, 9, "")  # no kind either: the type is the kind
    with pytest.raises(QuestionnaireError) as caught:
        from_xlsform(edited(workbook))
    assert caught.value.message == (
        f"Feuille « survey », ligne {row} : question « practices.clear_goals » : type de question inconnu "
        "« integer » (attendu : scale, choice, multiple, text)."
    )
    assert caught.value.message_en.startswith(f"Sheet 'survey', line {row}: ")
    assert (caught.value.place, caught.value.line) == ("survey", row)


def test_a_scale_point_that_is_not_a_number_names_the_choices_row():
    workbook = workbook_of("practices")
    sheet = workbook["choices"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "agree5" and r[1].value == 3)
    sheet.cell(row, 2, "trois")
    with pytest.raises(QuestionnaireError, match=f"Feuille « choices », ligne {row} : .*doit être un nombre"):
        from_xlsform(edited(workbook))


def test_a_scoring_rule_naming_a_missing_item_names_the_themes_row():
    workbook = workbook_of("practices")
    sheet = workbook["themes"]
    row = row_of(sheet, 1, "tools")
    sheet.cell(row, 9, "practices.tools_fit practices.tools_gone")
    with pytest.raises(QuestionnaireError, match=f"Feuille « themes », ligne {row} : .*« practices.tools_gone »"):
        from_xlsform(edited(workbook))


def test_a_missing_choice_list_names_the_survey_row():
    workbook = workbook_of("risks")
    sheet = workbook["survey"]
    row = row_of(sheet, 2, "risks.dedicated_room")
    sheet.cell(row, 1, "select_one rooms")
    with pytest.raises(QuestionnaireError, match=f"Feuille « survey », ligne {row} : la liste de réponses « rooms »"):
        from_xlsform(edited(workbook))


def test_a_missing_sheet_and_a_file_that_is_no_workbook_are_refused():
    workbook = workbook_of("risks")
    del workbook["choices"]
    with pytest.raises(QuestionnaireError, match="la feuille « choices » manque"):
        from_xlsform(edited(workbook))
    with pytest.raises(QuestionnaireError, match="n'est pas un classeur"):
        from_xlsform(b"id: risks\n")
