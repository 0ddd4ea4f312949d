"""The warnings of a simulation, in French (the reference, shown by the CLI and the API) and in English.

A warning is its French text, so it stays a plain string for every reader that wants French; `text(language)` writes
it in the reader's language, numbers included (« 8,0 » in French, « 8.0 » in English)."""

from teletravail.french import decimal, fixed, is_french


# code → (French text, English text); the values are written by NUMBERS in the reader's language.
TEXTS = {
    "desks_short": (
        "Postes insuffisants : le ratio de partage laisserait moins de postes que la présence moyenne de "
        "{presence} personnes par jour ; {desks} postes sont gardés et seuls les autres comptent comme libérés. "
        "Les jours de pointe demanderont davantage.",
        "Not enough desks: the sharing ratio would leave fewer desks than the average presence of {presence} "
        "people a day; {desks} desks are kept and only the others count as freed. Peak days will need more.",
    ),
    "nobody_teleworks": (
        "Aucun salarié ne télétravaille : aucun effet.",
        "No employee teleworks: no effect.",
    ),
    "no_telework_day": (
        "Aucun jour de télétravail : aucun effet.",
        "No telework day: no effect.",
    ),
    "pass_kept": (
        "L'abonnement de transport reste moins cher que des tickets pour les jours au bureau : il n'est pas "
        "économisé.",
        "The transport pass stays cheaper than tickets for the office days: it is not saved.",
    ),
    "no_commute": (
        "Mode « aucun » : pas de trajet domicile-travail, aucun effet.",
        "Mode “none”: no commute, no effect.",
    ),
    "impactco2_method": (
        "Méthode impactco2 : reproduit le calcul d'ADEME Impact CO2 (25 % de kilomètres reparcourus, sans "
        "énergie au domicile ni visioconférence).",
        "impactco2 method: reproduces ADEME Impact CO2's calculation (25 % of kilometres travelled again, without "
        "home energy or video calls).",
    ),
}

NUMBERS = {
    "presence": lambda value, language: fixed(value, 1, language),
    "desks": lambda value, language: decimal(value, 2, language),
}


def _render(code, values, language):
    french, english = TEXTS[code]
    template = french if is_french(language) else english
    return template.format(**{name: NUMBERS[name](value, language) for name, value in values.items()})


class SimulationWarning(str):
    """A warning of a simulation: its French text, with its `code` and `values` to write it in another language."""

    def __new__(cls, code, **values):
        warning = super().__new__(cls, _render(code, values, "fr"))
        warning.code, warning.values = code, values
        return warning

    def __reduce__(self):
        return _rebuild, (self.code, self.values)

    def text(self, language):
        return _render(self.code, self.values, language)


def _rebuild(code, values):
    return SimulationWarning(code, **values)
