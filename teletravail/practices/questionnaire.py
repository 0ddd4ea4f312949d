"""Questionnaires as dated, sourced data: their items, answer scales, scoring rules, thresholds and advice.

A questionnaire is a YAML file (see `questionnaires/*.yaml`); `load_questionnaire` reads one and checks it whole:
a bad file raises `QuestionnaireError` naming the line, and nothing is loaded. The anonymity thresholds and the
rule of how many answered items make a score are dated parameters (`parameters/data/practices.yaml`); a theme may
raise its own minimum group size, never lower it.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from teletravail.parameters import Source, load_parameters


QUESTIONNAIRES_DIR = Path(__file__).resolve().parent / "questionnaires"
ROLES = ("employee", "manager", "employer")
KINDS = ("scale", "choice", "multiple", "text")
LANGUAGES = ("fr", "en")
# French names of the roles, for the messages of a bad file.
ROLE_NAMES = {"employee": "salarié", "manager": "manager", "employer": "employeur"}


class QuestionnaireError(ValueError):
    """A questionnaire file is malformed: `message` in French, `message_en` in English, `line` where it is.

    `place` names where the line is when it is not a YAML file's line (e.g. a sheet of an XLSForm workbook).
    """

    def __init__(self, message, message_en, line=None, place=None):
        self.line = line
        self.place = place
        where_fr = _where(line, f"feuille « {place} »" if place else "", "ligne")
        where_en = _where(line, f"sheet '{place}'" if place else "", "line")
        self.message = f"{where_fr} : {message}" if where_fr else message
        self.message_en = f"{where_en}: {message_en}" if where_en else message_en
        super().__init__(self.message)


def _where(line, sheet, line_word):
    parts = [part for part in (sheet, f"{line_word} {line}" if line is not None else "") if part]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _is_english(language):
    return (language or "fr").split("-")[0].lower() == "en"


@dataclass(frozen=True)
class Text:
    """A text in French with its English translation."""

    fr: str
    en: str

    def in_language(self, language):
        return self.en if _is_english(language) else self.fr


class _TitledText:
    """A sheet with a title and a text, each in French with its English translation."""

    def title(self, language="fr"):
        return self.titles.in_language(language)

    def text(self, language="fr"):
        return self.texts.in_language(language)


@dataclass(frozen=True)
class Choice:
    """One answer an item offers: its stored `value`, its label, and for a scored choice item its score (0–100)."""

    value: object
    labels: Text
    score: float | None = None

    def label(self, language="fr"):
        return self.labels.in_language(language)


@dataclass(frozen=True)
class Scale:
    """A named answer scale: ordered numeric points, the lowest worth 0 and the highest 100."""

    id: str
    points: tuple[Choice, ...]

    @property
    def low(self):
        return min(point.value for point in self.points)

    @property
    def high(self):
        return max(point.value for point in self.points)


@dataclass(frozen=True)
class Advice(_TitledText):
    """An advice sheet a weak theme leads to, written for one role."""

    role: str
    titles: Text
    texts: Text
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    theme: str
    kind: str
    texts: Text
    choices: tuple[Choice, ...] = ()
    scale: Scale | None = None
    reverse: bool = False
    sensitive: bool = False
    audience: tuple[str, ...] = ROLES
    required: bool = False
    hints: Text | None = None

    def text(self, language="fr"):
        return self.texts.in_language(language)

    def hint(self, language="fr"):
        return self.hints.in_language(language) if self.hints else ""

    @property
    def is_scored(self):
        """A scale item, or a choice item whose choices carry scores."""
        return self.kind == "scale" or (self.kind == "choice" and all(c.score is not None for c in self.choices))

    def choice(self, value):
        """The choice whose value is `value` (compared as text too, since forms send text), or None."""
        for choice in self.choices:
            if choice.value == value or str(choice.value) == str(value):
                return choice
        return None

    def item_score(self, value):
        """The 0–100 score of one answer of a scored item, or None when the value is not one of its choices."""
        choice = self.choice(value)
        if choice is None:
            return None
        if self.kind == "choice":
            return choice.score
        span = self.scale.high - self.scale.low
        score = (choice.value - self.scale.low) / span * 100
        return 100 - score if self.reverse else score


@dataclass(frozen=True)
class Theme:
    id: str
    titles: Text
    min_group: int
    min_difference: int
    weak_below: float
    strong_from: float
    advice: tuple[Advice, ...] = ()
    scored_items: tuple[str, ...] = ()
    descriptions: Text | None = None

    def title(self, language="fr"):
        return self.titles.in_language(language)

    def description(self, language="fr"):
        return self.descriptions.in_language(language) if self.descriptions else ""

    def level(self, score):
        """ "weak", "middle" or "strong" for a score, after the theme's thresholds; None without a score."""
        if score is None:
            return None
        if score < self.weak_below:
            return "weak"
        return "strong" if score >= self.strong_from else "middle"


@dataclass(frozen=True)
class TrainingKind(_TitledText):
    """One kind of training of the panorama the training-needs questionnaire points to."""

    id: str
    titles: Text
    texts: Text
    sources: tuple[Source, ...] = ()
    skills: tuple[str, ...] = ()  # values of the questionnaire's skill choices this training answers


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    valid_from: date
    licence: str
    titles: Text
    sources: tuple[Source, ...]
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    scales: dict = field(default_factory=dict)
    panorama: tuple[TrainingKind, ...] = ()
    notes: Text | None = None
    min_answered_share: float = 0.5
    # False when the answers describe the organisation and are given in the employer's own name (no anonymity).
    anonymous: bool = True

    def title(self, language="fr"):
        return self.titles.in_language(language)

    def note(self, language="fr"):
        return self.notes.in_language(language) if self.notes else ""

    def theme(self, theme_id):
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def item(self, item_id):
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def items_for(self, role):
        """The items `role` ("employee", "manager" or "employer") answers, in the questionnaire's order."""
        if role not in ROLES:
            raise ValueError(f"Rôle inconnu : « {role} » (attendu : {', '.join(ROLE_NAMES.values())}).")
        return tuple(item for item in self.items if role in item.audience)

    def items_of(self, theme_id):
        return tuple(item for item in self.items if item.theme == theme_id)


# --- Reading YAML with the line of every mapping and key ------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key):
        return self.key_lines.get(key, self.line)


class _List(list):
    line = None


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            raise QuestionnaireError(f"la clé « {key} » est écrite deux fois.", f"key '{key}' is written twice.", line)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader, node):
    sequence = _List(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text):
    """The YAML document of `text` with line numbers, or a QuestionnaireError naming the line of a syntax error."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise QuestionnaireError(
            "le fichier n'est pas du YAML valide.", f"the file is not valid YAML ({exc.problem}).", line
        ) from exc


# --- Building a questionnaire from a document -----------------------------------------------------------------------


class _Reader:
    """Checks a parsed document and builds the questionnaire; every refusal names the line (and the sheet)."""

    def __init__(self, place=None):
        self.place = place

    def fail(self, line, message, message_en):
        place = self.place
        if isinstance(line, tuple):  # (sheet, row) of a workbook
            place, line = line
        raise QuestionnaireError(message, message_en, line, place)

    @staticmethod
    def line(node, key=None):
        if isinstance(node, _Mapping):
            return node.line_of(key) if key is not None else node.line
        return getattr(node, "line", None)

    def mapping(self, node, what, what_en, line):
        if not isinstance(node, dict):
            self.fail(line, f"{what} doit être une table de clés et de valeurs.", f"{what_en} must be a mapping.")
        return node

    def sequence(self, node, what, what_en, line):
        if not isinstance(node, list) or not node:
            self.fail(line, f"{what} doit être une liste non vide.", f"{what_en} must be a non-empty list.")
        return node

    def required(self, node, key, what, what_en):
        if key not in node or node[key] in (None, ""):
            self.fail(self.line(node), f"{what} : le champ « {key} » manque.", f"{what_en}: field '{key}' is missing.")
        return node[key]

    def text(self, node, key, what, what_en, optional=False):
        if optional and node.get(key) is None:
            return None
        raw = self.required(node, key, what, what_en)
        line = self.line(node, key)
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(lang), str) and raw[lang].strip() for lang in LANGUAGES
        ):
            self.fail(
                line,
                f"{what} : « {key} » s'écrit en français et en anglais ({{fr: …, en: …}}).",
                f"{what_en}: '{key}' is written in French and English ({{fr: …, en: …}}).",
            )
        return Text(raw["fr"].strip(), raw["en"].strip())

    def number(self, node, key, what, what_en, low=None, high=None):
        raw = node.get(key)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.fail(
                self.line(node, key),
                f"{what} : « {key} » doit être un nombre.",
                f"{what_en}: '{key}' must be a number.",
            )
        if (low is not None and raw < low) or (high is not None and raw > high):
            self.fail(
                self.line(node, key),
                f"{what} : « {key} » doit être entre {low} et {high}.",
                f"{what_en}: '{key}' must be between {low} and {high}.",
            )
        return raw

    def flag(self, node, key, what, what_en):
        raw = node.get(key, False)
        if not isinstance(raw, bool):
            self.fail(
                self.line(node, key),
                f"{what} : « {key} » vaut true ou false.",
                f"{what_en}: '{key}' is true or false.",
            )
        return raw

    def sources(self, node, what, what_en, required=False):
        raw = node.get("sources")
        if raw is None and not required:
            return ()
        raw = self.sequence(raw, f"{what} : « sources »", f"{what_en}: 'sources'", self.line(node, "sources"))
        sources = []
        for entry in raw:
            if isinstance(entry, str) and entry.strip():
                sources.append(Source(title=entry.strip()))
                continue
            entry = self.mapping(entry, f"{what} : une source", f"{what_en}: a source", self.line(raw))
            title = self.required(entry, "title", f"{what} : une source", f"{what_en}: a source")
            sources.append(
                Source(
                    title=str(title),
                    url=str(entry.get("url", "")),
                    date=str(entry.get("date", "")),
                    note=str(entry.get("note", "")),
                )
            )
        return tuple(sources)

    def roles(self, raw, line, what, what_en):
        roles = [raw] if isinstance(raw, str) else raw
        if not isinstance(roles, list) or not roles or any(role not in ROLES for role in roles):
            self.fail(
                line,
                f"{what} : rôle inconnu « {raw} » (attendu : {', '.join(ROLES)}).",
                f"{what_en}: unknown role '{raw}' (expected: {', '.join(ROLES)}).",
            )
        return tuple(roles)

    def choice(self, entry, line, what, what_en, numeric=False):
        entry = self.mapping(entry, what, what_en, line)
        value = self.required(entry, "value", what, what_en)
        if numeric and (isinstance(value, bool) or not isinstance(value, int | float)):
            self.fail(
                self.line(entry, "value"),
                f"{what} : la valeur « {value} » d'un point d'échelle doit être un nombre.",
                f"{what_en}: the value '{value}' of a scale point must be a number.",
            )
        score = None
        if "score" in entry:
            score = float(self.number(entry, "score", what, what_en, 0, 100))
        return Choice(value=value, labels=self.text(entry, "label", what, what_en), score=score)

    def scale(self, scale_id, raw, line):
        what, what_en = f"échelle « {scale_id} »", f"scale '{scale_id}'"
        points = self.sequence(raw, what, what_en, line)
        if len(points) < 2:
            self.fail(line, f"{what} : il faut au moins deux points.", f"{what_en}: at least two points are needed.")
        parsed = tuple(self.choice(point, self.line(point) or line, what, what_en, numeric=True) for point in points)
        values = [point.value for point in parsed]
        if len(set(values)) != len(values):
            self.fail(line, f"{what} : deux points ont la même valeur.", f"{what_en}: two points have the same value.")
        return Scale(scale_id, parsed)

    def item(self, raw, scales, theme_ids, default_audience):
        line = self.line(raw)
        raw = self.mapping(raw, "une question", "an item", line)
        item_id = str(self.required(raw, "id", "une question", "an item"))
        what, what_en = f"question « {item_id} »", f"item '{item_id}'"
        kind = self.required(raw, "kind", what, what_en)
        if kind not in KINDS:
            self.fail(
                self.line(raw, "kind"),
                f"{what} : type de question inconnu « {kind} » (attendu : {', '.join(KINDS)}).",
                f"{what_en}: unknown item type '{kind}' (expected: {', '.join(KINDS)}).",
            )
        theme = self.required(raw, "theme", what, what_en)
        if theme not in theme_ids:
            self.fail(
                self.line(raw, "theme"),
                f"{what} : thème inconnu « {theme} ».",
                f"{what_en}: unknown theme '{theme}'.",
            )
        scale, choices = None, ()
        if kind == "scale":
            scale_id = self.required(raw, "scale", what, what_en)
            if scale_id not in scales:
                self.fail(
                    self.line(raw, "scale"),
                    f"{what} : échelle inconnue « {scale_id} ».",
                    f"{what_en}: unknown scale '{scale_id}'.",
                )
            scale = scales[scale_id]
            choices = scale.points
        elif kind in ("choice", "multiple"):
            entries = self.sequence(
                raw.get("choices"), f"{what} : « choices »", f"{what_en}: 'choices'", self.line(raw, "choices") or line
            )
            choices = tuple(self.choice(entry, self.line(entry) or line, what, what_en) for entry in entries)
            values = [str(choice.value) for choice in choices]
            if len(set(values)) != len(values):
                self.fail(
                    self.line(raw, "choices"),
                    f"{what} : deux réponses ont la même valeur.",
                    f"{what_en}: two choices have the same value.",
                )
            scored = [choice.score is not None for choice in choices]
            if any(scored) and (kind == "multiple" or not all(scored)):
                self.fail(
                    self.line(raw, "choices"),
                    f"{what} : seules les questions à choix unique ont des réponses notées, et alors toutes le sont.",
                    f"{what_en}: only single-choice items have scored choices, and then all of them are.",
                )
        audience = default_audience
        if "audience" in raw:
            audience = self.roles(raw["audience"], self.line(raw, "audience"), what, what_en)
        reverse = self.flag(raw, "reverse", what, what_en)
        if reverse and kind != "scale":
            self.fail(
                self.line(raw, "reverse"),
                f"{what} : seule une question sur une échelle peut être inversée.",
                f"{what_en}: only a scale item can be reversed.",
            )
        return Item(
            id=item_id,
            theme=theme,
            kind=kind,
            texts=self.text(raw, "text", what, what_en),
            choices=choices,
            scale=scale,
            reverse=reverse,
            sensitive=self.flag(raw, "sensitive", what, what_en),
            audience=audience,
            required=self.flag(raw, "required", what, what_en),
            hints=self.text(raw, "hint", what, what_en, optional=True),
        )

    def theme(self, raw, items, anonymity, extra_advice=()):
        line = self.line(raw)
        theme_id = str(raw["id"])
        what, what_en = f"thème « {theme_id} »", f"theme '{theme_id}'"
        own_items = [item for item in items if item.theme == theme_id]
        if not own_items:
            self.fail(line, f"{what} : aucune question.", f"{what_en}: no item.")
        if "scored_items" in raw:
            listed = self.sequence(
                raw["scored_items"],
                f"{what} : « scored_items »",
                f"{what_en}: 'scored_items'",
                self.line(raw, "scored_items"),
            )
            by_id = {item.id: item for item in items}
            for item_id in listed:
                if item_id not in by_id:
                    self.fail(
                        self.line(raw, "scored_items"),
                        f"{what} : la règle de score cite une question qui n'existe pas, « {item_id} ».",
                        f"{what_en}: the scoring rule refers to a missing item, '{item_id}'.",
                    )
                if not by_id[item_id].is_scored or by_id[item_id].theme != theme_id:
                    self.fail(
                        self.line(raw, "scored_items"),
                        f"{what} : « {item_id} » n'est pas une question notée de ce thème.",
                        f"{what_en}: '{item_id}' is not a scored item of this theme.",
                    )
            scored = tuple(str(item_id) for item_id in listed)
        else:
            scored = tuple(item.id for item in own_items if item.is_scored)
        sensitive = any(item.sensitive for item in own_items)
        floor = anonymity["min_group_sensitive" if sensitive else "min_group"]
        min_group = floor
        if "min_group" in raw:
            min_group = int(self.number(raw, "min_group", what, what_en))
            if min_group < floor:
                self.fail(
                    self.line(raw, "min_group"),
                    f"{what} : le seuil de groupe ne peut pas descendre sous {floor} réponses.",
                    f"{what_en}: the group threshold cannot go below {floor} answers.",
                )
        weak_below = strong_from = None
        if scored:
            weak_below = float(self.number(raw, "weak_below", what, what_en, 0, 100))
            strong_from = float(self.number(raw, "strong_from", what, what_en, 0, 100))
            if strong_from <= weak_below:
                self.fail(
                    self.line(raw, "strong_from"),
                    f"{what} : « strong_from » doit dépasser « weak_below ».",
                    f"{what_en}: 'strong_from' must be above 'weak_below'.",
                )
        advice = []
        for entry in [*(raw.get("advice") or ()), *extra_advice]:
            entry_line = self.line(entry) or line
            entry = self.mapping(entry, f"{what} : un conseil", f"{what_en}: an advice", entry_line)
            role = self.roles(
                entry.get("role"), self.line(entry, "role"), f"{what} : un conseil", f"{what_en}: an advice"
            )
            for one_role in role:
                advice.append(
                    Advice(
                        role=one_role,
                        titles=self.text(entry, "title", f"{what} : un conseil", f"{what_en}: an advice"),
                        texts=self.text(entry, "text", f"{what} : un conseil", f"{what_en}: an advice"),
                        sources=self.sources(entry, f"{what} : un conseil", f"{what_en}: an advice", required=True),
                    )
                )
        return Theme(
            id=theme_id,
            titles=self.text(raw, "title", what, what_en),
            min_group=min_group,
            min_difference=anonymity["difference_sensitive" if sensitive else "difference"],
            weak_below=weak_below,
            strong_from=strong_from,
            advice=tuple(advice),
            scored_items=scored,
            descriptions=self.text(raw, "description", what, what_en, optional=True),
        )

    def questionnaire(self, document, anonymity, min_answered_share):
        document = self.mapping(document, "le questionnaire", "the questionnaire", 1)
        what, what_en = "le questionnaire", "the questionnaire"
        questionnaire_id = str(self.required(document, "id", what, what_en))
        version = str(self.required(document, "version", what, what_en))
        raw_date = self.required(document, "valid_from", what, what_en)
        try:
            valid_from = raw_date if isinstance(raw_date, date) else date.fromisoformat(str(raw_date))
        except ValueError:
            self.fail(
                self.line(document, "valid_from"),
                f"date invalide « {raw_date} » (format attendu AAAA-MM-JJ).",
                f"invalid date '{raw_date}' (expected YYYY-MM-DD).",
            )
        licence = str(self.required(document, "licence", what, what_en))
        scales = {}
        raw_scales = document.get("scales") or {}
        raw_scales = self.mapping(raw_scales, "« scales »", "'scales'", self.line(document, "scales"))
        for scale_id, raw in raw_scales.items():
            scales[str(scale_id)] = self.scale(str(scale_id), raw, self.line(raw_scales, scale_id))
        raw_themes = self.sequence(document.get("themes"), "« themes »", "'themes'", self.line(document, "themes"))
        theme_ids = []
        for raw in raw_themes:
            raw = self.mapping(raw, "un thème", "a theme", self.line(raw_themes))
            theme_id = str(self.required(raw, "id", "un thème", "a theme"))
            if theme_id in theme_ids:
                self.fail(
                    self.line(raw, "id"),
                    f"le thème « {theme_id} » est défini deux fois.",
                    f"theme '{theme_id}' is defined twice.",
                )
            theme_ids.append(theme_id)
        default_audience = ROLES
        if "audience" in document:
            default_audience = self.roles(document["audience"], self.line(document, "audience"), what, what_en)
        raw_items = self.sequence(document.get("items"), "« items »", "'items'", self.line(document, "items"))
        items, seen = [], set()
        for raw in raw_items:
            item = self.item(raw, scales, theme_ids, default_audience)
            if item.id in seen:
                self.fail(
                    self.line(raw, "id"),
                    f"la question « {item.id} » est définie deux fois.",
                    f"item '{item.id}' is defined twice.",
                )
            seen.add(item.id)
            items.append(item)
        separate_advice = self.separate_advice(document, theme_ids)
        themes = tuple(
            self.theme(raw, items, anonymity, separate_advice.get(str(raw["id"]), ())) for raw in raw_themes
        )
        panorama = []
        for raw in document.get("panorama") or ():
            raw = self.mapping(raw, "le panorama", "the panorama", self.line(document, "panorama"))
            kind_id = str(self.required(raw, "id", "le panorama", "the panorama"))
            where, where_en = f"formation « {kind_id} »", f"training '{kind_id}'"
            offered = {str(choice.value) for item in items for choice in item.choices}
            skills = raw.get("skills") or []
            for skill in skills:
                if str(skill) not in offered:
                    self.fail(
                        self.line(raw, "skills"),
                        f"{where} : compétence inconnue « {skill} » (absente des réponses des questions).",
                        f"{where_en}: unknown skill '{skill}' (not among the items' answers).",
                    )
            panorama.append(
                TrainingKind(
                    id=kind_id,
                    titles=self.text(raw, "title", where, where_en),
                    texts=self.text(raw, "text", where, where_en),
                    sources=self.sources(raw, where, where_en, required=True),
                    skills=tuple(str(skill) for skill in skills),
                )
            )
        return Questionnaire(
            id=questionnaire_id,
            version=version,
            valid_from=valid_from,
            licence=licence,
            titles=self.text(document, "title", what, what_en),
            sources=self.sources(document, what, what_en, required=True),
            themes=themes,
            items=tuple(items),
            scales=scales,
            panorama=tuple(panorama),
            notes=self.text(document, "note", what, what_en, optional=True),
            min_answered_share=min_answered_share,
            anonymous=self.flag(document, "anonymous", what, what_en) if "anonymous" in document else True,
        )

    def separate_advice(self, document, theme_ids):
        """Advice may be written apart from the themes, under `advice: {theme_id: [...]}`, for a known theme."""
        raw = document.get("advice")
        if raw is None:
            return {}
        raw = self.mapping(raw, "« advice »", "'advice'", self.line(document, "advice"))
        for theme_id, entries in raw.items():
            if theme_id not in theme_ids:
                self.fail(
                    self.line(raw, theme_id),
                    f"conseil pour un thème inconnu « {theme_id} ».",
                    f"advice for an unknown theme '{theme_id}'.",
                )
            self.sequence(
                entries, f"conseils du thème « {theme_id} »", f"advice of theme '{theme_id}'", self.line(raw, theme_id)
            )
        return raw


def anonymity_rules(when=None):
    """The thresholds in force: minimum group sizes and rules of difference (ordinary and sensitive themes)."""
    parameters = load_parameters("practices")
    names = ("min_group", "min_group_sensitive", "difference", "difference_sensitive")
    return {name: int(parameters[f"anonymity.{name}"].at(when).central) for name in names}


def build_questionnaire(document, place=None, when=None):
    """A questionnaire from a parsed document (with line numbers); `place` names a sheet in the messages."""
    reader = _Reader(place)
    share = load_parameters("practices")["scoring.min_answered_share"].at(when).central
    return reader.questionnaire(document, anonymity_rules(when), share)


def load_questionnaire(path_or_text):
    """A questionnaire from a YAML file (a Path, or a str naming an existing .yaml file) or from YAML text."""
    if isinstance(path_or_text, Path) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text and path_or_text.endswith((".yaml", ".yml"))
    ):
        text = Path(path_or_text).read_text(encoding="utf-8")
    else:
        text = path_or_text
    return build_questionnaire(parse_yaml(text))


@cache
def bundled_versions():
    """Every bundled questionnaire file, all versions, oldest first."""
    versions = [load_questionnaire(path) for path in sorted(QUESTIONNAIRES_DIR.glob("*.yaml"))]
    return tuple(sorted(versions, key=lambda questionnaire: (questionnaire.id, questionnaire.valid_from)))


def load_questionnaires(when=None):
    """The bundled questionnaires in force on `when` (today when omitted): the latest version of each, by id."""
    when = when or date.today()
    when = when if isinstance(when, date) else date.fromisoformat(str(when))
    return {
        questionnaire.id: questionnaire for questionnaire in bundled_versions() if questionnaire.valid_from <= when
    }
