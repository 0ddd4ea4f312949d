import json

from typer.testing import CliRunner

from teletravail.planning import parts, solve
from teletravail.planning.cli import plan_app
from teletravail.planning.generate import generate_problem


runner = CliRunner()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_solve_prints_parseable_json(tmp_path, base):
    path = write(tmp_path, "plan.json", base)
    result = runner.invoke(plan_app, ["solve", "--input", path, "--format", "json", "--seed", "1", "--workers", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "optimal"
    assert len(data["assignments"]) == 3 * 2 * 5
    assert data["solver"]["seed"] == 1 and data["solver"]["workers"] == 1


def test_solve_table_shows_the_grid(tmp_path, base):
    base["employees"][0]["days_off"] = ["mer"]
    path = write(tmp_path, "plan.json", base)
    result = runner.invoke(plan_app, ["solve", "--input", path, "--format", "table", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Statut : optimal" in result.stdout
    assert "Jours de télétravail souhaités accordés : 100.0 %" in result.stdout
    amina = next(line for line in result.stdout.splitlines() if line.startswith("amina"))
    assert amina.split()[1][2] == "-"


def test_bad_input_exits_2_with_french_messages(tmp_path, base):
    base["employees"][0]["team"] = "rh"
    path = write(tmp_path, "plan.json", base)
    result = runner.invoke(plan_app, ["solve", "--input", path])
    assert result.exit_code == 2
    assert "Erreur : employees[0] (amina) : équipe « rh » inconnue" in result.stderr
    assert result.stdout == ""


def test_telework_days_wanted_beyond_the_week_exits_2_naming_the_employee(tmp_path, base):
    base["employees"][2]["telework_days_wanted"] = 7
    result = runner.invoke(plan_app, ["solve", "--input", write(tmp_path, "plan.json", base)])
    assert result.exit_code == 2
    assert "Erreur : employees[2] (chloe) : « telework_days_wanted » doit être inférieur ou égal à 5" in result.stderr


def test_unreadable_files_and_options_exit_2(tmp_path):
    broken = write(tmp_path, "broken.json", '{"horizon": {\n  "weeks": 2,,\n}')
    result = runner.invoke(plan_app, ["solve", "--input", broken])
    assert result.exit_code == 2 and "JSON invalide" in result.stderr and "ligne 2" in result.stderr
    result = runner.invoke(plan_app, ["solve", "--input", tmp_path / "absent.json"])
    assert result.exit_code == 2 and "fichier introuvable" in result.stderr
    result = runner.invoke(plan_app, ["solve", "--input", broken, "--format", "pdf"])
    assert result.exit_code == 2 and "« --format » : « pdf » inconnu" in result.stderr
    result = runner.invoke(plan_app, ["solve", "--input", broken, "--time-limit", "vite"])
    assert result.exit_code == 2 and "« --time-limit » : un nombre est attendu" in result.stderr


def test_check_lists_violations_of_a_hand_edited_schedule(tmp_path, base):
    base["teams"][0]["min_on_site"] = 1
    plan = write(tmp_path, "plan.json", base)
    solved = runner.invoke(plan_app, ["solve", "--input", plan, "--workers", "1"])
    schedule = json.loads(solved.stdout)
    conforming = runner.invoke(
        plan_app, ["check", "--input", plan, "--schedule", write(tmp_path, "ok.json", schedule)]
    )
    assert conforming.exit_code == 0, conforming.output
    assert "Planning conforme" in conforming.stdout
    for item in schedule["assignments"]:
        if item["week"] == 2 and item["day"] == "jeu":
            item["where"] = "remote"
    edited = write(tmp_path, "edited.json", schedule)
    result = runner.invoke(plan_app, ["check", "--input", plan, "--schedule", edited])
    assert result.exit_code == 1
    assert "L'équipe Compta a 0 présent sur site en semaine 2, le jeudi pour 1 au moins." in result.stdout
    assert "1 règle non respectée." in result.stdout
    for item in schedule["assignments"]:
        if item["week"] == 1 and item["day"] == "jeu":
            item["where"] = "remote"
    twice = runner.invoke(plan_app, ["check", "--input", plan, "--schedule", write(tmp_path, "twice.json", schedule)])
    assert "2 règles non respectées." in twice.stdout, twice.stdout
    as_json = runner.invoke(plan_app, ["check", "--input", plan, "--schedule", edited, "--format", "json"])
    assert [v["kind"] for v in json.loads(as_json.stdout)] == ["team_min"]


def test_check_bad_input_exits_2(tmp_path, base):
    plan = write(tmp_path, "plan.json", base)
    result = runner.invoke(plan_app, ["check", "--input", plan])
    assert result.exit_code == 2 and "« --schedule » : fichier manquant" in result.stderr


def test_the_documented_example_solves():
    result = runner.invoke(plan_app, ["solve", "--input", "docs/examples/plan-equipe.json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "optimal"


def test_solve_table_says_when_the_gap_was_not_computed(tmp_path):
    # 250 people in 0.1 s: the constructive schedule, returned unscored.
    path = write(tmp_path, "plan.json", generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=2026))
    result = runner.invoke(plan_app, ["solve", "--input", path, "--format", "table", "--time-limit", "0.1"])
    assert result.exit_code == 0, result.output
    assert "Statut : feasible" in result.stdout
    assert "Écart à la meilleure borne : non calculé (planning de départ, faute de temps)" in result.stdout


def test_a_search_that_converges_leaves_its_time_to_the_whole_model_to_prove_the_plan(monkeypatch):
    # Too short a first whole model to prove anything, as on a loaded machine: the proof comes after the search.
    monkeypatch.setattr(parts, "WHOLE_MODEL_SHARE", 1e-4)
    with open("docs/examples/plan-equipe.json", encoding="utf-8") as file:
        result = solve(json.load(file), time_limit=20, seed=0, workers=1)
    part = result["solver"]["parts_phase"][0]
    assert part["neighbourhood_search"]["converged"] is True
    assert part["whole_model_again"]["status"] == "optimal"
    assert result["status"] == "optimal"
