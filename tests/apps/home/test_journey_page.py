import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.organisations.journey import journey_steps
from teletravail.apps.organisations.models import ConsultantAccess, Site
from teletravail.apps.organisations.selectors import organisation_access
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


def journey_url(organisation):
    return reverse("home:journey", kwargs={"organisation_id": organisation.pk})


@pytest.mark.django_db
def test_journey_shows_the_four_steps_and_coming_modules(client):
    membership = MembershipFactory(role="employer_admin")
    client.force_login(membership.user)
    content = client.get(journey_url(membership.organisation)).content.decode()
    for title in ("Diagnostic partagé", "Opérer le changement", "Cadre juridique", "Bilan à six mois"):
        assert title in content
    assert "À venir" in content


@pytest.mark.django_db
def test_progress_counts_only_measured_tasks_and_follows_the_data():
    membership = MembershipFactory(role="employer_admin")
    organisation = membership.organisation
    access = organisation_access(membership.user, organisation.pk)
    first = journey_steps(access)[0]
    assert [task.done for task in first.measured_tasks] == [False, False, False, False]
    assert first.percent == 0

    site = Site.objects.create(organisation=organisation, name="Siège", commune=make_commune())
    TeamFactory(organisation=organisation, site=site)
    organisation.headcount = 2
    organisation.save()
    access = organisation_access(membership.user, organisation.pk)
    member = MembershipFactory(organisation=organisation, home_commune=make_commune())
    first = journey_steps(access)[0]
    # Both declared employees are on the platform, one of the two has a home commune, no campaign yet.
    assert [(task.done, task.detail) for task in first.measured_tasks[:3]] == [
        (True, ""),
        (True, "2 sur 2"),
        (False, "1 sur 2"),
    ]
    assert first.done_count == 2 and not first.is_complete and first.percent == 50
    membership.home_commune = member.home_commune
    membership.save()
    assert journey_steps(access)[0].done_count == 3
    # Without a document, step 3 asks for one and for the employees' information, neither done.
    assert [task.done for task in journey_steps(access)[2].measured_tasks] == [False, False]


@pytest.mark.django_db
def test_the_diagnostic_task_follows_the_latest_campaign():
    from tests.apps.diagnostic.factories import decide_all, diagnostic_world

    diagnostic = diagnostic_world(invite=2)
    access = organisation_access(diagnostic.world.admin.user, diagnostic.organisation.pk)

    def task():
        return journey_steps(access)[0].measured_tasks[3]

    assert (task().done, task().detail) == (False, "2 salariés invités, 0 ont répondu, 0 avec une décision partagée")
    assert task().url == f"/diagnostic/{diagnostic.organisation.pk}/"
    first, second = diagnostic.campaign.participants.order_by("pk")
    decide_all(first, diagnostic)
    assert (task().done, task().detail) == (False, "2 salariés invités, 1 a répondu, 1 avec une décision partagée")
    decide_all(second, diagnostic)
    assert task().done is True
    # A contested decision still counts as taken, and the step says it is contested (issue 16).
    from teletravail.apps.diagnostic.services import respond_to_decision

    decision = first.decisions.first()
    respond_to_decision(
        participant=first, activity=decision.activity, accept=False, comment="Non.", actor=first.membership.user
    )
    assert (task().done, task().detail) == (
        True,
        "2 salariés invités, 2 ont répondu, 2 avec une décision partagée ; 1 conteste une décision",
    )


@pytest.mark.django_db
def test_the_charter_tasks_follow_the_procedure_of_the_document(monkeypatch):
    from teletravail.apps.charters import services
    from teletravail.apps.diagnostic import selectors as diagnostic
    from tests.world import build_world

    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [])
    world = build_world()  # 42 people, with a CSE
    access = organisation_access(world.admin.user, world.organisation.pk)
    document = services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )

    def tasks():
        return [(task.title, task.done) for task in journey_steps(access)[2].measured_tasks]

    # Before a version, the CSE is not known yet (it follows the options of the latest version).
    assert tasks() == [
        ("Rédiger la charte ou l'accord de télétravail", False),
        ("Vérifier la conformité du texte", False),
        ("Informer les salariés du texte adopté", False),
    ]
    options = document.draft
    options["organisation"]["has_cse"] = True  # the admin's answer in step 2 of the form
    services.save_version(document=document, options=options, actor=world.admin.user, force=True)
    services.record_procedure(document=document, actor=world.admin.user, cse_opinion_date=timezone.localdate())
    # Saved with errors (the pre-filled draft is incomplete): drafted, CSE consulted, not compliant, nobody informed.
    assert tasks() == [
        ("Rédiger la charte ou l'accord de télétravail", True),
        ("Vérifier la conformité du texte", False),
        ("Recueillir l'avis du CSE (ou du comité social)", True),
        ("Informer les salariés du texte adopté", False),
    ]


@pytest.mark.django_db
def test_the_planning_task_is_done_once_a_team_plan_is_published():
    from teletravail.apps.planner import services
    from tests.apps.planner.factories import solved_plan
    from tests.world import build_world

    world = build_world()
    access = organisation_access(world.admin.user, world.organisation.pk)
    planning = journey_steps(access)[1].measured_tasks[0]  # the planner's task comes first in step 2
    assert planning.done is False and planning.url == f"/planning/{world.organisation.pk}/"
    plan = solved_plan(team=world.team, actor=world.manager.user)
    assert journey_steps(access)[1].measured_tasks[0].done is False  # a draft is not the team's plan yet
    services.publish_plan(plan=plan, actor=world.manager.user)
    assert journey_steps(access)[1].measured_tasks[0].done is True


@pytest.mark.django_db
def test_consultant_task_of_the_review_step():
    membership = MembershipFactory(role="employer_admin")
    access = organisation_access(membership.user, membership.organisation_id)
    assert journey_steps(access)[3].done_count == 0
    grant = ConsultantAccess.objects.create(
        organisation=membership.organisation, consultant=UserFactory(platform_role="consultant")
    )
    assert journey_steps(access)[3].done_count == 1
    grant.revoked_at = timezone.now()
    grant.save()
    assert journey_steps(access)[3].done_count == 0


@pytest.mark.django_db
def test_journey_of_another_organisation_is_not_found(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    assert client.get(journey_url(OrganisationFactory())).status_code == 404


@pytest.mark.django_db
def test_employee_sees_the_journey_without_management_links(client):
    membership = MembershipFactory(role="employee")
    client.force_login(membership.user)
    response = client.get(journey_url(membership.organisation))
    assert response.status_code == 200
    assert reverse("organisations:members", kwargs={"organisation_id": membership.organisation_id}) not in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_an_available_tool_is_linked_but_never_counted():
    membership = MembershipFactory(role="employer_admin")
    access = organisation_access(membership.user, membership.organisation_id)
    first = journey_steps(access)[0]
    tools = [task for task in first.tasks if task.is_tool]
    assert [task.url for task in tools] == [
        reverse("simulator:organisation", kwargs={"organisation_id": membership.organisation_id})
    ]
    assert tools[0] not in first.measured_tasks


@pytest.mark.django_db
def test_an_employee_gets_no_link_to_the_organisation_simulator():
    membership = MembershipFactory(role="employee")
    access = organisation_access(membership.user, membership.organisation_id)
    assert not any(task.is_tool for task in journey_steps(access)[0].tasks)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "manager", "employee", "outsider_employee", "consultant"])
def test_every_link_the_journey_shows_a_role_opens_for_that_role(client, world, role):
    import re

    person = getattr(world, role)
    user = getattr(person, "user", person)
    client.force_login(user)
    page = client.get(journey_url(world.organisation)).content.decode()
    links = set(re.findall(r'<a href="([^"]+)"', page.split('<ol class="journey">', 1)[1].split("</ol>", 1)[0]))

    assert links, "the journey shows no task link at all"
    refused = {url: client.get(url).status_code for url in links}
    assert {url: status for url, status in refused.items() if status != 200} == {}


@pytest.mark.django_db
def test_one_invitation_out_of_forty_is_not_the_task_done():
    membership = MembershipFactory(role="employer_admin", organisation__headcount=40)
    organisation = membership.organisation
    MembershipFactory(organisation=organisation)
    access = organisation_access(membership.user, organisation.pk)

    invite = journey_steps(access)[0].measured_tasks[1]

    assert (invite.done, invite.detail) == (False, "2 sur 40")


@pytest.mark.django_db
def test_the_next_task_is_the_first_undone_one_the_person_can_open(client):
    membership = MembershipFactory(role="employer_admin")
    access = organisation_access(membership.user, membership.organisation_id)
    steps = journey_steps(access)
    marked = [task.title for step in steps for task in step.tasks if task.is_next]
    assert marked == ["Décrire les sites et les équipes"]

    client.force_login(membership.user)
    page = client.get(journey_url(membership.organisation)).content.decode()
    assert 'class="journey-task--next" aria-current="step"' in page
    assert page.count('aria-current="step"') == 1
    assert "Prochaine tâche" in page


@pytest.mark.django_db
def test_an_employee_is_led_to_a_task_they_can_open_never_to_an_admin_page():
    membership = MembershipFactory(role="employee")
    access = organisation_access(membership.user, membership.organisation_id)
    [next_one] = [task for step in journey_steps(access) for task in step.tasks if task.is_next]
    assert next_one.url == f"/diagnostic/{membership.organisation_id}/"


@pytest.mark.django_db
def test_the_review_is_dated_six_months_after_adoption_and_not_done_until_it_exists():
    from datetime import date

    from teletravail.apps.charters.models import CharterDocument

    membership = MembershipFactory(role="employer_admin")
    organisation = membership.organisation
    access = organisation_access(membership.user, organisation.pk)
    ConsultantAccess.objects.create(organisation=organisation, consultant=UserFactory(platform_role="consultant"))
    review = journey_steps(access)[3]
    assert review.measured_tasks[1].detail == "Sa date sera fixée à l'adoption de la charte ou de l'accord."

    document = CharterDocument.objects.create(organisation=organisation, sector="prive", document_type="charte")
    document.employees_informed_date = date(2026, 12, 12)
    document.save()
    review = journey_steps(access)[3]

    expected = "Six mois après l'adoption du texte (le 12 décembre 2026) : le 12 juin 2027."
    assert review.measured_tasks[1].detail == expected
    assert review.done_count == 1 and not review.is_complete


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, heading",
    [("Atelier Démo", "Parcours d'Atelier Démo"), ("Coopérative Durand", "Parcours de Coopérative Durand")],
)
def test_the_journey_heading_elides_de_before_a_vowel(client, name, heading):
    membership = MembershipFactory(role="employer_admin", organisation__name=name)
    client.force_login(membership.user)
    content = client.get(journey_url(membership.organisation)).content.decode()
    assert f"<h1>{heading}</h1>" in content.replace("&#x27;", "'")
    english = client.get(journey_url(membership.organisation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<h1>{name}'s journey</h1>" in english.replace("&#x27;", "'")
