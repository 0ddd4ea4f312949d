import pytest

from teletravail.parameters import ParameterError, load_parameters, parameter_groups, parse_parameters


VALID = {
    "speed": {
        "description": "Vitesse",
        "unit": "km/h",
        "source": {"title": "Enquête"},
        "values": [
            {"valid_from": "2020-01-01", "central": 30},
            {"valid_from": "2024-01-01", "central": 25, "low": 20, "high": 28},
        ],
    }
}


def test_value_in_force_is_the_latest_before_the_date():
    speed = parse_parameters(VALID)["speed"]
    assert speed.at("2023-12-31").central == 30
    assert speed.at("2024-01-01").central == 25
    assert speed.at("2024-01-01").is_uncertain


def test_no_value_before_the_first_date():
    speed = parse_parameters(VALID)["speed"]
    with pytest.raises(ParameterError, match="pas de valeur en vigueur au 2019-01-01"):
        speed.at("2019-01-01")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": {}}, "la source doit avoir un titre"),
        ({"values": []}, "au moins une valeur datée"),
        ({"values": [{"valid_from": "2020-01-01", "central": "trente"}]}, "un nombre est attendu"),
        ({"values": [{"valid_from": "2020-01-01", "central": 3, "low": 4}]}, "low ≤ central ≤ high"),
        ({"values": [{"valid_from": "2020-13-01", "central": 3}]}, "date invalide"),
        ({"source": {"title": "T", "to_verify": True, "secondary_reason": "oubli"}}, "secondary_reason"),
        ({"source": {"title": "T", "to_verify": True, "verified": "p. 3"}}, "n'est plus secondaire"),
        ({"source": {"title": "T", "to_verify": True}}, "dit pourquoi dans « secondary_reason »"),
        ({"source": {"title": "T", "secondary_reason": "relay"}}, "dit pourquoi dans « secondary_reason »"),
    ],
)
def test_malformed_parameters_are_refused_with_the_parameter_named(change, message):
    document = {"speed": {**VALID["speed"], **change}}
    with pytest.raises(ParameterError, match=message) as error:
        parse_parameters(document, origin="essai.yaml")
    assert "essai.yaml, paramètre « speed »" in str(error.value)


def test_missing_fields_are_listed():
    with pytest.raises(ParameterError, match="champ\\(s\\) manquant\\(s\\) : unit, source"):
        parse_parameters({"x": {"description": "d", "values": []}})


def test_every_bundled_parameter_file_parses_and_has_sources():
    groups = parameter_groups()
    assert "geo" in groups
    for group in groups:
        assert load_parameters(group)  # a loop over nothing would assert nothing
        for parameter in load_parameters(group).values():
            assert parameter.source.title
            assert parameter.values


def test_a_dated_value_may_carry_its_own_source_and_the_others_keep_the_parameter_s():
    document = {
        "speed": {
            **VALID["speed"],
            "values": [
                {"valid_from": "2020-01-01", "central": 30},
                {
                    "valid_from": "2024-01-01",
                    "central": 25,
                    "source": {"title": "Relais", "to_verify": True, "secondary_reason": "relay"},
                },
            ],
        }
    }
    speed = parse_parameters(document)["speed"]
    assert speed.source_at("2023-12-31").title == "Enquête" and not speed.source_at("2023-12-31").to_verify
    assert speed.source_at("2024-06-01").title == "Relais" and speed.source_at("2024-06-01").to_verify
    with pytest.raises(ParameterError, match="valeur 2 : la source doit avoir un titre"):
        parse_parameters(
            {
                "speed": {
                    **document["speed"],
                    "values": [
                        document["speed"]["values"][0],
                        {"valid_from": "2024-01-01", "central": 1, "source": {"url": "x"}},
                    ],
                }
            }
        )


def test_the_description_is_french_with_its_english_translation_beside_it():
    speed = parse_parameters({"speed": {**VALID["speed"], "description_en": "Speed"}})["speed"]
    assert speed.description_in("fr") == "Vitesse" and speed.description_in("en") == "Speed"
    assert parse_parameters(VALID)["speed"].description_in("en") == "Vitesse"  # no translation: the French


def test_every_bundled_parameter_has_an_english_description():
    missing = [
        f"{group}.{name}"
        for group in parameter_groups()
        for name, parameter in load_parameters(group).items()
        if not parameter.description_en or parameter.description_en == parameter.description
    ]
    assert missing == []


def test_each_secondary_source_of_every_file_says_why_and_each_verified_one_where_it_was_read():
    """Point 13 of the first users' review: a flag on every row, with no word on why (impact.yaml said why first;
    charter, flows, geo, journey and teleworkability did not)."""
    from teletravail.parameters import SECONDARY_REASONS

    sources = [
        (f"{group}.{name}", source)
        for group in parameter_groups()
        for name, parameter in load_parameters(group).items()
        for source in (parameter.source, *(value.source for value in parameter.values if value.source))
    ]
    secondary = [(name, source.secondary_reason) for name, source in sources if source.to_verify]
    assert {name.split(".")[0] for name, _reason in secondary} >= {"impact", "charter", "flows", "geo"}
    assert all(reason in SECONDARY_REASONS for _name, reason in secondary), secondary
    assert [name for name, source in sources if source.verified and source.to_verify] == []
    assert len({name for name, source in sources if source.verified}) >= 9


def test_the_verified_impact_co2_factors_are_the_sum_of_the_values_read_in_its_data_file():
    """A factor marked verified is pinned to the figures quoted from Impact CO2's deplacement.ts (« ecv N = x »)."""
    import re

    checked = 0
    assert load_parameters("impact")
    for name, parameter in load_parameters("impact").items():
        reference = parameter.source.verified
        if "deplacement.ts" not in reference:
            continue
        read = sum(float(figure) for figure in re.findall(r"ecv \d[^=]*= ([\d.]+)", reference))
        assert parameter.values[-1].central == pytest.approx(read, rel=1e-9), name
        checked += 1
    assert checked == 9
