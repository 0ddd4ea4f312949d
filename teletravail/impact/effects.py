"""What each effect is: unit, French label (English in `ENGLISH`), and the parameters its formula reads."""

from dataclasses import dataclass, field, replace

from teletravail.impact.core import car_band_names, coefficient_parameters, factor_parameters, moto_band_names
from teletravail.impact.modes import CAR_BAREME_MODES, MODES, MOTO_BAREME_MODES, PUBLIC_TRANSPORT_MODES


@dataclass(frozen=True)
class EffectSpec:
    unit: str
    label: str
    coefficients: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()
    structure: tuple[str, ...] = ()


KM = ("working_weeks_per_year", "trips_per_office_day")
WEEKS = ("working_weeks_per_year",)
PASS = KM + (
    "public_transport_pass_eur_per_year",
    "public_transport_single_ticket_eur",
    "public_transport_pass_outside_ile_de_france_eur_per_year",
    "public_transport_single_ticket_outside_ile_de_france_eur",
    "employer_transport_reimbursement_share",
)
REBOUND = ("re_travelled_share",)
# The coefficients that time a trip when no round-trip time is given.
TIMING = ("hours_per_km", "hours_per_far_km", "access_hours_per_trip")

EFFECTS = {
    "workers": EffectSpec("actifs", "Actifs des flux domicile-travail"),
    "teleworkers": EffectSpec("actifs", "Télétravailleurs"),
    "presence_days_moved_per_year": EffectSpec(
        "jours/an",
        "Jours de présence déplacés d'une commune de travail vers une autre commune de résidence",
        (),
        (),
        WEEKS,
    ),
    "trips_avoided_per_year": EffectSpec("trajets/an", "Trajets domicile-travail évités", structure=KM),
    "commute_km_avoided_per_year": EffectSpec(
        "km/an", "Kilomètres domicile-travail évités (avant effet rebond)", structure=KM
    ),
    "km_re_travelled_per_year": EffectSpec(
        "km/an", "Kilomètres reparcourus les jours de télétravail (effet rebond)", factors=REBOUND, structure=KM
    ),
    "km_avoided_per_year": EffectSpec(
        "km/an", "Kilomètres évités, nets des kilomètres reparcourus", factors=REBOUND, structure=KM
    ),
    "hours_saved_per_year": EffectSpec("h/an", "Temps de trajet gagné", TIMING, structure=KM),
    "minutes_saved_per_telework_day": EffectSpec(
        "min/jour", "Temps gagné par jour de télétravail", TIMING, structure=("trips_per_office_day",)
    ),
    "fuel_litres_avoided_per_year": EffectSpec(
        "L/an", "Carburant non consommé", ("litres_per_km",), REBOUND, structure=KM
    ),
    "co2e_kg_avoided_per_year": EffectSpec(
        "kgCO2e/an", "Émissions de trajet évitées (brutes)", ("emission_factor",), structure=KM
    ),
    "co2e_kg_rebound_re_travel_per_year": EffectSpec(
        "kgCO2e/an", "Effet rebond : kilomètres reparcourus", ("emission_factor",), REBOUND, KM
    ),
    "co2e_kg_rebound_home_energy_per_year": EffectSpec(
        "kgCO2e/an", "Effet rebond : énergie consommée au domicile", (), ("home_kgco2e_per_telework_day",), WEEKS
    ),
    "co2e_kg_rebound_video_calls_per_year": EffectSpec(
        "kgCO2e/an", "Effet rebond : visioconférences", (), ("video_kgco2e_per_weekly_day",)
    ),
    "co2e_kg_office_saved_per_year": EffectSpec(
        "kgCO2e/an", "Bureaux partagés : émissions des surfaces de bureau libérées", (), ("office_kgco2e_per_desk",)
    ),
    "co2e_kg_net_per_year": EffectSpec(
        "kgCO2e/an",
        "Émissions évitées, nettes des effets rebond",
        ("emission_factor",),
        (
            "re_travelled_share",
            "home_kgco2e_per_telework_day",
            "video_kgco2e_per_weekly_day",
            "office_kgco2e_per_desk",
        ),
        KM,
    ),
    "money_eur_saved_per_year": EffectSpec(
        "€/an",
        "Économies du salarié : carburant ou électricité, abonnement abandonné, indemnité",
        ("energy_eur_per_km", "public_transport"),
        REBOUND,
        PASS,
    ),
    "money_eur_saved_bareme_per_year": EffectSpec(
        "€/an",
        "Économies du salarié au barème kilométrique (coût complet du véhicule), abonnement, indemnité",
        ("bareme_car_factor", "bareme_moto_factor", "public_transport"),
        REBOUND,
        PASS,
    ),
    "fuel_eur_saved_per_year": EffectSpec(
        "€/an", "Dépense de carburant ou d'électricité évitée", ("energy_eur_per_km",), REBOUND, KM
    ),
    "bareme_eur_difference_per_year": EffectSpec(
        "€/an",
        "Différence de barème kilométrique (km nets évités au taux marginal)",
        ("bareme_car_factor", "bareme_moto_factor"),
        REBOUND,
        KM,
    ),
    "public_transport_eur_saved_per_year": EffectSpec(
        "€/an", "Abonnement de transport économisé (part du salarié)", ("public_transport",), (), PASS
    ),
    "allowance_eur_per_year": EffectSpec("€/an", "Indemnité de télétravail perçue", structure=WEEKS),
    "employer_transport_eur_saved_per_year": EffectSpec(
        "€/an", "Prise en charge de l'abonnement économisée par l'employeur", ("public_transport",), (), PASS
    ),
    "commute_accidents_avoided_per_year": EffectSpec(
        "accidents/an",
        "Accidents de trajet avec arrêt de travail évités",
        ("accident_relative_risk",),
        ("accidents_per_km",) + REBOUND,
        KM,
    ),
    "commute_deaths_avoided_per_year": EffectSpec(
        "décès/an",
        "Décès par accident de trajet évités",
        ("accident_relative_risk",),
        ("deaths_per_km",) + REBOUND,
        KM,
    ),
    "telework_days_per_year": EffectSpec(
        "jours/an", "Jours de télétravail (jours de présence déplacés)", (), (), WEEKS
    ),
    "local_spending_eur_moved_per_year": EffectSpec(
        "€/an",
        "Dépenses locales déplacées du lieu de travail vers le domicile",
        (),
        ("local_spending_eur_per_day",),
        WEEKS,
    ),
    "km_per_year_baseline": EffectSpec("km/an", "Kilomètres domicile-travail avant télétravail", structure=KM),
    "hours_per_year_baseline": EffectSpec("h/an", "Temps de trajet avant télétravail", TIMING, structure=KM),
    "fuel_litres_per_year_baseline": EffectSpec(
        "L/an", "Carburant consommé avant télétravail", ("litres_per_km",), structure=KM
    ),
    "co2e_kg_per_year_baseline": EffectSpec(
        "kgCO2e/an", "Émissions des trajets avant télétravail", ("emission_factor",), structure=KM
    ),
    "km_per_year_remaining": EffectSpec("km/an", "Kilomètres domicile-travail restants", structure=KM),
    "co2e_kg_per_year_remaining": EffectSpec(
        "kgCO2e/an", "Émissions des trajets restants (jours au bureau)", ("emission_factor",), structure=KM
    ),
    "share_of_average_footprint_percent": EffectSpec(
        "%",
        "Part de l'empreinte carbone moyenne (convention Impact CO2)",
        ("emission_factor",),
        REBOUND,
        KM + ("impactco2.average_footprint_kgco2e_per_year",),
    ),
}

LABOUR = ("labour_cost_eur_per_year", "labour_cost_per_euro_of_gross_wages", "working_days_per_week")
ABSENTEEISM = LABOUR + (
    "absenteeism_reduction_per_telework_share",
    "short_absence_share_of_absence_days",
    "absence_days_per_employee_per_year",
    "calendar_days_per_year",
)
TURNOVER = LABOUR + ("turnover_reduction_share", "turnover_rate_per_year", "turnover_cost_share_of_gross_salary")
PRODUCTIVITY = LABOUR + ("productivity_gain_share",)
EQUIPMENT = ("telework_equipment_cost_eur_per_teleworker_per_year",)
EMPLOYER_NET = tuple(
    sorted(set(ABSENTEEISM + TURNOVER + PRODUCTIVITY + PASS + EQUIPMENT + ("workstation_cost_eur_per_year",)))
)

EFFECTS.update(
    {
        "employees": EffectSpec("salariés", "Salariés"),
        "desks_saved": EffectSpec("postes", "Postes de travail libérés par le partage des bureaux"),
        "employer_real_estate_eur_saved_per_year": EffectSpec(
            "€/an", "Immobilier : coût des postes libérés", structure=("workstation_cost_eur_per_year",)
        ),
        "employer_absenteeism_eur_saved_per_year": EffectSpec(
            "€/an", "Absentéisme évité (coût du travail des jours d'absence)", structure=ABSENTEEISM
        ),
        "employer_turnover_eur_saved_per_year": EffectSpec(
            "€/an", "Départs évités (coût de remplacement)", structure=TURNOVER
        ),
        "employer_productivity_eur_per_year": EffectSpec(
            "€/an", "Productivité des jours de télétravail", structure=PRODUCTIVITY
        ),
        "employer_allowances_eur_per_year": EffectSpec(
            "€/an", "Indemnités de télétravail versées (coût)", structure=WEEKS
        ),
        "employer_equipment_eur_per_year": EffectSpec(
            "€/an", "Équipement des télétravailleurs renouvelé chaque année (coût)", structure=EQUIPMENT
        ),
        "employer_net_eur_per_year": EffectSpec(
            "€/an",
            "Solde annuel pour l'employeur",
            structure=EMPLOYER_NET,
        ),
        "employer_setup_cost_eur_one_off": EffectSpec(
            "€", "Coût de mise en place (une fois)", structure=("telework_setup_cost_eur_per_teleworker",)
        ),
        "employees_with_known_profession": EffectSpec("salariés", "Salariés dont la profession est connue"),
        "employees_with_unconfirmed_profession": EffectSpec(
            "salariés", "Salariés non codés : intitulé de poste à confirmer"
        ),
        "teleworkable_jobs_dingel_neiman": EffectSpec(
            "emplois", "Emplois télétravaillables selon la référence nationale par profession (Dingel–Neiman)"
        ),
        "teleworkable_jobs_jrc": EffectSpec(
            "emplois", "Emplois télétravaillables selon l'indice technique par profession (JRC)"
        ),
        "employer_net_eur_first_year": EffectSpec(
            "€",
            "Solde de la première année (mise en place déduite)",
            structure=EMPLOYER_NET + ("telework_setup_cost_eur_per_teleworker",),
        ),
    }
)

# English labels and units, for the platform's English interface (the French ones above are the reference).
ENGLISH = {
    "workers": ("workers", "Workers in the commuter flows"),
    "teleworkers": ("workers", "Teleworkers"),
    "presence_days_moved_per_year": ("days/yr", "Presence days moved from a work commune to another home commune"),
    "trips_avoided_per_year": ("trips/yr", "Commuting trips avoided"),
    "commute_km_avoided_per_year": ("km/yr", "Commuting kilometres avoided (before rebound)"),
    "km_re_travelled_per_year": ("km/yr", "Kilometres travelled again on telework days (rebound)"),
    "km_avoided_per_year": ("km/yr", "Kilometres avoided, net of those travelled again"),
    "hours_saved_per_year": ("h/yr", "Commuting time saved"),
    "minutes_saved_per_telework_day": ("min/day", "Time saved per telework day"),
    "fuel_litres_avoided_per_year": ("L/yr", "Fuel not burnt"),
    "co2e_kg_avoided_per_year": ("kgCO2e/yr", "Commuting emissions avoided (gross)"),
    "co2e_kg_rebound_re_travel_per_year": ("kgCO2e/yr", "Rebound: kilometres travelled again"),
    "co2e_kg_rebound_home_energy_per_year": ("kgCO2e/yr", "Rebound: energy used at home"),
    "co2e_kg_rebound_video_calls_per_year": ("kgCO2e/yr", "Rebound: video calls"),
    "co2e_kg_office_saved_per_year": ("kgCO2e/yr", "Shared desks: emissions of the office space released"),
    "co2e_kg_net_per_year": ("kgCO2e/yr", "Emissions avoided, net of rebound effects"),
    "money_eur_saved_per_year": ("€/yr", "Employee savings: fuel or electricity, dropped pass, allowance"),
    "money_eur_saved_bareme_per_year": (
        "€/yr",
        "Employee savings at the mileage scale (full vehicle cost), pass, allowance",
    ),
    "fuel_eur_saved_per_year": ("€/yr", "Fuel or electricity spending avoided"),
    "bareme_eur_difference_per_year": ("€/yr", "Mileage-scale difference (net km avoided at the marginal rate)"),
    "public_transport_eur_saved_per_year": ("€/yr", "Transport pass saved (employee's share)"),
    "allowance_eur_per_year": ("€/yr", "Telework allowance received"),
    "employer_transport_eur_saved_per_year": ("€/yr", "Pass reimbursement saved by the employer"),
    "commute_accidents_avoided_per_year": ("accidents/yr", "Commuting accidents with sick leave avoided"),
    "commute_deaths_avoided_per_year": ("deaths/yr", "Deaths in commuting accidents avoided"),
    "telework_days_per_year": ("days/yr", "Telework days (presence days moved)"),
    "local_spending_eur_moved_per_year": ("€/yr", "Local spending moved from the workplace to home"),
    "km_per_year_baseline": ("km/yr", "Commuting kilometres before telework"),
    "hours_per_year_baseline": ("h/yr", "Commuting time before telework"),
    "fuel_litres_per_year_baseline": ("L/yr", "Fuel burnt before telework"),
    "co2e_kg_per_year_baseline": ("kgCO2e/yr", "Commuting emissions before telework"),
    "km_per_year_remaining": ("km/yr", "Commuting kilometres remaining"),
    "co2e_kg_per_year_remaining": ("kgCO2e/yr", "Emissions of the remaining commutes (office days)"),
    "share_of_average_footprint_percent": ("%", "Share of the average carbon footprint (Impact CO2 convention)"),
    "employees": ("employees", "Employees"),
    "desks_saved": ("desks", "Workstations freed by desk sharing"),
    "employer_real_estate_eur_saved_per_year": ("€/yr", "Real estate: cost of the freed workstations"),
    "employer_absenteeism_eur_saved_per_year": ("€/yr", "Absenteeism avoided (labour cost of absence days)"),
    "employer_turnover_eur_saved_per_year": ("€/yr", "Departures avoided (replacement cost)"),
    "employer_productivity_eur_per_year": ("€/yr", "Productivity of telework days"),
    "employer_allowances_eur_per_year": ("€/yr", "Telework allowances paid (cost)"),
    "employer_net_eur_per_year": ("€/yr", "Yearly balance for the employer"),
    "employer_setup_cost_eur_one_off": ("€", "Set-up cost (once)"),
    "employer_equipment_eur_per_year": ("€/yr", "Teleworkers' equipment renewed every year (cost)"),
    "employer_net_eur_first_year": ("€", "First-year balance (set-up deducted)"),
    "employees_with_known_profession": ("employees", "Employees whose occupation is known"),
    "employees_with_unconfirmed_profession": ("employees", "Employees not coded: job title to confirm"),
    "teleworkable_jobs_dingel_neiman": (
        "jobs",
        "Teleworkable jobs by the national occupation reference (Dingel–Neiman)",
    ),
    "teleworkable_jobs_jrc": ("jobs", "Teleworkable jobs by the technical occupation index (JRC)"),
}


# The effects every level reports first (the JSON `results` object of the CLI starts with them).
HEADLINE = (
    "km_avoided_per_year",
    "co2e_kg_avoided_per_year",
    "co2e_kg_net_per_year",
    "hours_saved_per_year",
    "fuel_litres_avoided_per_year",
    "money_eur_saved_per_year",
    "commute_accidents_avoided_per_year",
)


@dataclass(frozen=True)
class Effect:
    """One effect of a simulation: value, unit, French label and the names of the parameters it used."""

    name: str
    value: float
    unit: str
    label: str
    parameters: tuple[str, ...] = field(default_factory=tuple)

    def in_language(self, language):
        """The same effect with its label and unit in `language` ("fr" or "en"; French otherwise)."""
        if not language.startswith("en"):
            return self
        unit, label = ENGLISH[self.name]
        return replace(self, unit=unit, label=label)

    def as_dict(self):
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "parameters": list(self.parameters),
        }


def effect_parameters(name, modes, *, car_cvs=(), moto_cvs=(), timed_by_speed=True):
    """Parameters the effect `name` read for people travelling by `modes`."""
    spec = EFFECTS[name]
    modes = [mode for mode in modes if mode in MODES]
    names = set(spec.structure)
    for key in spec.coefficients:
        if key in TIMING and not timed_by_speed:
            continue
        for mode in modes:
            names |= coefficient_parameters(key, mode)
    for key in spec.factors:
        names |= factor_parameters(key)
    if timed_by_speed and "hours_per_far_km" in spec.coefficients and any(mode in CAR_BAREME_MODES for mode in modes):
        names.add("near_section_km")  # car modes are those with a long-distance speed
    if any(key.startswith("bareme") for key in spec.coefficients):
        if any(mode in CAR_BAREME_MODES for mode in modes):
            names |= {
                "bareme_kilometrique.voiture.seuil_1_km",
                "bareme_kilometrique.voiture.seuil_2_km",
                "car_km_per_year",
            }
            for cv in car_cvs:
                names |= set(car_band_names(cv))
        if any(mode in MOTO_BAREME_MODES for mode in modes):
            names |= {"bareme_kilometrique.moto.seuil_1_km", "bareme_kilometrique.moto.seuil_2_km"}
            for cv in moto_cvs:
                names |= set(moto_band_names(cv))
    if "public_transport" in spec.coefficients and not any(mode in PUBLIC_TRANSPORT_MODES for mode in modes):
        names -= set(PASS) - set(KM)
    return tuple(sorted(names))


def make_effect(name, value, modes, **kwargs):
    spec = EFFECTS[name]
    return Effect(name, float(value), spec.unit, spec.label, effect_parameters(name, modes, **kwargs))
