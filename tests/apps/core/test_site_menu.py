"""The site's main menu (the header's « Menu principal ») for each kind of person, on the pages that mark an entry
as current and on pages that mark none.

The expected menus were read from the hand-written header the menu list replaced: « Accueil » (`/`) current on
the home page only; « Mes organisations » (`/mon-espace/`) for signed-in people only, current on every page of the
home and organisations apps; « Les outils » (`/outils/`) current on the tools page only."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from teletravail.apps.organisations.models import ConsultantAccess, Role
from tests.factories import MembershipFactory, UserFactory


HOME = ("/", "Accueil")
ORGANISATIONS = ("/mon-espace/", "Mes organisations")
TOOLS = ("/outils/", "Les outils")


class _MenuReader(HTMLParser):
    """The links of `nav#navigation-principale`: (href, text, whether aria-current="page")."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # > 0 inside the main menu's <nav>
        self.links = []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and (self.depth or attributes.get("id") == "navigation-principale"):
            self.depth += 1
        elif self.depth and tag == "a":
            self._link = [attributes["href"], "", attributes.get("aria-current") == "page"]

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip(), self._link[2]))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


def main_menu(client, url):
    response = client.get(url, follow=True)  # an admin of one organisation is sent from their space to it
    assert response.status_code == 200, url
    reader = _MenuReader()
    reader.feed(response.content.decode())
    return reader.links


def menu(*entries, current=None):
    return [(href, label, (href, label) == current) for href, label in entries]


def signed_in(role):
    """A person of `role` and the organisation page they can open (None for a moderator, who belongs to none)."""
    if role in ("employee", "manager", "employer_admin"):
        membership = MembershipFactory(role=role)
        return membership.user, membership.organisation
    if role == "consultant":
        membership = MembershipFactory(role=Role.EMPLOYER_ADMIN)
        consultant = UserFactory(platform_role="consultant")
        ConsultantAccess.objects.create(organisation=membership.organisation, consultant=consultant)
        return consultant, membership.organisation
    assert role == "moderator"
    moderator = UserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_place"))
    return moderator, None


@pytest.mark.django_db
def test_a_visitor_s_menu_has_the_home_page_and_the_tools_each_current_on_its_own_page(client):
    assert main_menu(client, "/") == menu(HOME, TOOLS, current=HOME)
    assert main_menu(client, "/outils/") == menu(HOME, TOOLS, current=TOOLS)
    assert main_menu(client, reverse("places:index")) == menu(HOME, TOOLS)
    assert main_menu(client, reverse("accounts:login")) == menu(HOME, TOOLS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["employee", "manager", "employer_admin", "consultant", "moderator"])
def test_a_signed_in_person_s_menu_adds_their_organisations_current_in_their_space_and_organisation_pages(
    client, role
):
    user, organisation = signed_in(role)
    client.force_login(user)
    assert main_menu(client, "/") == menu(HOME, ORGANISATIONS, TOOLS, current=HOME)
    assert main_menu(client, "/outils/") == menu(HOME, ORGANISATIONS, TOOLS, current=TOOLS)
    assert main_menu(client, "/mon-espace/") == menu(HOME, ORGANISATIONS, TOOLS, current=ORGANISATIONS)
    assert main_menu(client, reverse("notifications:list")) == menu(HOME, ORGANISATIONS, TOOLS)
    assert main_menu(client, reverse("organisations:create")) == menu(
        HOME, ORGANISATIONS, TOOLS, current=ORGANISATIONS
    )
    if organisation is None:
        assert main_menu(client, reverse("places:moderation")) == menu(HOME, ORGANISATIONS, TOOLS)
        return
    pages = {"organisation_id": organisation.pk}
    assert main_menu(client, reverse("home:journey", kwargs=pages)) == menu(
        HOME, ORGANISATIONS, TOOLS, current=ORGANISATIONS
    )
    assert main_menu(client, reverse("diagnostic:index", kwargs=pages)) == menu(HOME, ORGANISATIONS, TOOLS)


@pytest.mark.django_db
def test_the_menu_speaks_the_page_s_language(client):
    client.cookies["django_language"] = "en"
    user, _organisation = signed_in("employee")
    client.force_login(user)
    assert main_menu(client, "/mon-espace/") == [
        ("/", "Home", False),
        ("/mon-espace/", "My organisations", True),
        ("/outils/", "Tools", False),
    ]
