"""The campaign's pages: who sees what (404 for strangers, 403 for members without the right), and the flows."""

from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.diagnostic import selectors, services
from teletravail.apps.diagnostic.models import Decision, JobActivity, Participant
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.teleworkability import load_criteria
from tests.apps.diagnostic.factories import answer_both, decide_all, diagnostic_world, example_criteria
from tests.document_jobs import document_job_id
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
    assert "Diagnostic 2026 — poste Comptable" in index and "Bruno Essai" not in index


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
    assert "Alice Essai" in page and "Olga Ventes" not in page
    csv_text = client.get(campaign_url("export_csv", dworld)).content.decode("utf-8-sig")
    assert "Alice Essai" in csv_text and "Olga Ventes" not in csv_text
    other_manager = MembershipFactory(organisation=dworld.organisation, role="manager")
    assert statuses(client, other_manager.user, [participant_url("participant", dworld, alice)]) == [403]


def test_the_employer_admin_sees_everyone(client, dworld, participants):
    decide_all(participants[0], dworld)
    urls = [participant_url("participant", dworld, participant) for participant in participants]
    urls += [campaign_url("campaign", dworld), campaign_url("results", dworld), campaign_url("export_csv", dworld)]
    assert statuses(client, dworld.world.admin.user, urls) == [200] * len(urls)


def test_a_consultant_sees_aggregated_results_only_while_access_lasts(client, dworld, participants):
    # Three decided assessments: below that, figures are hidden from those who do not follow the participants.
    services.invite_participants(
        campaign=dworld.campaign, job=dworld.job, memberships=[dworld.world.members[2]], actor=dworld.world.admin.user
    )
    for participant in dworld.campaign.participants.all():
        decide_all(participant, dworld)
    consultant = UserFactory(platform_role="consultant")
    access = ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    client.force_login(consultant)
    page = client.get(campaign_url("results", dworld))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Part du temps de travail télétravaillable" in text
    assert "Alice Essai" not in text and "Bruno Essai" not in text and "Chloé Essai" not in text
    assert document_job_id(client.get(campaign_url("report_pdf", dworld)))  # its rendering queued
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
    assert "Alice Essai est déjà invité·e à cette campagne." in page
    assert not Participant.objects.filter(membership=chloe).exists()
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "team": dworld.world.team.pk})
    assert "Alice Essai est déjà invité·e" in response.content.decode()
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
    assert "Regard d'Alice Essai" in unescape(page) and "Confidentialité des données" in page
    assert "Alice Essai's view" in unescape(client.get(decide_url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
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


# --- Who may write ------------------------------------------------------------------------------------------------


def write_urls(dworld, participant, action, activity):
    """Every POST that changes the campaign or a participant's assessment."""
    job_id = dworld.job.pk
    return [
        campaign_url("campaign_close", dworld),
        campaign_url("campaign_reopen", dworld),
        campaign_url("job_create", dworld),
        campaign_url("job", dworld, job_id=job_id),
        campaign_url("job_pcs", dworld, job_id=job_id),
        campaign_url("job_normalise", dworld, job_id=job_id),
        campaign_url("activity_delete", dworld, job_id=job_id, activity_id=activity.pk),
        campaign_url("invite", dworld),
        campaign_url("actions", dworld),
        campaign_url("action_done", dworld, action_id=action.pk),
        participant_url("assess", dworld, participant),
        participant_url("own_activity", dworld, participant),
        participant_url("decide", dworld, participant, activity_id=activity.pk),
        participant_url("agree", dworld, participant),
        participant_url("respond", dworld, participant, activity_id=activity.pk),
        participant_url("participant_normalise", dworld, participant),
    ]


def post_statuses(client, user, urls, data=None):
    client.force_login(user)
    return [client.post(address, data or {}).status_code for address in urls]


def an_action(dworld):
    return services.add_action(
        campaign=dworld.campaign,
        criterion="equipement",
        what="Casques",
        who="DSI",
        due_date=date(2026, 9, 1),
        actor=dworld.world.admin.user,
    )


def test_strangers_get_404_on_every_write(client, dworld, participants):
    alice = participants[0]
    answer_both(alice, dworld)
    action = an_action(dworld)
    activity = selectors.participant_activities(alice)[0]
    stranger = MembershipFactory(role="employer_admin")
    urls = write_urls(dworld, alice, action, activity)
    assert post_statuses(client, stranger.user, urls, {"done": "1"}) == [404] * len(urls)
    dworld.campaign.refresh_from_db()
    action.refresh_from_db()
    assert not dworld.campaign.is_closed and not action.done
    assert not Decision.objects.exists()


def test_a_consultant_writes_nothing(client, dworld, participants):
    alice = participants[0]
    answer_both(alice, dworld)
    action = an_action(dworld)
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    urls = write_urls(dworld, alice, action, selectors.participant_activities(alice)[0])
    assert post_statuses(client, consultant, urls, {"done": "1"}) == [403] * len(urls)
    assert not Decision.objects.exists()


def test_a_manager_of_another_team_neither_decides_nor_changes_the_campaign(client, dworld, participants):
    alice = participants[0]
    answer_both(alice, dworld)
    action = an_action(dworld)
    activity = selectors.participant_activities(alice)[0]
    other_manager = MembershipFactory(organisation=dworld.organisation, role="manager")
    other_manager.managed_teams.add(TeamFactory(organisation=dworld.organisation, name="Ventes"))
    # A manager may invite, but only the members of their own teams (see below): the form answers.
    urls = [address for address in write_urls(dworld, alice, action, activity) if not address.endswith("/inviter/")]
    assert post_statuses(client, other_manager.user, urls, {"done": "1"}) == [403] * len(urls)
    dworld.campaign.refresh_from_db()
    action.refresh_from_db()
    assert not dworld.campaign.is_closed and not action.done
    assert not Decision.objects.exists()
    assert JobActivity.objects.filter(pk=activity.pk).exists()


def test_only_the_admin_and_the_creator_change_the_campaign_a_manager_follows_their_team(client, dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    action = an_action(dworld)
    activity = JobActivity.objects.create(job=dworld.job, name="Archivage", time_share=0)
    manager = dworld.world.manager.user  # manages Alice's team, did not create the campaign
    refused = [
        campaign_url("campaign_close", dworld),
        campaign_url("job_create", dworld),
        campaign_url("job", dworld, job_id=dworld.job.pk),
        campaign_url("job_pcs", dworld, job_id=dworld.job.pk),
        campaign_url("job_normalise", dworld, job_id=dworld.job.pk),
        campaign_url("activity_delete", dworld, job_id=dworld.job.pk, activity_id=activity.pk),
        campaign_url("actions", dworld),
        campaign_url("action_done", dworld, action_id=action.pk),
    ]
    data = {"title": "Autre", "name": "Classement", "time_share": "5", "pcs2020": "46A1", "done": "1"}
    assert post_statuses(client, manager, refused, data) == [403] * len(refused)
    dworld.campaign.refresh_from_db()
    action.refresh_from_db()
    assert not dworld.campaign.is_closed and not action.done and dworld.job.pcs2020 == "37C1"
    assert list(dworld.campaign.jobs.all()) == [dworld.job]
    assert JobActivity.objects.filter(pk=activity.pk).exists()
    # They still see the campaign, its actions and their team's participants, without the campaign's controls.
    pages = [campaign_url("campaign", dworld), campaign_url("actions", dworld), campaign_url("results", dworld)]
    pages += [campaign_url("job", dworld, job_id=dworld.job.pk), participant_url("participant", dworld, alice)]
    assert statuses(client, manager, pages) == [200] * len(pages)
    page = client.get(campaign_url("campaign", dworld)).content.decode()
    assert "Clore la campagne" not in page and "Ajouter un poste" not in page and "Inviter des salariés" in page
    assert "Ajouter l'action" not in client.get(campaign_url("actions", dworld)).content.decode()
    assert "Ajouter une activité" not in client.get(campaign_url("job", dworld, job_id=dworld.job.pk)).content.decode()

    client.force_login(dworld.world.admin.user)
    assert client.post(campaign_url("action_done", dworld, action_id=action.pk), {"done": "1"}).status_code == 302
    assert client.post(campaign_url("campaign_close", dworld)).status_code == 302
    dworld.campaign.refresh_from_db()
    assert dworld.campaign.is_closed


def test_the_manager_who_created_a_campaign_runs_it(client, dworld):
    client.force_login(dworld.world.manager.user)
    client.post(url("campaign_create", dworld), {"title": "Diagnostic agence"})
    campaign = dworld.organisation.diagnostic_campaigns.get(title="Diagnostic agence")
    client.post(url("job_create", dworld, campaign_id=campaign.pk), {"title": "Secrétaire"})
    job = campaign.jobs.get()
    job_url = url("job", dworld, campaign_id=campaign.pk, job_id=job.pk)
    assert client.post(job_url, {"name": "Accueil", "time_share": "100"}).status_code == 302
    assert client.post(url("campaign_close", dworld, campaign_id=campaign.pk)).status_code == 302
    campaign.refresh_from_db()
    assert campaign.is_closed and job.activities.get().name == "Accueil"


def test_a_manager_invites_only_the_members_of_the_teams_they_manage(client, dworld):
    other_team = TeamFactory(organisation=dworld.organisation, name="Ventes")
    outsider = MembershipFactory(organisation=dworld.organisation, team=other_team, user__full_name="Olga Ventes")
    client.force_login(dworld.world.manager.user)
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "members": [outsider.pk]})
    assert response.status_code == 200 and not Participant.objects.filter(membership=outsider).exists()
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "team": other_team.pk})
    assert response.status_code == 200 and not Participant.objects.filter(membership=outsider).exists()
    chloe = dworld.world.members[2]
    response = client.post(campaign_url("invite", dworld), {"job": dworld.job.pk, "members": [chloe.pk]})
    assert response.status_code == 302 and Participant.objects.filter(membership=chloe).exists()


def test_the_job_page_lists_only_the_own_activities_of_followed_participants(client, dworld, participants):
    alice = participants[0]
    other_team = TeamFactory(organisation=dworld.organisation, name="Ventes")
    outsider = MembershipFactory(organisation=dworld.organisation, team=other_team)
    olga = Participant.objects.create(campaign=dworld.campaign, membership=outsider, job=dworld.job)
    services.add_own_activity(participant=alice, name="Tutorat", time_share=5)
    services.add_own_activity(participant=olga, name="Salon professionnel", time_share=5)
    job_url = campaign_url("job", dworld, job_id=dworld.job.pk)
    client.force_login(dworld.world.manager.user)
    page = client.get(job_url).content.decode()
    assert "Tutorat" in page and "Salon professionnel" not in page
    client.force_login(dworld.world.admin.user)
    page = client.get(job_url).content.decode()
    assert "Tutorat" in page and "Salon professionnel" in page


def test_nobody_takes_the_shared_decision_on_their_own_answers(client, dworld):
    admin = dworld.world.admin
    services.invite_participants(campaign=dworld.campaign, job=dworld.job, memberships=[admin], actor=admin.user)
    own = Participant.objects.get(membership=admin)
    answer_both(own, dworld)
    client.force_login(admin.user)
    activity = selectors.participant_activities(own)[0]
    assert client.get(participant_url("decide", dworld, own, activity_id=activity.pk)).status_code == 403
    assert client.post(participant_url("decide", dworld, own, activity_id=activity.pk)).status_code == 403
    assert client.post(participant_url("agree", dworld, own)).status_code == 403
    assert not Decision.objects.filter(participant=own).exists()
    page = client.get(participant_url("participant", dworld, own)).content.decode()
    assert "Valider" not in page and "Décider" not in page


# --- Results shown to those who do not follow the participants -------------------------------------------------


def test_names_of_participants_whose_results_fail_reach_only_those_who_follow_them(client, db):
    off = (("Saisie", 50, []), ("Courrier", 40, ["originaux_physiques"]))
    dworld = diagnostic_world(activities=off, invite=1)
    decide_all(dworld.campaign.participants.get(), dworld, employee={}, manager={})
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    other_manager = MembershipFactory(organisation=dworld.organisation, role="manager")
    for viewer in (consultant, other_manager.user):
        client.force_login(viewer)
        page = client.get(campaign_url("results", dworld)).content.decode()
        assert "Alice Essai" not in page
        assert "Poste « Comptable » : 1 évaluation décidée ne peut pas être calculée" in page
    client.force_login(dworld.world.manager.user)
    page = client.get(campaign_url("results", dworld)).content.decode()
    assert "Alice Essai : Poste « Comptable » : les parts de temps des activités totalisent 90 %" in page


def test_job_figures_of_fewer_than_three_decided_are_hidden_from_those_who_do_not_follow(client, dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    client.force_login(consultant)
    page = client.get(campaign_url("results", dworld)).content.decode()
    assert "moins de 3 évaluations décidées" in page
    assert "70 %" not in page and "Part du temps de travail télétravaillable, par poste" not in page
    client.force_login(dworld.world.manager.user)
    page = client.get(campaign_url("results", dworld)).content.decode()
    assert "moins de 3 évaluations décidées" not in page and "70 %" in page


def test_the_job_page_warns_beyond_the_engines_tolerance_only(client, dworld):
    client.force_login(dworld.world.admin.user)
    job_url = campaign_url("job", dworld, job_id=dworld.job.pk)
    client.post(job_url, {"name": "Classement", "time_share": "0.5"})
    assert "au lieu de 100 %" not in client.get(job_url).content.decode()  # 100.5 %: the engine accepts it
    assert "≠ 100 %" not in client.get(campaign_url("campaign", dworld)).content.decode()
    client.post(job_url, {"name": "Archivage", "time_share": "1"})
    assert "totalisent 101,50 % au lieu de 100 %" in client.get(job_url).content.decode()
    assert "≠ 100 %" in client.get(campaign_url("campaign", dworld)).content.decode()


def test_the_employee_and_their_manager_are_warned_and_normalise_on_request(client, dworld, participants):
    alice = participants[0]
    client.force_login(alice.membership.user)
    response = client.post(participant_url("own_activity", dworld, alice), {"name": "Tutorat", "time_share": "25"})
    assert response.status_code == 302
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "totalisent 125 % au lieu de 100 %" in page and "Ramener mes parts à 100 %" in page
    client.force_login(dworld.world.manager.user)
    page = unescape(client.get(participant_url("participant", dworld, alice)).content.decode())
    assert "Les parts de temps d'Alice Essai totalisent 125 % au lieu de 100 %" in page
    assert "Ramener les parts d'Alice Essai à 100 %" in page
    english = unescape(
        client.get(participant_url("participant", dworld, alice), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "Alice Essai's time shares add up to 125 % instead of 100 %" in english
    assert "Scale Alice Essai's shares to 100 %" in english
    response = client.post(participant_url("participant_normalise", dworld, alice), follow=True)
    assert "Les parts de temps d'Alice Essai sont ramenées à 100 %" in unescape(response.content.decode())
    alice.refresh_from_db()
    assert alice.normalised_total == 125
    assert "au lieu de 100 %" not in client.get(participant_url("participant", dworld, alice)).content.decode()


def test_closing_asks_for_confirmation_shows_the_status_in_french_and_the_admin_can_reopen(client, dworld):
    from teletravail.apps.audit.models import AuditAction, AuditEvent

    client.force_login(dworld.world.admin.user)
    confirm = client.get(campaign_url("campaign_close", dworld))
    assert confirm.status_code == 200
    assert "Confirmer la clôture" in confirm.content.decode()
    dworld.campaign.refresh_from_db()
    assert not dworld.campaign.is_closed  # asking is not closing

    assert client.post(campaign_url("campaign_close", dworld)).status_code == 302
    page = client.get(campaign_url("campaign", dworld)).content.decode()
    assert '<span class="fr-badge fr-badge--info fr-badge--no-icon">Close</span>' in page
    assert "Rouvrir la campagne" in page

    assert client.post(campaign_url("campaign_reopen", dworld)).status_code == 302
    dworld.campaign.refresh_from_db()
    assert not dworld.campaign.is_closed and dworld.campaign.closed_at is None
    assert AuditEvent.objects.filter(action=AuditAction.DIAGNOSTIC_CAMPAIGN_REOPENED).count() == 1


def test_only_the_employer_admin_reopens_a_closed_campaign(client, dworld):
    services.close_campaign(campaign=dworld.campaign, actor=dworld.world.admin.user)
    for person in (dworld.world.manager, dworld.world.members[0]):
        client.force_login(person.user)
        assert client.post(campaign_url("campaign_reopen", dworld)).status_code == 403
        assert "Rouvrir la campagne" not in client.get(campaign_url("campaign", dworld)).content.decode()
    dworld.campaign.refresh_from_db()
    assert dworld.campaign.is_closed


# --- The shared decision starts from neither view, and the employee answers it (issue 16) ------------------------


def test_the_decision_form_ticks_nothing_and_shows_both_views_criterion_by_criterion(client, dworld, participants):
    """Issue 16: the manager's criteria used to be ticked in advance, without a word."""
    alice = participants[0]
    answer_both(alice, dworld)  # both ticked « equipement » and « relation_intense » on the phone reminders
    calls = JobActivity.objects.get(job=dworld.job, name="Relances téléphoniques")
    client.force_login(dworld.world.manager.user)
    page = client.get(participant_url("decide", dworld, alice, activity_id=calls.pk)).content.decode()
    assert 'type="checkbox"' in page
    assert "checked" not in page
    assert "Rien n'est coché d'avance" in page
    table = page[page.index("Les deux regards, critère par critère") :]
    table = table[: table.index("</table>")]
    labels = {code: criterion.label for code, criterion in load_criteria().criteria.items()}
    assert labels["equipement"] in table and labels["relation_intense"] in table
    assert labels["originaux_physiques"] not in table  # ticked by neither side on this activity


def test_a_recorded_decision_is_shown_as_it_stands_when_revised(client, dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    calls = JobActivity.objects.get(job=dworld.job, name="Relances téléphoniques")
    client.force_login(dworld.world.manager.user)
    page = client.get(participant_url("decide", dworld, alice, activity_id=calls.pk)).content.decode()
    assert page.count("checked") == 2  # the decision's two criteria, and a sentence saying so
    assert "Les critères de la décision déjà enregistrée sont cochés" in page


def test_the_employee_accepts_or_contests_a_decision_and_the_manager_sees_it(client, dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    mail, calls = (
        JobActivity.objects.get(job=dworld.job, name=name) for name in ("Courrier papier", "Relances téléphoniques")
    )
    client.force_login(alice.membership.user)
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "Réponse du salarié attendue" in page and "Je conteste la décision" in page

    assert (
        client.post(
            participant_url("respond", dworld, alice, activity_id=mail.pk), {"response": "accepted"}
        ).status_code
        == 302
    )
    refused = client.post(
        participant_url("respond", dworld, alice, activity_id=calls.pk), {"response": "contested"}, follow=True
    )
    assert "Dites ce que vous contestez" in refused.content.decode()
    assert Decision.objects.get(participant=alice, activity=calls).employee_response == ""
    client.post(
        participant_url("respond", dworld, alice, activity_id=calls.pk),
        {"response": "contested", "comment": "Un casque suffit, je l'ai déjà."},
    )
    assert Decision.objects.get(participant=alice, activity=mail).employee_response == "accepted"
    contested = Decision.objects.get(participant=alice, activity=calls)
    assert (
        contested.employee_response == "contested" and contested.employee_comment == "Un casque suffit, je l'ai déjà."
    )
    assert list(
        AuditEvent.objects.filter(action__startswith="diagnostic_decision_")
        .exclude(action="diagnostic_decision_recorded")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["diagnostic_decision_accepted", "diagnostic_decision_contested"]

    client.force_login(dworld.world.manager.user)
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "Contestée par le salarié" in page and "Un casque suffit, je l&#x27;ai déjà." in page
    assert "Acceptée par le salarié" in page
    assert "Je conteste la décision" not in page  # the manager cannot answer for her
    campaign_page = client.get(campaign_url("campaign", dworld)).content.decode()
    assert "1 salarié conteste une décision." in campaign_page
    assert "1 salarié conteste une décision." in client.get(campaign_url("results", dworld)).content.decode()


def test_a_changed_decision_waits_for_a_new_answer(client, dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    calls = JobActivity.objects.get(job=dworld.job, name="Relances téléphoniques")
    services.respond_to_decision(
        participant=alice, activity=calls, accept=False, comment="Non.", actor=alice.membership.user
    )
    manager = dworld.world.manager.user
    services.decide(
        participant=alice, activity=calls, criteria=["relation_intense", "equipement"], note="", actor=manager
    )
    assert Decision.objects.get(participant=alice, activity=calls).employee_response == "contested"  # same criteria
    services.decide(participant=alice, activity=calls, criteria=["equipement"], note="", actor=manager)
    assert Decision.objects.get(participant=alice, activity=calls).employee_response == ""


def test_only_the_employee_accepts_or_contests_their_decisions(client, dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    mail = JobActivity.objects.get(job=dworld.job, name="Courrier papier")
    address = participant_url("respond", dworld, alice, activity_id=mail.pk)
    for someone in (dworld.world.manager.user, dworld.world.admin.user, bruno.membership.user):
        client.force_login(someone)
        assert client.post(address, {"response": "accepted"}).status_code == 403
    assert Decision.objects.get(participant=alice, activity=mail).employee_response == ""
    with pytest.raises(ValidationError, match="Seul·e Alice Essai peut accepter ou contester"):
        services.respond_to_decision(
            participant=alice, activity=mail, accept=True, comment="", actor=dworld.world.manager.user
        )


def test_the_profession_search_shows_three_candidates_to_choose_when_none_is_confident(client, dworld):
    client.force_login(dworld.world.admin.user)
    job_url = campaign_url("job", dworld, job_id=dworld.job.pk)
    page = client.get(job_url, {"metier": "comptable"}).content.decode()
    assert "Intitulé incertain" in page
    assert page.count('name="pcs2020"') == 3
    page = client.get(job_url, {"metier": "responsable RH"}).content.decode()
    assert "Intitulé incertain" not in page
    assert page.count('name="pcs2020"') == 1 and 'value="37B3"' in page


@pytest.mark.parametrize(
    "index, french, english",
    [
        (0, "Évaluation d'Alice Essai — Comptable", "Alice Essai's assessment — Comptable"),
        (1, "Évaluation de Bruno Essai — Comptable", "Bruno Essai's assessment — Comptable"),
    ],
)
def test_the_participant_page_elides_de_before_their_name_in_french_only(
    client, dworld, participants, index, french, english
):
    client.force_login(dworld.world.manager.user)
    address = participant_url("participant", dworld, participants[index])
    assert f"<h1>{french}</h1>" in unescape(client.get(address).content.decode())
    assert f"<h1>{english}</h1>" in unescape(client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode())


def test_the_assessment_and_its_statuses_speak_the_page_language(client, dworld, participants):
    alice = participants[0]
    answer_both(alice, dworld)
    client.force_login(alice.membership.user)
    client.cookies["django_language"] = "en"
    criteria = load_criteria()
    page = client.get(participant_url("assess", dworld, alice)).content.decode()
    assert criteria.tiers
    for tier in criteria.tiers.values():
        assert tier.help_en.replace("'", "&#x27;") in page and tier.help.replace("'", "&#x27;") not in page, tier.code
    for item in [*criteria.tiers.values(), *criteria.criteria.values()]:
        assert item.label_en in page and item.label not in page, item.code
    page = client.get(participant_url("participant", dworld, alice)).content.decode()
    assert "télétravaillable" not in page  # the statuses of the two views were French
    assert "be teleworked" in page
    client.cookies["django_language"] = "fr"
    page = client.get(participant_url("assess", dworld, alice)).content.decode()
    assert criteria.criteria["intervention_sur_site"].label in page
