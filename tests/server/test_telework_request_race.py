"""Two people deciding the same telework request at the same moment against gunicorn on PostgreSQL: the admin grants
while the team's manager refuses, released together, round after round. One decision each round, the other told
409; never a 500, never both written, never an audit event or a notice without its decision."""

from collections import Counter

import pytest
from django.urls import reverse

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.notifications.models import Notification
from teletravail.apps.planner.models import MemberPlanningProfile
from teletravail.apps.telework_requests import services
from teletravail.apps.telework_requests.models import Status, TeleworkRequest
from tests.server.client import simultaneously
from tests.world import build_world


pytestmark = [pytest.mark.server, pytest.mark.xdist_group("server"), pytest.mark.django_db(transaction=True)]

ROUNDS = 20
SERVER_ERROR = 500
CONFLICT = 409


def _deciding(browser, url, **values):
    def prepare():
        form = browser.form(url)
        for name, value in values.items():
            form.set(name, value)
        return form

    return prepare, browser.submit


def test_two_decisions_on_one_request_at_once_keep_one(browser_for):
    world = build_world()
    employee = world.employee
    admin, manager = browser_for(world.admin.user), browser_for(world.manager.user)
    figures = Counter()
    for number in range(ROUNDS):
        telework_request = services.submit_request(membership=employee, actor=employee.user, days=3)
        url = reverse(
            "telework_requests:decide",
            kwargs={"organisation_id": world.organisation.pk, "telework_request_id": telework_request.pk},
        )
        answers = simultaneously(
            _deciding(admin, url, decision="accorder", days_granted=str(1 + number % 3), reason=""),
            _deciding(manager, url, decision="refuser", days_granted="", reason=f"Refus {number}"),
        )
        statuses = sorted(answer.status for answer in answers)
        figures["500"] += statuses.count(SERVER_ERROR)
        figures["rounds without exactly one decision and one 409"] += statuses != [302, CONFLICT]
        decided = TeleworkRequest.objects.get(pk=telework_request.pk)
        events = AuditEvent.objects.filter(details__item=telework_request.pk).exclude(
            action=AuditAction.TELEWORK_REQUEST_SUBMITTED
        )
        figures["decision events not one"] += events.count() != 1
        told = Notification.objects.filter(kind="telework_request_decided", recipient=employee.user).count()
        figures["notices not one per round"] += told != number + 1
        if decided.status == Status.GRANTED:
            profile = MemberPlanningProfile.objects.get(membership=employee)
            figures["granted without the planner's days"] += profile.telework_days_max != decided.days_granted
            figures["granted with a refusal's reason"] += decided.reason != ""
        elif decided.status == Status.REFUSED:
            figures["refused without its reason"] += decided.reason != f"Refus {number}"
        else:
            figures["rounds left undecided"] += 1
    report = ", ".join(f"{name}: {count}" for name, count in figures.items())
    print(f"{ROUNDS} rounds: {report}")
    assert sum(figures.values()) == 0, report
