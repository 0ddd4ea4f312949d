"""The tabs of an organisation's space, as a list: each says which section it opens, where, and for whom. The
template (`organisations/_nav.html`) only draws them; a new module adds its tab here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.navigation import NavigationLink


def _member(access):
    return access.membership is not None


def _member_or_consultant(access):
    return access.membership is not None or access.via_consultant_access


@dataclass(frozen=True)
class Tab:
    section: str  # the `nav_section` of the pages the tab leads to
    label: str
    url_name: str
    shown_to: object  # access → bool: whether the page opens for this person

    def url(self, organisation):
        return reverse(self.url_name, kwargs={"organisation_id": organisation.pk})


TABS = (
    Tab("journey", _("Parcours"), "home:journey", lambda access: True),
    Tab("members", _("Membres"), "organisations:members", lambda access: access.can_see_member_list),
    Tab("simulator", _("Effets attendus"), "simulator:organisation", lambda access: access.can_see_member_list),
    Tab("diagnostic", _("Diagnostic"), "diagnostic:index", _member_or_consultant),
    Tab("planner", _("Planning"), "planner:index", _member),
    Tab("charte", _("Charte"), "charters:index", _member_or_consultant),
    Tab("actionplan", _("Plan d'action"), "actionplan:index", _member_or_consultant),
    Tab("practices", _("Pratiques"), "practices:index", _member_or_consultant),
    Tab("import", _("Import"), "organisations:members_import", lambda access: access.can_manage_members),
    Tab("consultants", _("Consultants"), "organisations:consultants", lambda access: access.can_manage_consultants),
    Tab("audit_log", _("Journal"), "organisations:audit_log", lambda access: access.can_see_audit_log),
    Tab("settings", _("Paramètres"), "organisations:settings", lambda access: access.can_manage_organisation),
)


def organisation_tabs(access, current):
    """The tabs `access` may open, `current` (a section name) marked."""
    return [
        NavigationLink(tab.label, tab.url(access.organisation), tab.section == current)
        for tab in TABS
        if tab.shown_to(access)
    ]
