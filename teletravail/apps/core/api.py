"""Typed fields and error answers shared by the API's routers.

The fields read their bounds from `bounds.py`, as the web forms do. Numbers are strict (`false` is not 0, "12"
is not 12) and finite; names are stripped and refused when blank or holding a control character.
"""

import json
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Schema, Status
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from pydantic import AfterValidator, BeforeValidator, Field, Strict

from teletravail.apps.core.bounds import (
    CONTROL_CHARACTER,
    NAME_PATTERN,
    TEXT_PATTERN,
    clean_name,
    has_control_character,
)


class ErrorOut(Schema):
    detail: str = Field(description="Message d'erreur, en français.")


class FieldErrorOut(Schema):
    champ: str | None = Field(description="Champ en cause (chemin dans le corps ou nom du paramètre).")
    message: str = Field(description="Ce qui ne va pas, en français.")


class InvalidInputOut(Schema):
    detail: str = Field(description="« Données invalides. »")
    erreurs: list[FieldErrorOut] = Field(description="Une entrée par champ refusé.")


# The answers every operation may give besides its success, documented in the OpenAPI file.
INVALID = {400: InvalidInputOut | ErrorOut}
# Open to anonymous callers; a token sent along must still be valid.
ANONYMOUS_ERRORS = {**INVALID, 401: ErrorOut}
MEMBER_ERRORS = {**INVALID, 401: ErrorOut, 404: ErrorOut}
MANAGER_ERRORS = {**MEMBER_ERRORS, 403: ErrorOut}


def _name(value):
    try:
        return clean_name(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


def _text(value):
    if has_control_character(value):
        raise ValueError(str(CONTROL_CHARACTER))
    return value


class BodyError(ValueError):
    """A request body that is not a JSON object; ninja answers 400 with it as the cause."""


def _refuse_constant(name):
    raise BodyError(
        _("Le corps de la requête contient %(value)s : seuls les nombres finis sont acceptés.") % {"value": name}
    )


class JSONObjectParser(Parser):
    """Bodies are JSON objects with finite numbers: a list, a bare value or NaN/Infinity is refused up front."""

    def parse_body(self, request):
        try:
            data = json.loads(request.body, parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as exc:
            if isinstance(exc, BodyError):
                raise
            raise BodyError(_("Le corps de la requête n'est pas du JSON valide.")) from None
        if not isinstance(data, dict):
            raise BodyError(_("Le corps de la requête doit être un objet JSON ({…})."))
        return data


class StrictJSONRenderer(JSONRenderer):
    """Answers are strict JSON: a NaN or an infinity is a bug to fix (a server error), never a `NaN` token that
    JSON parsers reject."""

    json_dumps_params = {"allow_nan": False}


def body_error_message(exc):
    """The French message of a body refused by JSONObjectParser, else None."""
    cause = exc.__cause__
    return str(cause) if isinstance(cause, BodyError) else None


# French messages for pydantic's error types; anything else falls back on a generic message.
_MESSAGES = {
    "missing": gettext_noop("Champ obligatoire."),
    "int_type": gettext_noop("Un nombre entier est attendu."),
    "int_parsing": gettext_noop("Un nombre entier est attendu."),
    "float_type": gettext_noop("Un nombre est attendu."),
    "float_parsing": gettext_noop("Un nombre est attendu."),
    "finite_number": gettext_noop("Un nombre fini est attendu (ni NaN ni Infinity)."),
    "string_type": gettext_noop("Un texte est attendu."),
    "bool_type": gettext_noop("Un booléen (true ou false) est attendu."),
    "greater_than_equal": gettext_noop("La valeur doit être supérieure ou égale à {ge}."),
    "less_than_equal": gettext_noop("La valeur doit être inférieure ou égale à {le}."),
    "greater_than": gettext_noop("La valeur doit être supérieure à {gt}."),
    "less_than": gettext_noop("La valeur doit être inférieure à {lt}."),
    "string_too_short": gettext_noop("Le texte doit comporter au moins {min_length} caractère(s)."),
    "string_too_long": gettext_noop("Le texte doit comporter au plus {max_length} caractères."),
    "too_short": gettext_noop("Au moins {min_length} élément(s) attendu(s)."),
    "too_long": gettext_noop("Au plus {max_length} éléments."),
    "string_pattern_mismatch": gettext_noop("Format invalide (motif attendu : {pattern})."),
    "literal_error": gettext_noop("Valeur inconnue (valeurs possibles : {expected})."),
    "enum": gettext_noop("Valeur inconnue (valeurs possibles : {expected})."),
    "model_type": gettext_noop("Un objet JSON est attendu."),
    "model_attributes_type": gettext_noop("Un objet JSON est attendu."),
    "dict_type": gettext_noop("Un objet JSON est attendu."),
    "list_type": gettext_noop("Une liste est attendue."),
    "json_invalid": gettext_noop("Le corps de la requête n'est pas du JSON valide."),
    "extra_forbidden": gettext_noop("Champ inconnu."),
}


def service_refusal(error):
    """A service's ValidationError as the API's answer: 409 when the value is taken (SIRET, team name), else 400."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
    errors = [
        {"champ": field if field != "__all__" else None, "message": message}
        for field, field_errors in by_field.items()
        for field_error in field_errors
        for message in field_error.messages
    ]
    duplicate = any(e.code == "duplicate" for field_errors in by_field.values() for e in field_errors)
    return Status(409 if duplicate else 400, {"detail": "Données invalides.", "erreurs": errors})


def field_error(error):
    """{champ, message} for one error of ninja's ValidationError: the path inside the body, or the parameter."""
    location = [str(part) for part in error.get("loc", ())]
    # ("body", "payload", "employees", "3", "mode"): the body's parameter name says nothing to the caller.
    path = location[2:] if location[:1] in (["body"], ["form"]) else location[1:]
    kind = error.get("type", "")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
    elif kind in _MESSAGES:
        message = _(_MESSAGES[kind]).format(**error.get("ctx", {}))
    else:
        message = _("Valeur invalide.")
    return {"champ": ".".join(path) or None, "message": message}


def _whole_float_as_int(value):
    # JSON Schema counts 12.0 as an integer; "12", 12.5 and true stay refused.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def bounded_int(bounds, **field):
    # The validator wraps the strict, bounded integer: it runs first, and the bounds stay in the JSON schema.
    return Annotated[
        int, Strict(), Field(ge=bounds.minimum, le=bounds.maximum, **field), BeforeValidator(_whole_float_as_int)
    ]


def bounded_float(bounds, **field):
    return Annotated[float, Strict(), Field(ge=bounds.minimum, le=bounds.maximum, allow_inf_nan=False, **field)]


def name_text(max_length, **field):
    return Annotated[
        str,
        Strict(),
        Field(min_length=1, max_length=max_length, json_schema_extra={"pattern": NAME_PATTERN}, **field),
        AfterValidator(_name),
    ]


def plain_text(max_length, *, pattern=None, **field):
    """A short text without control character (a NUL byte cannot be stored, nor looked up, by PostgreSQL)."""
    if pattern:
        return Annotated[str, Strict(), Field(max_length=max_length, pattern=pattern, **field)]
    return Annotated[
        str,
        Strict(),
        Field(max_length=max_length, json_schema_extra={"pattern": TEXT_PATTERN}, **field),
        AfterValidator(_text),
    ]
