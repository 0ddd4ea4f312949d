"""XLSForm export and import of a questionnaire (the survey / choices / settings sheets of the ODK form reference).

The three ODK sheets carry the form: one survey row per item (`select_one`, `select_multiple` or `text`, with
`label::Français (fr)` and `label::English (en)`), one choices row per answer, and the settings row (form id,
version, title, default language). What XLSForm has no place for goes into extra columns (`theme`, `kind`,
`reverse`, `sensitive`, `audience` on survey rows; `score` on choices) and extra sheets (themes, advice, panorama,
sources), which ODK tools ignore. Import reads the same workbook back through the same checks as a YAML file: a
refusal names the sheet and the row.
"""

from io import BytesIO

from openpyxl import Workbook, load_workbook

from teletravail.practices.questionnaire import LANGUAGES, QuestionnaireError, _List, _Mapping, build_questionnaire


LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
THEMES, ADVICE, PANORAMA, SOURCES = "themes", "advice", "panorama", "sources"
SURVEY_TYPES = {"scale": "select_one", "choice": "select_one", "multiple": "select_multiple", "text": "text"}


def _translated(column):
    return [f"{column}::{LANGUAGE_NAMES[language]} ({language})" for language in LANGUAGES]


def _texts(text):
    return [text.fr, text.en] if text else ["", ""]


def _flag(value):
    return "yes" if value else ""


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)


def to_xlsform(questionnaire) -> bytes:
    """The questionnaire as an XLSForm workbook (bytes of an .xlsx file)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    survey, choices = [], []
    for item in questionnaire.items:
        list_name = ""
        if item.kind == "scale":
            list_name = item.scale.id
        elif item.kind in ("choice", "multiple"):
            list_name = item.id.replace(".", "_")
            choices += [
                [list_name, choice.value, *_texts(choice.labels), choice.score if choice.score is not None else ""]
                for choice in item.choices
            ]
        kind_type = SURVEY_TYPES[item.kind]
        survey.append(
            [
                f"{kind_type} {list_name}".strip(),
                item.id,
                *_texts(item.texts),
                *_texts(item.hints),
                _flag(item.required),
                item.theme,
                item.kind,
                _flag(item.reverse),
                _flag(item.sensitive),
                " ".join(item.audience),
            ]
        )
    scale_rows = [
        [scale.id, point.value, *_texts(point.labels), ""]
        for scale in questionnaire.scales.values()
        for point in scale.points
    ]
    _sheet(
        workbook,
        SURVEY,
        ["type", "name", *_translated("label"), *_translated("hint"), "required", "theme", "kind", "reverse"]
        + ["sensitive", "audience"],
        survey,
    )
    _sheet(workbook, CHOICES, ["list_name", "name", *_translated("label"), "score"], scale_rows + choices)
    _sheet(
        workbook,
        SETTINGS,
        ["form_id", "version", "form_title", "default_language", "title_en", "valid_from", "licence", "anonymous"]
        + _translated("note"),
        [
            [
                questionnaire.id,
                questionnaire.version,
                questionnaire.titles.fr,
                f"{LANGUAGE_NAMES['fr']} (fr)",
                questionnaire.titles.en,
                questionnaire.valid_from.isoformat(),
                questionnaire.licence,
                "yes" if questionnaire.anonymous else "no",
                *_texts(questionnaire.notes),
            ]
        ],
    )
    _sheet(
        workbook,
        THEMES,
        ["name", *_translated("label"), *_translated("description"), "weak_below", "strong_from", "min_group"]
        + ["scored_items"],
        [
            [
                theme.id,
                *_texts(theme.titles),
                *_texts(theme.descriptions),
                theme.weak_below if theme.weak_below is not None else "",
                theme.strong_from if theme.strong_from is not None else "",
                theme.min_group,
                " ".join(theme.scored_items),
            ]
            for theme in questionnaire.themes
        ],
    )
    advice_rows, sources = [], [["", source] for source in questionnaire.sources]
    for theme in questionnaire.themes:
        for advice in theme.advice:
            advice_rows.append([theme.id, advice.role, *_texts(advice.titles), *_texts(advice.texts)])
            sources += [[f"advice:{len(advice_rows) + 1}", source] for source in advice.sources]
    _sheet(workbook, ADVICE, ["theme", "role", *_translated("title"), *_translated("text")], advice_rows)
    _sheet(
        workbook,
        PANORAMA,
        ["name", *_translated("title"), *_translated("text"), "skills"],
        [
            [kind.id, *_texts(kind.titles), *_texts(kind.texts), " ".join(kind.skills)]
            for kind in questionnaire.panorama
        ],
    )
    for kind in questionnaire.panorama:
        sources += [[f"panorama:{kind.id}", source] for source in kind.sources]
    _sheet(
        workbook,
        SOURCES,
        ["of", "title", "url", "date", "note"],
        [[of, source.title, source.url, source.date, source.note] for of, source in sources],
    )
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- Import ---------------------------------------------------------------------------------------------------------


def _rows(workbook, name, required=True):
    """The rows of a sheet as mappings keyed by header, each knowing its (sheet, row) place."""
    if name not in workbook.sheetnames:
        if required:
            raise QuestionnaireError(
                f"la feuille « {name} » manque dans le classeur XLSForm.",
                f"sheet '{name}' is missing from the XLSForm.",
            )
        return []
    rows = workbook[name].iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    records = []
    for number, values in enumerate(rows, start=2):
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        record = _Mapping({key: value for key, value in zip(header, values, strict=False) if key})
        record.line = (name, number)
        record.key_lines = dict.fromkeys(record, (name, number))
        records.append(record)
    return records


def _cell(record, key):
    value = record.get(key)
    return "" if value is None else value


def _text_of(record, column):
    """`{fr, en}` from the translated columns of `column` (``label::Français (fr)`` or ``label::fr``), or None."""
    found = {}
    for key, value in record.items():
        if not key.startswith(f"{column}::") or value in (None, ""):
            continue
        code = key.split("::", 1)[1].strip()
        code = code[code.rfind("(") + 1 : code.rfind(")")] if code.endswith(")") else code
        found[code.lower()] = str(value)
    return found or None


def _placed(record, **values):
    """A mapping of `values` at the place of `record`, dropping the empty ones."""
    mapping = _Mapping({key: value for key, value in values.items() if value not in (None, "")})
    mapping.line = record.line
    mapping.key_lines = dict.fromkeys(mapping, record.line)
    return mapping


def _placed_list(values, line):
    placed = _List(values)
    placed.line = line
    return placed


def _yes(value):
    return str(value).strip().lower() in ("yes", "true", "1", "oui") if value not in (None, "") else False


def _words(value):
    return str(value).split() if value not in (None, "") else []


def _number_or_text(value):
    """A cell written as a number stays one; text that reads as a whole number becomes one (scale points)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


def from_xlsform(data: bytes):
    """A questionnaire from an XLSForm workbook written by `to_xlsform` (or edited from one)."""
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise QuestionnaireError(
            "le fichier n'est pas un classeur XLSForm (.xlsx) lisible.", "the file is not a readable XLSForm (.xlsx)."
        ) from exc
    settings = _rows(workbook, SETTINGS)
    if not settings:
        raise QuestionnaireError("la feuille « settings » est vide.", "sheet 'settings' is empty.", place=SETTINGS)
    setting = settings[0]
    sources_by_owner = {}
    for record in _rows(workbook, SOURCES, required=False):
        source = _placed(
            record,
            title=_cell(record, "title"),
            url=_cell(record, "url"),
            date=_cell(record, "date"),
            note=_cell(record, "note"),
        )
        sources_by_owner.setdefault(str(_cell(record, "of")), []).append(source)
    lists = {}
    for record in _rows(workbook, CHOICES):
        lists.setdefault(str(_cell(record, "list_name")), []).append(record)
    scales, items = {}, []
    for record in _rows(workbook, SURVEY):
        survey_type, *rest = str(_cell(record, "type")).split() or [""]
        list_name = rest[0] if rest else ""
        kind = str(_cell(record, "kind")) or {"select_one": "choice", "select_multiple": "multiple"}.get(
            survey_type, survey_type
        )
        if SURVEY_TYPES.get(kind) not in (survey_type, None):
            raise QuestionnaireError(
                f"le type « {survey_type} » ne correspond pas à la sorte de question « {kind} ».",
                f"type '{survey_type}' does not match the item kind '{kind}'.",
                record.line[1],
                SURVEY,
            )
        if list_name and list_name not in lists:
            raise QuestionnaireError(
                f"la liste de réponses « {list_name} » n'existe pas dans la feuille « choices ».",
                f"choice list '{list_name}' does not exist in sheet 'choices'.",
                record.line[1],
                SURVEY,
            )
        points = [
            _placed(
                choice,
                value=_number_or_text(choice.get("name")) if kind == "scale" else choice.get("name"),
                label=_text_of(choice, "label"),
                score=choice.get("score"),
            )
            for choice in lists.get(list_name, [])
        ]
        item = _placed(
            record,
            id=_cell(record, "name"),
            theme=_cell(record, "theme"),
            kind=kind,
            text=_text_of(record, "label"),
            hint=_text_of(record, "hint"),
            reverse=_yes(record.get("reverse")),
            sensitive=_yes(record.get("sensitive")),
            required=_yes(record.get("required")),
        )
        if _words(record.get("audience")):
            item["audience"] = _placed_list(_words(record.get("audience")), record.line)
            item.key_lines["audience"] = record.line
        if kind == "scale":
            item["scale"] = list_name
            scales[list_name] = _placed_list(points, points[0].line if points else record.line)
        elif points:
            item["choices"] = _placed_list(points, record.line)
        items.append(item)
    advice = {}
    for record in _rows(workbook, ADVICE, required=False):
        entry = _placed(
            record,
            role=_cell(record, "role"),
            title=_text_of(record, "title"),
            text=_text_of(record, "text"),
            sources=_placed_list(sources_by_owner.get(f"advice:{record.line[1]}", []), record.line),
        )
        advice.setdefault(str(_cell(record, "theme")), _placed_list([], record.line)).append(entry)
    themes = []
    for record in _rows(workbook, THEMES):
        theme = _placed(
            record,
            id=_cell(record, "name"),
            title=_text_of(record, "label"),
            description=_text_of(record, "description"),
            weak_below=record.get("weak_below"),
            strong_from=record.get("strong_from"),
            min_group=record.get("min_group"),
        )
        if _words(record.get("scored_items")):
            theme["scored_items"] = _placed_list(_words(record.get("scored_items")), record.line)
            theme.key_lines["scored_items"] = record.line
        themes.append(theme)
    panorama = [
        _placed(
            record,
            id=_cell(record, "name"),
            title=_text_of(record, "title"),
            text=_text_of(record, "text"),
            skills=_placed_list(_words(record.get("skills")), record.line),
            sources=_placed_list(sources_by_owner.get(f"panorama:{_cell(record, 'name')}", []), record.line),
        )
        for record in _rows(workbook, PANORAMA, required=False)
    ]
    document = _placed(
        setting,
        id=_cell(setting, "form_id"),
        version=str(_cell(setting, "version")),
        valid_from=str(_cell(setting, "valid_from")),
        licence=_cell(setting, "licence"),
        title={"fr": _cell(setting, "form_title"), "en": _cell(setting, "title_en")},
        note=_text_of(setting, "note"),
        sources=_placed_list(sources_by_owner.get("", []), setting.line),
    )
    document["anonymous"] = not str(_cell(setting, "anonymous")).strip().lower() == "no"
    scale_map = _Mapping(scales)
    scale_map.line = (CHOICES, 2)
    scale_map.key_lines = {scale_id: points.line for scale_id, points in scales.items()}
    document["scales"] = scale_map
    document["themes"] = _placed_list(themes, (THEMES, 2))
    document["items"] = _placed_list(items, (SURVEY, 2))
    if advice:
        advice_map = _Mapping(advice)
        advice_map.line = (ADVICE, 2)
        advice_map.key_lines = {theme_id: entries[0].line for theme_id, entries in advice.items()}
        document["advice"] = advice_map
    if panorama:
        document["panorama"] = _placed_list(panorama, (PANORAMA, 2))
    return build_questionnaire(document)
