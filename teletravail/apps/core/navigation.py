"""The site's main menu (the header's « Menu principal »), as a list: each app registers its entries with
`register_menu_entry`, in its `navigation` module imported by its AppConfig.ready, so that the header only draws
them and this base app imports none of the apps above it. A new module adds its entry in its own app."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def everyone(user):
    return True


def signed_in(user):
    return user is not None and user.is_authenticated


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    current_views: tuple[str, ...] = ()  # the view names (« core:home ») of the pages where it is the current entry
    current_apps: tuple[str, ...] = ()  # the URL namespaces whose every page makes it the current entry
    shown_to: Callable[[object], bool] = everyone  # the request's user (None without a request) → shown or not

    def is_current(self, match):
        return match is not None and (match.view_name in self.current_views or match.app_name in self.current_apps)


@dataclass(frozen=True)
class NavigationLink:
    """One link of a navigation as the template draws it: the site menu's and the organisation's tabs."""

    label: str
    url: str
    current: bool


_ENTRIES: dict[int, MenuEntry] = {}


def register_menu_entry(position, entry):
    """Put `entry` in the main menu at `position` (smaller first)."""
    if _ENTRIES.get(position, entry) != entry:
        raise ValueError(f"The main menu has two entries at position {position}")
    _ENTRIES[position] = entry
    return entry


def site_menu(request):
    """The main menu's links for this request: those shown to its user, the one of the current page marked."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return [
        NavigationLink(entry.label, reverse(entry.url_name), entry.is_current(match))
        for _position, entry in sorted(_ENTRIES.items())
        if entry.shown_to(user)
    ]


register_menu_entry(10, MenuEntry(_("Accueil"), "core:home", current_views=("core:home",)))
register_menu_entry(30, MenuEntry(_("Les outils"), "core:modules", current_views=("core:modules",)))
