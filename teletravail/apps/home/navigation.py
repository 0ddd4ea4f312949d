"""What the home app adds to the site's main menu: a signed-in person's space, current on their space's pages and
on every page of the organisations app."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.navigation import MenuEntry, register_menu_entry, signed_in


register_menu_entry(
    20,
    MenuEntry(_("Mes organisations"), "home:dashboard", current_apps=("organisations", "home"), shown_to=signed_in),
)
