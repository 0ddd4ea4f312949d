import re
from pathlib import Path

import pytest

import teletravail.impact as impact_package
from teletravail.impact import MODES, ImpactInputError, simulate_person
from teletravail.impact.core import (
    COEFFICIENTS,
    FACTORS,
    coefficient_parameters,
    factor_parameters,
    mode_coefficients,
    speed_kmh,
)
from teletravail.impact.modes import MODE_INDEX
from teletravail.impact.params import EXPORT_COLUMNS, ImpactParameters, is_structural, parameter_rows
from teletravail.parameters import load_parameters


WHEN = "2026-11-01"
PERSON = {"distance_km": 20, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3}


def test_every_parameter_read_by_the_formulas_exists():
    names = load_parameters("impact")
    read = set()
    for key in COEFFICIENTS:
        for mode in MODES:
            read |= coefficient_parameters(key, mode)
    for key in FACTORS:
        read |= factor_parameters(key)
    assert read - set(names) == set()


def test_every_parameter_named_in_the_engine_source_exists():
    """A literal parameter name in the code with a typo would only fail at run time."""
    names = set(load_parameters("impact")) | {"road_detour_factor"}
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path(impact_package.__file__).parent.glob("*.py"))
    quoted = set(
        re.findall(r'"([a-z0-9_]+(?:\.[a-z0-9_]+)+|[a-z0-9_]+_(?:per|share|eur|kwh|km|rate)[a-z0-9_]*)"', source)
    )
    prefixes = {name.split(".")[0] for name in names}
    candidates = {name for name in quoted if name.split(".")[0] in prefixes and not name.endswith(("_", "."))}
    assert len(candidates) > 30
    assert candidates - names == set()


def test_productivity_central_is_not_the_flattering_end():
    value = load_parameters("impact")["productivity_gain_share"].at(WHEN)
    assert value.low == 0 and value.high == pytest.approx(0.22)
    assert value.central < value.high


def test_secondary_figures_are_marked_to_verify():
    parameters = load_parameters("impact")
    for name in (
        "absence_days_per_employee_per_year",
        "workstation_cost_eur_per_year",
        "video_call_kgco2e_per_year_per_weekly_telework_day",
    ):
        assert parameters[name].source.to_verify, name
    # 2020 read on insee.fr, but the 2026 value is derived (2022 hourly cost, labour cost index): to verify.
    assert parameters["labour_cost_eur_per_year"].source.to_verify
    assert not parameters["labour_cost_per_euro_of_gross_wages"].source.to_verify  # read on insee.fr


def test_an_override_replaces_the_value_and_is_reported():
    base = simulate_person(PERSON, when=WHEN)
    result = simulate_person(PERSON, when=WHEN, overrides={"fuel_consumption_l_per_100km.voiture_thermique": "6,5"})
    assert result.results["co2e_kg_avoided_per_year"] == pytest.approx(3680 * (0.065 * 3.07 + 0.0316956522))
    assert result.results["co2e_kg_avoided_per_year"] != base.results["co2e_kg_avoided_per_year"]
    used = {parameter.name: parameter for parameter in result.parameters}
    assert used["fuel_consumption_l_per_100km.voiture_thermique"].overridden_by == "utilisateur"
    assert used["fuel_consumption_l_per_100km.voiture_thermique"].high is None


def test_working_weeks_override_reaches_every_effect():
    result = simulate_person(PERSON, when=WHEN, overrides={"working_weeks_per_year": 40}).results
    assert result["commute_km_avoided_per_year"] == pytest.approx(2 * 20 * 2 * 40)
    assert result["telework_days_per_year"] == pytest.approx(80)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"no_such_parameter": 1}, "Paramètre inconnu : « no_such_parameter »"),
        ({"re_travelled_km_share": "beaucoup"}, "« paramètre re_travelled_km_share » : un nombre est attendu"),
        ({"re_travelled_km_share": -0.1}, "valeur positive ou nulle"),
    ],
)
def test_bad_overrides_are_refused_in_french(overrides, message):
    with pytest.raises(ImpactInputError, match=re.escape(message)):
        ImpactParameters.load(when=WHEN, overrides=overrides)


def test_impactco2_method_uses_its_own_conventions():
    params = ImpactParameters.load(when=WHEN, method="impactco2")
    assert params.value("re_travelled_km_share") == 0.25
    assert params.value("home_energy_kwh_per_telework_day") == 0
    assert params["fuel_consumption_l_per_100km.voiture_thermique"].high is None
    assert params.value("fuel_consumption_l_per_100km.voiture_thermique") == pytest.approx(0.1105577601 / 3.07 * 100)
    assert params["re_travelled_km_share"].overridden_by == "méthode impactco2"
    # the user still has the last word
    assert (
        ImpactParameters.load(when=WHEN, method="impactco2", overrides={"re_travelled_km_share": 0.5}).value(
            "re_travelled_km_share"
        )
        == 0.5
    )


def test_unknown_method_and_date_are_refused():
    with pytest.raises(ImpactInputError, match="« méthode » : « ademe » inconnue"):
        ImpactParameters.load(method="ademe")
    with pytest.raises(ImpactInputError, match="date invalide"):
        ImpactParameters.load(when="2026-13-01")
    with pytest.raises(ImpactInputError, match="pas de valeur en vigueur"):
        ImpactParameters.load(when="1990-01-01")


def test_values_are_dated():
    car = "construction_emission_factor_kgco2e_per_km.voiture_thermique"
    assert ImpactParameters.load(when="2026-05-03").value(car) == 0.0256
    assert ImpactParameters.load(when="2026-05-04").value(car) == pytest.approx(0.0316956522)


def test_structural_classification():
    assert is_structural("working_weeks_per_year")
    assert is_structural("bareme_kilometrique.voiture_5cv.taux_1")
    assert not is_structural("bareme_kilometrique.majoration_electrique")
    assert not is_structural("re_travelled_km_share")


def test_export_rows_have_every_column_and_every_dated_value():
    rows = parameter_rows()
    assert {row["group"] for row in rows} >= {"impact", "geo"}
    assert all(set(row) == set(EXPORT_COLUMNS) for row in rows)
    car = [row for row in rows if row["name"] == "construction_emission_factor_kgco2e_per_km.voiture_thermique"]
    assert [row["valid_from"] for row in car] == ["2025-10-16", "2026-05-04"]
    in_force = parameter_rows(["impact"], when=WHEN, all_values=False)
    assert len({row["name"] for row in in_force}) == len(in_force)


def test_door_to_door_speeds_per_mode_code():
    """One resolution per mode (speed_kmh): EMP 2019 for car, two-wheelers, bicycle, walk and the census modes."""
    v = ImpactParameters.load(when=WHEN).value
    expected = {
        # Cars: the speed of the first 10 km (town), the km beyond at long_distance_speed_kmh.voiture (70).
        "voiture_thermique": 38,
        "voiture_electrique": 38,
        "covoiturage": 38,
        "voiture": 38,  # the census car is driven at the thermal car's speed
        "moto": 32,
        "velo": 14,
        "velo_electrique": 18,
        "marche": 4.5,
        # Its own door-to-door speed, not the passenger-km mix of the vehicles' speeds, which gives
        # 45 693 / (19 479 / 50 + 10 563 / 25 + 1 014 / 20 + 14 637 / 10) = 45 693 / 2 326.5 = 19.64 km/h.
        "transports_en_commun": 18,
        "bus": 10,
        "tramway": 20,
        "metro": 25,
        "rer": 50,
        "train": 83,
    }
    assert {mode: speed_kmh(mode, v) for mode in expected} == expected
    hours_per_km = mode_coefficients(v)["hours_per_km"]
    assert expected  # a loop over nothing would assert nothing
    for mode, speed in expected.items():
        assert hours_per_km[MODE_INDEX[mode]] == pytest.approx(1 / speed), mode
    assert hours_per_km[MODE_INDEX["aucun"]] == 0
    with pytest.raises(ValueError, match="aucun"):
        speed_kmh("aucun", v)
    assert coefficient_parameters("hours_per_km", "transports_en_commun") == {"average_speed_kmh.transports_en_commun"}


def test_a_car_commute_is_faster_per_km_when_longer_and_trains_count_access_and_waiting():
    """Saint-Étienne → Lyon (64 km) by car: 5 access minutes + 10 km at 38 km/h + 54 km at 70 km/h = 67 min each way,
    not 1 h 47 (64 km at one urban speed of 36 km/h). An RER trip counts 15 minutes of walking and waiting."""
    from teletravail.impact import simulate_person

    def minutes_per_trip(mode, distance):
        person = {"distance_km": distance, "mode": mode, "telework_days": 0, "office_days": 5}
        return simulate_person(person, when=WHEN).results["hours_per_year_baseline"] * 60 / (2 * 5 * 46)

    assert minutes_per_trip("voiture_thermique", 64) == pytest.approx(5 + 10 / 38 * 60 + 54 / 70 * 60, rel=1e-12)
    assert minutes_per_trip("voiture_thermique", 15) == pytest.approx(5 + 10 / 38 * 60 + 5 / 70 * 60, rel=1e-12)
    assert minutes_per_trip("rer", 7) == pytest.approx(15 + 7 / 50 * 60, rel=1e-12)
    assert minutes_per_trip("train", 30) == pytest.approx(20 + 30 / 83 * 60, rel=1e-12)
    assert minutes_per_trip("bus", 8) == pytest.approx(8 / 10 * 60, rel=1e-12)  # door to door already
