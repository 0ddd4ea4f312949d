"""Days of the week by the planning engine's codes (`teletravail.planning.problem.DAYS`), named for the interface.

Sites (desks per day) and the planner (planned days, assignments) share them.
"""

from django.utils.translation import gettext_lazy as _

from teletravail.planning.problem import DAYS


DAY_CHOICES = [
    ("lun", _("lundi")),
    ("mar", _("mardi")),
    ("mer", _("mercredi")),
    ("jeu", _("jeudi")),
    ("ven", _("vendredi")),
    ("sam", _("samedi")),
    ("dim", _("dimanche")),
]
DAY_LABELS = dict(DAY_CHOICES)
WORKING_WEEK = list(DAYS[:5])

assert [code for code, _label in DAY_CHOICES] == list(DAYS)
