"""What the organisation app tells the modules above it, which it may not import (tests/test_layers.py)."""

from django.dispatch import Signal


# Sent by services.update_organisation, in its transaction, once settings changed: `organisation`, `changes`
# ({field: [before, after]}), `actor` and `request`. The planner turns its place days back into plain telework days
# when the organisation stops allowing them.
organisation_changed = Signal()
