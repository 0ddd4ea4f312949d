"""The campaign's pages: who sees what (404 for strangers, 403 for members without the right), and the flows."""

import pytest
from django.urls import reverse

from teletravail.apps.diagnostic import selectors
from teletravail.apps.diagnostic.models import Decision, JobActivity, Participant
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.teleworkability import load_criteria
from tests.apps.diagnostic.factories import answer_both, decide_all, example_criteria
from tests.factories import MembershipFactory, TeamFactory, UserFactory


pytestmark = pytest.mark.django_db


def url(name, dworld, **kwargs):
    return reverse(f"diagnostic:{name}", kwargs={"organisation_id": dworld.organisation.pk, **kwargs})


def campaign_url(name, dworld, **kwargs):
    return url(name, dworld, campaign_id=dworld.campaign.pk, **kwargs)


def participant_url(name, dworld, participant, **kwargs):
    return campaign_url(name, dworld, participant_id=participant.pk, **kwargs)


def statuses(client, user, urls):
    client.force_login(user)
    return [client.get(address).status_code for address in urls]


# --- Privacy ------------------------------------------------------------------------------------------------------


def test_strangers_get_404_everywhere(client, dworld, participants):
    stranger = MembershipFactory(role="employer_admin")
    urls = [
        url("index", dworld),
        campaign_url("campaign", dworld),
        campaign_url("results", dworld),
        campaign_url("report_pdf", dworld),
        participant_url("participant", dworld, participants[0]),
    ]
    assert statuses(client, stranger.user, urls) == [404] * len(urls)


def test_an_employee_sees_only_their_own_answers_and_results(client, dworld, participants):
    alice, bruno = participants
    client.force_login(alice.membership.user)
    assert client.get(participant_url("participant", dworld, alice)).status_code == 200
    assert client.get(participant_url("assess", dworld, alice)).status_code == 200
    forbidden = [
        participant_url("participant", dworld, bruno),
        participant_url("assess", dworld, bruno),
        campaign_url("campaign", dworld),
        campaign_url("results", dworld),
        campaign_url("report_pdf", dworld),
        campaign_url("export_csv", dworld),
        campaign_url("invite", dworld),
        url("campaign_create", dworld),
    ]
    assert statuses(client, alice.membership.user, forbidden) == [403] * len(forbidden)
    index = client.get(url("index", dworld)).content.decode()
    assert "Diagnostic 2026 — poste Comptable" in index and "Bruno Petit" not in index


def test_a_manager_follows_only_the_members_of_the_teams_they_manage(client, dworld, participants):
    alice = participants[0]
    other_team = TeamFactory(organisation=dworld.organisation, name="Ventes")
    outsider = MembershipFactory(organisation=dworld.organisation, team=other_team, user__full_name="Olga Ventes")
    decide_all(alice, dworld)
    invited = Participant.objects.create(campaign=dworld.campaign, membership=outsider, job=dworld.job)
    manager = dworld.world.manager.user
    assert statuses(client, manager, [participant_url("participant", dworld, alice)]) == [200]
    assert statuses(client, manager, [participant_url("participant", dworld, invited)]) == [403]
    page = client.get(campaign_url("results", dworld)).content.decode()
    assert "Alice Martin" in page and "Olga Ventes" not in page
    csv_text = client.get(campaign_url("export_csv", dworld)).content.decode("utf-8-sig")
    assert "Alice Martin" in csv_text and "Olga Ventes" not in csv_text
    other_manager = MembershipFactory(organisation=dworld.organisation, role="manager")
    assert statuses(client, other_manager.user, [participant_url("participant", dworld, alice)]) == [403]


def test_the_employer_admin_sees_everyone(client, dworld, participants):
    decide_all(participants[0], dworld)
    urls = [participant_url("participant", dworld, participant) for participant in participants]
    urls += [campaign_url("campaign", dworld), campaign_url("results", dworld), campaign_url("export_csv", dworld)]
    assert statuses(client, dworld.world.admin.user, urls) == [200] * len(urls)


def test_a_consultant_sees_aggregated_results_only_while_access_lasts(client, dworld, participants):
    decide_all(participants[0], dworld)
    consultant = UserFactory()
    access = ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    client.force_login(consultant)
    page = client.get(campaign_url("results", dworld))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Part du temps de travail télétravaillable" in text
    assert "Alice Martin" not in text and "Bruno Petit" not in text
    assert client.get(campaign_url("report_pdf", dworld)).status_code == 200
    forbidden = [
        participant_url("participant", dworld, participants[0]),
        campaign_url("campaign", dworld),
        campaign_url("export_csv", dworld),
        campaign_url("actions", dworld),
    ]
    assert statuses(client, consultant, forbidden) == [403] * len(forbidden)
    access.revoked_at = access.granted_at
    access.save()
    assert client.get(campaign_url("results", dworld)).status_code == 404


# --- Flows --------------------------------------------------------------------------------------------------------


def test_a_manager_creates_a_campaign_and_a_job_an_unknown_pcs_code_is_explained(client, dworld):
    client.force_login(dworld.world.manager.user)
    response = client.post(url("campaign_create", dworld), {"title": "Diagnostic agence"})
    campaign = dworld.organisation.diagnostic_campaigns.get(title="Diagnostic agence")
    assert response.status_code == 302
    create_job = url("job_create", dworld, campaign_id=campaign.pk)
    page = client.post(create_job, {"title": "Secrétaire", "pcs2020": "99Z9"}).content.decode()
    assert "Code PCS 2020 « 99Z9 » inconnu" in page
    assert not campaign.jobs.exists()
    client.post(create_job, {"title": "Secrétaire", "pcs2020": "46a1"})
    assert campaign.jobs.get().pcs2020 == "46A1"


def test_the_job_page_suggests_activities_and_warns_when_shares_are_off(client, dworld):
    client.force_login(dworld.world.admin.user)
    job_url = campaign_url("job", dworld, job_id=dworld.job.pk)
    page = client.get(job_url + "?suggestion=0").content.decode()
    assert "Activités typiques de ce métier" in page
    assert 'value="Courriels et échanges écrits"' in page
    client.post(job_url, {"name": "Classement", "time_share": "10"})
    page = client.get(job_url).content.decode()
    assert "totalisent 110 % au lieu de 100 %" in page
    client.post(campaign_url("job_normalise", dworld, job_id=dworld.job.pk))
    assert "au lieu de 100 %" not in client.get(job_url).content.decode()


def test_inviting_twice_through_the_form_is_explained_and_saves_nothing(client, dworld, participants):
    client.force_login(dworld.world.admin.user)
    chloe = dworld.world.members[2]
    page = client.post(
        campaign_url("invite", dworld),
        {"job": dworld.job.pk, "members": [chloe.pk, participants[0].membership.pk]},
    ).content.decode()
    assert "Alice Martin est déjà invité·e à cette campagne." in page
    assert not Participant.objects.filter(membership=chloe).exists()
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "team": dworld.world.team.pk})
    assert "Alice Martin est déjà invité·e" in response.content.decode()
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "members": [chloe.pk]})
    assert response.status_code == 302 and Participant.objects.filter(membership=chloe).exists()


def answers_form(participant, criteria_by_name, tier_of):
    data = {}
    for activity in selectors.participant_activities(participant):
        for code in criteria_by_name.get(activity.name, []):
            data.setdefault(f"a{activity.pk}-{tier_of[code]}", []).append(code)
    return data


def test_answer_compare_agree_and_decide_through_the_pages(client, dworld, participants):
    tier_of = {code: criterion.tier for code, criterion in load_criteria().criteria.items()}
    alice = participants[0]
    client.force_login(alice.membership.user)
    employee_view = {**example_criteria(), "Analyse des comptes": ["confidentialite"]}
    response = client.post(participant_url("assess", dworld, alice), answers_form(alice, employee_view, tier_of))
    assert response.status_code == 302
    client.force_login(dworld.world.manager.user)
    client.post(participant_url("assess", dworld, alice), answers_form(alice, example_criteria(), tier_of))
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "Regards différents" in page and "Valider l'accord" in page

    client.post(participant_url("agree", dworld, alice))
    assert Decision.objects.filter(participant=alice).count() == 3
    analysis = JobActivity.objects.get(job=dworld.job, name="Analyse des comptes")
    decide_url = participant_url("decide", dworld, alice, activity_id=analysis.pk)
    page = client.get(decide_url).content.decode()
    assert "Regard de Alice Martin" in page and "Confidentialité des données" in page
    client.post(decide_url, {"obstacle": ["confidentialite"], "note": "Coffre numérique prévu."})
    decision = Decision.objects.get(participant=alice, activity=analysis)
    assert decision.criteria == ["confidentialite"] and decision.decided_by == dworld.world.manager.user
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "Jours de télétravail conseillés par semaine" in page


def test_the_employee_adds_an_activity_through_the_page(client, dworld, participants):
    alice = participants[0]
    client.force_login(alice.membership.user)
    client.post(participant_url("own_activity", dworld, alice), {"name": "Tutorat", "time_share": "10"})
    assert JobActivity.objects.get(name="Tutorat").added_by == alice
    client.force_login(dworld.world.manager.user)
    assert client.get(participant_url("own_activity", dworld, alice)).status_code == 403


def test_actions_are_listed_and_completed(client, dworld, participants):
    answer_both(participants[0], dworld)
    client.force_login(dworld.world.admin.user)
    actions_url = campaign_url("actions", dworld)
    client.post(
        actions_url,
        {"criterion": "equipement", "job": dworld.job.pk, "what": "Casques", "who": "DSI", "due_date": "2026-09-01"},
    )
    action = dworld.campaign.actions.get()
    client.post(campaign_url("action_done", dworld, action_id=action.pk), {"done": "1"})
    action.refresh_from_db()
    assert action.done and action.done_at is not None
    assert "Casques" in client.get(campaign_url("results", dworld)).content.decode()
