"""Where an action comes from: each module that turns one of its findings into an action registers its kind of
origin (the first part of `Action.origin`, « planner » in « planner:12:isolation ») with a label and the page that
shows the finding. The action plan links back through it without knowing the modules."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class OriginKind:
    label: str
    # (organisation, the origin's parts after the kind) → the address of the finding, or None
    link: Callable[[object, list], str | None] | None = None


_KINDS: dict[str, OriginKind] = {}
MANUAL = ""
MANUAL_LABEL = _("Saisie directe")


def register_origin(kind, label, link=None):
    if not kind or ":" in kind:
        raise ValueError(f"An origin kind is one word without a colon, not {kind!r}")
    if kind in _KINDS and _KINDS[kind].label != label:
        raise ValueError(f"Origin kind {kind!r} is registered twice")
    _KINDS[kind] = OriginKind(label, link)


def origin_kinds():
    """(kind, label) of the registered kinds, and of actions written by hand, for the filter of the plan."""
    return [*((kind, origin.label) for kind, origin in sorted(_KINDS.items())), ("manuelle", MANUAL_LABEL)]


def origin_label(origin):
    kind = origin.split(":", 1)[0]
    if not origin:
        return MANUAL_LABEL
    return _KINDS[kind].label if kind in _KINDS else kind


def origin_link(organisation, origin):
    """The page of the finding the action answers, or None (written by hand, unknown kind, finding gone)."""
    kind, *parts = origin.split(":")
    registered = _KINDS.get(kind)
    if not origin or registered is None or registered.link is None:
        return None
    try:
        return registered.link(organisation, parts)
    except (NoReverseMatch, ValueError, LookupError):
        return None
