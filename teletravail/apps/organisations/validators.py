import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.days import DAY_LABELS


# La Poste's establishments share this SIREN and follow their own check rule (sum of digits multiple of 5).
LA_POSTE_SIREN = "356000000"
NAF_CODE_RE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")


def luhn_is_valid(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_is_valid(value):
    if not (isinstance(value, str) and len(value) == 14 and value.isdigit()):
        return False
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_SIREN + "00001":
        return sum(int(c) for c in value) % 5 == 0
    return luhn_is_valid(value)


def validate_siret(value):
    compact = (value or "").replace(" ", "")
    if not (len(compact) == 14 and compact.isdigit()):
        raise ValidationError(_("Le SIRET doit comporter 14 chiffres."), code="siret_format")
    if not siret_is_valid(compact):
        raise ValidationError(_("Ce SIRET n'est pas valide (clé de contrôle incorrecte)."), code="siret_checksum")


def normalise_naf_code(value):
    """The NAF code in upper case without spaces, its dot put back when copied without it (6201Z → 62.01Z)."""
    value = value.strip().upper().replace(" ", "")
    if re.fullmatch(r"\d{4}[A-Z]", value):
        value = f"{value[:2]}.{value[2:]}"
    return value


def validate_naf_code(value):
    if value and not NAF_CODE_RE.match(value):
        raise ValidationError(_("Le code NAF doit être de la forme 62.01Z."), code="naf_format")


def validate_desks_by_day(value):
    """Desks on some days of the week: {day code (lun … dim): whole number ≥ 0}."""
    if not isinstance(value, dict):
        raise ValidationError(
            _("Les postes par jour doivent être indiqués jour par jour (lun, mar, mer, jeu, ven, sam, dim)."),
            code="desks_by_day_format",
        )
    errors = []
    for day, count in value.items():
        if day not in DAY_LABELS:
            errors.append(
                ValidationError(
                    _("Jour inconnu « %(day)s » (jours possibles : lun, mar, mer, jeu, ven, sam, dim)."),
                    code="desks_by_day_unknown_day",
                    params={"day": day},
                )
            )
        elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
            errors.append(
                ValidationError(
                    _("Le nombre de postes du %(day)s doit être un nombre entier positif ou nul."),
                    code="desks_by_day_count",
                    params={"day": DAY_LABELS[day]},
                )
            )
    if errors:
        raise ValidationError(errors)
