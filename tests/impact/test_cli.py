"""`teletravail simulate …` and `teletravail params …` through typer's CliRunner (no database)."""

import csv
import io
import json

import polars as pl
import pytest
import yaml
from typer.testing import CliRunner

from teletravail.french import significant
from teletravail.impact.cli import params_app, simulate_app
from teletravail.impact.communes import commute_distance
from teletravail.parameters import parse_parameters


runner = CliRunner()
DATE = ["--date", "2026-11-01"]
HEADLINE = (
    "km_avoided_per_year",
    "co2e_kg_avoided_per_year",
    "co2e_kg_net_per_year",
    "hours_saved_per_year",
    "fuel_litres_avoided_per_year",
    "money_eur_saved_per_year",
    "commute_accidents_avoided_per_year",
)


def simulate(*args):
    return runner.invoke(simulate_app, [str(arg) for arg in args])


def test_person_json_has_the_contracted_results_and_parameters():
    result = simulate("person", "--distance-km", "20", "--mode", "voiture_thermique", "--telework-days", "2", *DATE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["results"])[: len(HEADLINE)] == list(HEADLINE)
    assert all(isinstance(data["results"][name], float) for name in HEADLINE)
    assert data["results"]["km_avoided_per_year"] == pytest.approx(2760)  # office days default to 5 − 2
    # CO2 per km = 5.48 L/100 km × 3.07 kgCO2e/L + 0.0316956522 (construction); home energy 29.2376, video 5.2 kg
    assert data["results"]["co2e_kg_net_per_year"] == pytest.approx(2760 * (0.0548 * 3.07 + 0.0316956522) - 34.4376)
    parameter = {p["name"]: p for p in data["parameters"]}[
        "construction_emission_factor_kgco2e_per_km.voiture_thermique"
    ]
    assert parameter["value"] == pytest.approx(0.0316956522)
    assert parameter["unit"] == "kgCO2e/km"
    assert "Impact CO2" in parameter["source"]["title"]
    assert data["uncertainty"] is None


def test_person_from_commune_codes_uses_the_bundled_communes():
    result = simulate("person", "--home", "44109", "--work", "49007", "--mode", "train", "--telework-days", "1", *DATE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["inputs"]["distance_km"] == pytest.approx(commute_distance("44109", "49007").road_km)


def test_person_overrides_monte_carlo_and_method():
    args = ["person", "--distance-km", "91.021", "--mode", "voiture_thermique", "--telework-days", "1"]
    result = simulate(*args, "--office-days", "4", "--method", "impactco2", "--date", "2026-01-01")
    assert json.loads(result.stdout)["results"]["co2e_kg_net_per_year"] == pytest.approx(1366.6257024)
    result = simulate(*args, "--set", "working_weeks_per_year=40", *DATE)
    assert json.loads(result.stdout)["results"]["km_avoided_per_year"] == pytest.approx(0.75 * 2 * 91.021 * 40)
    result = simulate(*args, "--monte-carlo", "200", "--seed", "4", *DATE)
    uncertainty = json.loads(result.stdout)["uncertainty"]
    assert uncertainty["draws"] == 200 and uncertainty["seed"] == 4
    spread = uncertainty["percentiles"]["co2e_kg_net_per_year"]
    assert spread["p5"] <= spread["p50"] <= spread["p95"]
    assert simulate(*args, "--monte-carlo", "200", "--seed", "4", *DATE).stdout == result.stdout


def test_person_csv_and_table():
    args = ["person", "--distance-km", "8", "--mode", "bus", "--telework-days", "4", *DATE]
    rows = list(csv.DictReader(io.StringIO(simulate(*args, "--format", "csv").stdout)))
    by_name = {row["effet"]: row for row in rows}
    # No place of work: the fares of a large network outside Île-de-France (600 €/yr, ticket 1.70 €):
    # pass 600 × 0.5 = 300 € before, tickets 1.7 × 2 × 1 × 46 = 156.4 € after.
    assert float(by_name["public_transport_eur_saved_per_year"]["valeur"]) == pytest.approx(300 - 156.4)
    assert by_name["km_avoided_per_year"]["unite"] == "km/an"
    table = simulate(*args, "--format", "table", "--monte-carlo", "50", "--seed", "1")
    assert table.exit_code == 0
    assert "Kilomètres évités, nets des kilomètres reparcourus" in table.stdout
    assert "2\u202f208 km/an" in table.stdout  # 0.75 × 2 × 8 × 4 × 46
    assert "Incertitude : 50 tirages PERT, graine 1." in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--distance-km", "-3", "--mode", "bus", "--telework-days", "2"],
            "« --distance-km » : la valeur ne peut pas être négative",
        ),
        (
            ["--distance-km", "abc", "--mode", "bus", "--telework-days", "2"],
            "« --distance-km » : un nombre est attendu, « abc » trouvé",
        ),
        (["--distance-km", "3", "--mode", "avion", "--telework-days", "2"], "« --mode » : mode inconnu « avion »"),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "3", "--office-days", "3"],
            "« --telework-days » + « --office-days » : 6 jours par semaine, au plus 5",
        ),
        (["--distance-km", "3", "--mode", "bus"], "« --telework-days » : valeur manquante"),
        (
            ["--mode", "bus", "--telework-days", "2"],
            "« --distance-km » : indiquez la distance aller, ou --home et --work",
        ),
        (
            ["--home", "99999", "--work", "49007", "--mode", "bus", "--telework-days", "2"],
            "« --home » : code commune INSEE inconnu « 99999 »",
        ),
        (["--home", "44109", "--mode", "bus", "--telework-days", "2"], "« --work » : code commune INSEE manquant"),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "2", "--set", "nope=1"],
            "Paramètre inconnu : « nope »",
        ),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "2", "--set", "nope"],
            "« --set » : la forme nom=valeur est attendue",
        ),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "2", "--format", "xml"],
            "« --format » : « xml » inconnu",
        ),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "2", "--method", "ademe"],
            "« méthode » : « ademe » inconnue",
        ),
        (
            ["--distance-km", "3", "--mode", "bus", "--telework-days", "2", "--monte-carlo", "beaucoup"],
            "« --monte-carlo » : un nombre entier est attendu",
        ),
    ],
)
def test_bad_person_input_exits_2_with_a_french_message_naming_the_field(args, message):
    result = simulate("person", *args, *DATE)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_employer_from_a_staff_file(tmp_path):
    staff = tmp_path / "personnel.csv"
    staff.write_text(
        "commune_domicile;mode;jours_teletravail;jours_bureau;salaire_brut_annuel\n"
        "44109;voiture;3;2;40000\n"
        "49007;tramway;3;2;\n",
        encoding="utf-8",
    )
    result = simulate(
        "employer",
        "--staff",
        staff,
        "--work-commune",
        "49007",
        "--desks",
        "2",
        "--desk-sharing-ratio",
        "0,5",
        "--allowance",
        "2,5",
        "--workstation-cost",
        "9000",
        *DATE,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"]["employees"] == 2
    assert data["results"]["employer_real_estate_eur_saved_per_year"] == pytest.approx(9000)
    assert data["results"]["employer_allowances_eur_per_year"] == pytest.approx(2.5 * 6 * 46)
    assert [row["line"] for row in data["per_employee"]] == [2, 3]
    overridden = {p["name"]: p["overridden_by"] for p in data["parameters"]}
    assert overridden["workstation_cost_eur_per_year"] == "utilisateur"


def test_employer_bad_file_exits_2_with_line_numbers(tmp_path):
    staff = tmp_path / "personnel.csv"
    staff.write_text("distance_km,mode,jours_teletravail\n3,bus,2\n-2,bus,2\n4,bus,9\n", encoding="utf-8")
    result = simulate("employer", "--staff", staff, *DATE)
    assert result.exit_code == 2
    assert "Erreur : Ligne 3 : « distance_km » : la valeur ne peut pas être négative (-2)." in result.stderr
    assert "Erreur : Ligne 4 : « jours_teletravail » : au plus 5, 9 trouvé." in result.stderr
    missing = simulate("employer", "--staff", tmp_path / "absent.csv", *DATE)
    assert missing.exit_code == 2 and "« --staff » : fichier introuvable" in missing.stderr


def test_territory_from_a_parquet_file(tmp_path):
    path = tmp_path / "flux.parquet"
    pl.DataFrame(
        {
            "home": ["01001", "01002"],
            "work": ["01002", "01002"],
            "mode": ["voiture", "velo"],
            "workers": [10.0, 5.0],
            "distance_km": [12.0, 3.0],
        }
    ).write_parquet(path)
    communes = tmp_path / "communes.csv"
    result = simulate(
        "territory",
        "--flows",
        path,
        "--telework-days",
        "2",
        "--adoption",
        "0.5",
        "--teleworkable-share",
        "1",
        "--communes-output",
        communes,
        "--top",
        "1",
        *DATE,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"]["workers"] == 15
    assert data["top_gainers"][0]["commune"] == "01001"
    assert data["top_losers"][0]["commune"] == "01002"
    assert pl.read_csv(communes, schema_overrides={"commune": pl.String}).height == 2
    bad = simulate("territory", "--flows", path, "--telework-days", "2", "--adoption", "2", *DATE)
    assert bad.exit_code == 2
    expected = "« part des actifs télétravaillables qui télétravaillent » (--adoption) : une part entre 0 et 1"
    assert expected in bad.stderr


def test_params_list_in_every_format():
    table = runner.invoke(params_app, ["list", "--group", "impact"])
    assert table.exit_code == 0
    assert "productivity_gain_share" in table.stdout and "source secondaire" in table.stdout
    rows = json.loads(runner.invoke(params_app, ["list", "--format", "json"]).stdout)
    assert {"group", "name", "unit", "valid_from", "central", "source_title", "to_verify"} <= set(rows[0])
    csv_rows = list(
        csv.DictReader(io.StringIO(runner.invoke(params_app, ["list", "--format", "csv", "--all"]).stdout))
    )
    assert len(csv_rows) > len(rows)  # --all: every dated value
    document = yaml.safe_load(runner.invoke(params_app, ["list", "--format", "yaml", "--group", "geo"]).stdout)
    assert document["geo"]["road_detour_factor"]["values"][0]["central"] == 1.3
    bad = runner.invoke(params_app, ["list", "--group", "nope"])
    assert bad.exit_code == 2 and "Fichier de paramètres introuvable : nope.yaml" in bad.stderr


@pytest.mark.parametrize("output_format", ["csv", "yaml"])
def test_params_export_writes_every_dated_value(tmp_path, output_format):
    target = tmp_path / f"parametres.{output_format}"
    result = runner.invoke(params_app, ["export", "--format", output_format, "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        car = [row for row in rows if row["name"] == "construction_emission_factor_kgco2e_per_km.voiture_thermique"]
        assert [row["central"] for row in car] == ["0.0256", "0.0316956522"]
        assert all(row["unit"] and row["valid_from"] and row["source_title"] for row in rows)
    else:
        document = yaml.safe_load(text)
        assert len(document["impact"]["construction_emission_factor_kgco2e_per_km.voiture_thermique"]["values"]) == 2
    assert f"écrites dans {target}" in result.stdout


def test_params_export_requires_format_and_output(tmp_path):
    assert "« --format » : valeur manquante" in runner.invoke(params_app, ["export", "-o", str(tmp_path / "x")]).stderr
    result = runner.invoke(params_app, ["export", "--format", "json", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "« --format » : « json » inconnu" in result.stderr


def test_the_table_writes_numbers_as_the_pages_do():
    """The command line had its own formatter: a hyphen for a minus sign, « 0,09 » where the pages say « 0,0938 »."""
    result = runner.invoke(
        simulate_app, ["person", "--distance-km", "3", "--mode", "velo", "--telework-days", "2", "--format", "table"]
    )
    data = json.loads(
        runner.invoke(simulate_app, ["person", "--distance-km", "3", "--mode", "velo", "--telework-days", "2"]).stdout
    )
    net, gross = (data["results"][name] for name in ("co2e_kg_net_per_year", "co2e_kg_avoided_per_year"))
    assert net < 0
    assert f" {significant(net)} kgCO2e/an" in result.stdout and significant(net).startswith("\u2212")
    assert f" {significant(gross)} kgCO2e/an" in result.stdout


def test_employer_lists_the_job_titles_to_confirm_with_their_candidates(tmp_path):
    staff = tmp_path / "personnel.csv"
    staff.write_text(
        "distance_km;mode;jours_teletravail;jours_bureau;profession\n12;bus;2;3;comptable\n8;bus;1;4;responsable RH\n",
        encoding="utf-8",
    )
    data = json.loads(simulate("employer", "--staff", staff, *DATE).stdout)
    assert data["results"]["employees_with_unconfirmed_profession"] == 1
    assert data["uncertain_professions"][0]["title"] == "comptable"
    assert len(data["uncertain_professions"][0]["candidates"]) == 3
    text = simulate("employer", "--staff", staff, "--format", "table", *DATE).stdout
    assert "Intitulés de poste à confirmer" in text
    assert "« comptable » (lignes 2) : 37C1" in text


def test_params_list_gives_the_source_of_each_dated_value():
    table = runner.invoke(params_app, ["list", "--group", "charter", "--all"]).stdout
    lines = [line for line in table.splitlines() if "private_allowance.per_day.no_agreement" in line]
    assert len(lines) == 3
    assert "source : BOSS, Frais professionnels §1810" in lines[0] and "secondaire" not in lines[0]
    assert "relayé par la presse" in lines[1] and lines[1].endswith("source secondaire)")
    assert "service-public.fr, actualité A18043" in lines[2]
    document = yaml.safe_load(
        runner.invoke(params_app, ["list", "--group", "charter", "--all", "--format", "yaml"]).stdout
    )
    entry = document["charter"]["private_allowance.per_day.no_agreement"]
    assert entry["source"]["title"].startswith("BOSS") and "source" not in entry["values"][0]
    assert entry["values"][1]["source"]["to_verify"] is True
    assert entry["values"][1]["source"]["secondary_reason"] == "relay"
    assert entry["values"][2]["source"]["url"] == "https://entreprendre.service-public.fr/actualites/A18043"
    assert parse_parameters({"x": entry})["x"].source_at("2025-06-01").date == "2025-02-13"


def test_the_territory_help_says_its_shares_are_between_0_and_1():
    """The web form takes percents; the command keeps the engine's shares, and says so with an example."""
    text = " ".join(simulate("territory", "--help").stdout.split())
    assert "adoptent, entre 0 et 1 (0,3 pour 30 %)" in text
    assert "télétravaillables, entre 0 et 1 (0,4 pour 40 %" in text
