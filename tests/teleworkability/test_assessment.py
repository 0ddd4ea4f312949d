"""The activity-level scoring rule, on cases computed by hand, and its French messages for bad input."""

import dataclasses

import pytest

from teletravail.teleworkability.assessment import (
    CONDITIONAL,
    NOT_TELEWORKABLE,
    TELEWORKABLE,
    Activity,
    Job,
    ScoringRule,
    assess_activity,
    assess_job,
    synthesise,
)
from teletravail.teleworkability.errors import TeleworkabilityInputError


# Explicit thresholds, so that the hand computations below do not depend on the parameter file.
RULE = ScoringRule(
    working_days_per_week=5,
    max_telework_days_per_week=3,
    entirely_teleworkable_min_share=0.9,
    social_interaction_threshold=0.5,
    social_interaction_day_reduction=1,
    time_share_tolerance=1,
)


def accountant(headcount=1):
    return Job(
        "Comptable",
        (
            Activity("Saisie et rapprochements", 50, ("acces_informatique",), lifted=("acces_informatique",)),
            Activity("Relances clients au téléphone", 20, ("equipement", "relation_intense")),
            Activity("Analyse et clôture", 20),
            Activity("Courrier et pièces papier", 10, ("originaux_physiques", "confidentialite")),
        ),
        headcount=headcount,
        pcs2020="54A3",
    )


def test_rule_thresholds_come_from_the_parameter_file():
    rule = ScoringRule.load("2026-01-01")
    assert rule.working_days_per_week == 5
    assert rule.max_telework_days_per_week == 3
    assert 0 < rule.entirely_teleworkable_min_share <= 1


def test_activity_status_follows_the_three_tiers():
    assert assess_activity(Activity("Rédaction", 100)).status == TELEWORKABLE
    conditional = assess_activity(Activity("Dossiers clients", 100, ("confidentialite", "acces_informatique")))
    assert conditional.status == CONDITIONAL
    assert conditional.open_obstacles == ("confidentialite", "acces_informatique")
    lifted = assess_activity(Activity("Dossiers clients", 100, ("confidentialite",), lifted=("confidentialite",)))
    assert lifted.status == TELEWORKABLE and lifted.lifted_obstacles == ("confidentialite",)
    # A blocker wins over everything else.
    blocked = assess_activity(Activity("Accueil", 100, ("accueil_du_public", "equipement", "relation_intense")))
    assert blocked.status == NOT_TELEWORKABLE and blocked.blockers == ("accueil_du_public",)


def test_social_intensity_adds_weights_and_is_capped():
    assert assess_activity(Activity("Réunion", 100, ("travail_collectif",))).social_intensity == pytest.approx(0.4)
    both = assess_activity(Activity("Formation", 100, ("travail_collectif", "relation_intense")))
    assert both.social_intensity == pytest.approx(1.0)
    assert both.status == TELEWORKABLE  # social interaction never blocks


def test_job_shares_and_days_by_hand():
    job = assess_job(accountant(), rule=RULE)
    assert [activity.status for activity in job.activities] == [
        TELEWORKABLE,
        CONDITIONAL,
        TELEWORKABLE,
        NOT_TELEWORKABLE,
    ]
    assert job.teleworkable_share == pytest.approx(0.70)  # 50 % + 20 %
    assert job.conditional_share == pytest.approx(0.20)
    assert job.non_teleworkable_share == pytest.approx(0.10)
    assert job.feasible_days == 3  # floor(0.7 × 5) = 3, at the cap of 3
    assert job.feasible_days_if_lifted == 3  # floor(0.9 × 5) = 4, capped at 3
    # Social intensity over the 90 % done remotely: 20 % × 0.6 / 90 % = 0.133 < 0.5, no day kept on site.
    assert job.social_intensity == pytest.approx(0.2 * 0.6 / 0.9)
    assert job.suggested_days == 3
    assert not job.entirely_teleworkable
    assert job.reference.isco08 == "4311"


def test_whole_days_round_down_and_the_cap_applies():
    def days(share, cap=3):
        rule = dataclasses.replace(RULE, max_telework_days_per_week=cap)
        job = Job("Poste", (Activity("À distance", share), Activity("Sur site", 100 - share, ("terrain",))))
        return assess_job(job, rule=rule).feasible_days

    assert days(19) == 0  # 0.95 day
    assert days(20) == 1
    assert days(39) == 1  # 1.95 days
    assert days(60) == 3  # 3.0 exactly despite floating point
    assert days(100) == 3
    assert days(100, cap=5) == 5


def test_extensive_social_interaction_keeps_one_day_on_site_but_never_the_last_one():
    teaching = Activity("Cours à distance", 80, ("relation_intense",))
    job = assess_job(Job("Formateur", (teaching, Activity("Atelier pratique", 20, ("manutention",)))), rule=RULE)
    assert job.social_intensity == pytest.approx(0.6)
    assert job.feasible_days == 3 and job.suggested_days == 2
    single = Job(
        "Conseiller",
        (Activity("Entretiens", 30, ("relation_intense",)), Activity("Guichet", 70, ("accueil_du_public",))),
    )
    assessed = assess_job(single, rule=RULE)
    assert assessed.feasible_days == 1 and assessed.suggested_days == 1


def test_entirely_teleworkable_from_the_threshold():
    job = Job("Développeur", (Activity("Code", 90), Activity("Salon professionnel", 10, ("terrain",))))
    assert assess_job(job, rule=RULE).entirely_teleworkable
    stricter = dataclasses.replace(RULE, entirely_teleworkable_min_share=0.95)
    assert not assess_job(job, rule=stricter).entirely_teleworkable


def test_shares_not_summing_to_100_are_refused_or_normalised():
    job = Job("Assistant", (Activity("Agenda", 45), Activity("Accueil", 45, ("accueil_du_public",))))
    with pytest.raises(
        TeleworkabilityInputError,
        match="Poste « Assistant » : les parts de temps des activités totalisent 90 % au lieu de 100 %",
    ):
        assess_job(job, rule=RULE)
    normalised = assess_job(job, normalise=True, rule=RULE)
    assert normalised.teleworkable_share == pytest.approx(0.5)
    assert normalised.warnings == (
        "Poste « Assistant » : les parts de temps totalisaient 90 % ; elles ont été ramenées à 100 %.",
    )
    within_tolerance = Job("Assistant", (Activity("A", 33), Activity("B", 33), Activity("C", 33)))
    assert assess_job(within_tolerance, rule=RULE).teleworkable_share == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("job", "message"),
    [
        (Job("Vide", ()), "Poste « Vide » : aucune activité déclarée"),
        (Job("", (Activity("A", 100),)), "Poste sans nom : le nom du poste est obligatoire"),
        (
            Job("P", (Activity("Tri", 100, ("teleportation",)),)),
            "Poste « P », activité « Tri » : critère inconnu « teleportation »",
        ),
        (
            Job("P", (Activity("Tri", 100, lifted=("manutention",)),)),
            "« Manutention ou effort physique » n'est pas un obstacle levable",
        ),
        (Job("P", (Activity("Tri", -5), Activity("B", 105))), "activité « Tri » : part du temps invalide « -5 »"),
        (Job("P", (Activity(" ", 100),)), "Poste « P », activité n° 1 : le nom de l'activité est obligatoire"),
        (Job("P", (Activity("A", 100),), headcount=0), "Poste « P » : effectif invalide « 0 »"),
        (Job("P", (Activity("A", 100),), pcs2020="ZZ99"), "Poste « P » : Code PCS 2020 « ZZ99 » inconnu"),
    ],
)
def test_bad_input_names_the_item(job, message):
    with pytest.raises(TeleworkabilityInputError, match=message):
        assess_job(job, rule=RULE)


def test_zero_total_cannot_be_normalised():
    with pytest.raises(TeleworkabilityInputError, match="totalisent 0 %"):
        assess_job(Job("P", (Activity("A", 0),)), normalise=True, rule=RULE)


def test_organisation_synthesis_weights_jobs_by_headcount():
    cashier = Job("Caissier", (Activity("Encaissement", 100, ("accueil_du_public",)),), headcount=3, pcs2020="55D1")
    synthesis = synthesise([accountant(headcount=2), cashier], rule=RULE)
    assert synthesis.headcount == 5
    assert synthesis.teleworkable_time_share == pytest.approx(2 * 0.7 / 5)
    assert synthesis.teleworkable_time_share_if_lifted == pytest.approx(2 * 0.9 / 5)
    assert synthesis.staff_share_with_telework_day == pytest.approx(2 / 5)
    assert synthesis.staff_share_entirely_teleworkable == 0
    assert synthesis.mean_suggested_days == pytest.approx(2 * 3 / 5)
    # The open obstacle of the accountants (equipment, 20 % of 2 of 5 people's time) is the one to lift first.
    assert [(impact.code, impact.jobs) for impact in synthesis.obstacles] == [("equipement", ("Comptable",))]
    assert synthesis.obstacles[0].time_share == pytest.approx(2 * 0.2 / 5)
    assert [impact.code for impact in synthesis.blockers] == ["accueil_du_public", "originaux_physiques"]
    assert synthesis.blockers[0].time_share == pytest.approx(3 / 5)
    reference = (2 * synthesis.jobs[0].reference.scores.dingel_neiman + 3 * 0.0) / 5
    assert synthesis.dingel_neiman_reference == pytest.approx(reference)


def test_synthesis_gathers_the_errors_of_every_job():
    with pytest.raises(TeleworkabilityInputError) as caught:
        synthesise([Job("A", ()), Job("B", (Activity("X", 50),))], rule=RULE)
    assert [line.split(" :")[0] for line in caught.value.lines()] == ["Poste « A »", "Poste « B »"]
    with pytest.raises(TeleworkabilityInputError, match="Aucun poste déclaré"):
        synthesise([], rule=RULE)


def test_single_activity_with_an_unknown_criterion_is_named():
    with pytest.raises(TeleworkabilityInputError, match="Activité « Tri » : critère inconnu « vol »"):
        assess_activity(Activity("Tri", 100, ("vol",)))
