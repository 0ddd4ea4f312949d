"""What each module adds to the demo organisation, without the demo importing the modules.

The demo world (`apps/home/world.py`, the organisation of `teletravail demo create` and of the tests) is built
at the top of the layers; each module app registers, in its `demo` module (imported by its AppConfig.ready), a
function that adds its objects to a world (`register_demo_objects`): the diagnostic its decided campaign, the
planner a plan, the charters a first version. They run in `position` order, each on the world the ones before it
filled in.
"""

from collections.abc import Callable


_CONTRIBUTIONS: list[tuple[int, Callable]] = []


def register_demo_objects(*, position):
    """Register `add(world)`, which creates the module's demo objects and sets them on the world."""

    def decorator(add):
        _CONTRIBUTIONS.append((position, add))
        return add

    return decorator


def add_demo_objects(world):
    """Every module's demo objects, in position order."""
    for _position, add in sorted(_CONTRIBUTIONS, key=lambda contribution: contribution[0]):
        add(world)
    return world
