"""The kinds of notification, registered by the apps that send them (so that this app knows none of the modules).

Each app registers its kinds at import time of the module that notifies (`register_kind`); the preferences page
lists them all, in the order of registration's `position`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str  # what the person receives, as the preferences page names it
    position: int = 100


_KINDS: dict[str, NotificationKind] = {}


def register_kind(code, label, position=100):
    kind = NotificationKind(code, label, position)
    known = _KINDS.get(code)
    if known is not None and known != kind:
        raise ValueError(f"Notification kind {code} registered twice")
    _KINDS[code] = kind
    return kind


def registered_kinds():
    return sorted(_KINDS.values(), key=lambda kind: (kind.position, kind.code))


def kind_codes():
    return set(_KINDS)
