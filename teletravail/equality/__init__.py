"""Equality between women and men in telework: the indicators of an organisation by sex, each with a validity rule
borrowed from the Egapro index, compared with the national figure.

Pure Python (no Django): people in, indicators out. Each person carries what the modules know of them (None where
a module has nothing to say); a person whose sex is not declared counts in no comparison. An indicator compares a
share (or a mean) among the women and among the men of its base (the people it concerns: the eligible ones for
access, the teleworkers for days granted…). It is « non calculable » when the organisation is under the headcount
floor, when its base has no one, or when either sex has fewer people in the base than the Egapro group rule asks;
`reason` says which, `shortfall` by how much, so that the page explains it.

    >>> from teletravail.equality import Person, equality_indicators, Rules
    >>> rules = Rules(minimum_per_sex=3, minimum_headcount=11)
    >>> people = [Person("F", eligible=True)] * 4 + [Person("H", eligible=i < 2) for i in range(4)]
    >>> eligible = equality_indicators(people, headcount=20, rules=rules)[0]
    >>> (eligible.code, eligible.women.value, eligible.men.value, round(eligible.gap_points, 1))
    ('eligible', 1.0, 0.5, 50.0)
"""

from dataclasses import asdict, dataclass


WOMEN = "F"
MEN = "H"

# Why an indicator is not computed (the page words each one).
BELOW_HEADCOUNT = "below_headcount"  # the organisation has fewer people than the floor
NO_DATA = "no_data"  # no one the indicator concerns (the module that knows it has nothing yet)
TOO_FEW_WOMEN = "too_few_women"
TOO_FEW_MEN = "too_few_men"
TOO_FEW_BOTH = "too_few_both"
# The source's own anonymity rule keeps its figures back (the practices questionnaire: its threshold, or its rule of
# difference); stricter than the Egapro rule, so it wins over it.
SOURCE_THRESHOLD = "source_threshold"
SOURCE_DIFFERENCE = "source_difference"


@dataclass(frozen=True)
class Rules:
    minimum_per_sex: int  # Egapro: a group counts with at least 3 women and 3 men
    minimum_headcount: int  # the organisations concerned: at least 11 people


@dataclass(frozen=True)
class Person:
    """What is known of one person; None: not known (not in the diagnostic, no plan, no answer)."""

    sex: str  # WOMEN, MEN, or "" when not declared
    eligible: bool | None = None  # telework possible, from the diagnostic's decisions
    requested: bool | None = None  # asked for telework
    granted: bool | None = None  # telework granted (a telework day in the published plans)
    refused: bool | None = None  # asked and refused
    days_granted: float | None = None  # telework days a week, among those granted telework
    isolated: bool | None = None  # cut off from the team on site (the planner's cohesion)
    worked_while_ill: bool | None = None  # from the practices questionnaire, when answered


@dataclass(frozen=True)
class Withheld:
    """A source that keeps an indicator's figures back under its own anonymity rule."""

    reason: str  # SOURCE_THRESHOLD or SOURCE_DIFFERENCE
    minimum: int = 0  # with SOURCE_THRESHOLD: the answers per sex the source asks for
    shortfall: int = 0  # with SOURCE_THRESHOLD: how many answers the smaller sex lacks


@dataclass(frozen=True)
class Group:
    """The women (or the men) of an indicator's base: how many, and the share (or mean) among them."""

    base: int
    value: float | None  # share 0–1, or a mean for `days_granted`; None when the base is empty


@dataclass(frozen=True)
class Indicator:
    code: str
    women: Group
    men: Group
    is_mean: bool  # a mean (days) rather than a share
    reason: str = ""  # empty when computed, else why not (one of the constants above)
    shortfall: int = 0  # with TOO_FEW_* or SOURCE_THRESHOLD: how many people of the smaller sex are missing
    minimum: int = 0  # with SOURCE_THRESHOLD: the group size the source's rule asks for
    national_women: float | None = None
    national_men: float | None = None

    @property
    def is_computed(self):
        return not self.reason

    @property
    def gap_points(self):
        """Women minus men, in points of percentage for a share, in days for a mean; None when not computed."""
        if not self.is_computed:
            return None
        gap = self.women.value - self.men.value
        return gap if self.is_mean else 100 * gap

    @property
    def national_gap_points(self):
        if self.national_women is None or self.national_men is None:
            return None
        return 100 * (self.national_women - self.national_men)


# (code, the person's value it reads, the base: who it concerns, whether a mean)
INDICATORS = (
    ("eligible", lambda p: p.eligible, lambda p: p.eligible is not None, False),
    ("requested", lambda p: p.requested, lambda p: p.eligible is True and p.requested is not None, False),
    ("granted", lambda p: p.granted, lambda p: p.eligible is True and p.granted is not None, False),
    ("refused", lambda p: p.refused, lambda p: p.requested is True and p.refused is not None, False),
    ("days_granted", lambda p: p.days_granted, lambda p: p.granted is True and p.days_granted is not None, True),
    ("isolated", lambda p: p.isolated, lambda p: p.isolated is not None, False),
    ("worked_while_ill", lambda p: p.worked_while_ill, lambda p: p.worked_while_ill is not None, False),
)


def _group(people, value_of):
    values = [float(value_of(person)) for person in people]
    return Group(len(values), sum(values) / len(values) if values else None)


def _reason(women, men, rules, headcount):
    if headcount < rules.minimum_headcount:
        return BELOW_HEADCOUNT, 0
    if women.base == 0 and men.base == 0:
        return NO_DATA, 0
    missing_women = max(0, rules.minimum_per_sex - women.base)
    missing_men = max(0, rules.minimum_per_sex - men.base)
    if missing_women and missing_men:
        return TOO_FEW_BOTH, max(missing_women, missing_men)
    if missing_women:
        return TOO_FEW_WOMEN, missing_women
    if missing_men:
        return TOO_FEW_MEN, missing_men
    return "", 0


def equality_indicators(people, *, headcount, rules, national=None, withheld=None):
    """The indicators of INDICATORS, in that order. `headcount`: the organisation's declared headcount (the floor
    applies to it, not to the people known); `national`: {code: (women, men)} figures to compare with; `withheld`:
    {code: Withheld} for the indicators a source keeps back (its rule then wins, except the headcount floor)."""
    national = national or {}
    withheld = withheld or {}
    indicators = []
    for code, value_of, concerned, is_mean in INDICATORS:
        base = [person for person in people if concerned(person)]
        women = _group([p for p in base if p.sex == WOMEN], value_of)
        men = _group([p for p in base if p.sex == MEN], value_of)
        reason, shortfall = _reason(women, men, rules, headcount)
        minimum = 0
        if code in withheld and reason != BELOW_HEADCOUNT:
            reason, shortfall, minimum = withheld[code].reason, withheld[code].shortfall, withheld[code].minimum
        if reason:
            # No figure is ever given for a group too small to be read without pointing at someone.
            women, men = Group(women.base, None), Group(men.base, None)
        national_women, national_men = national.get(code, (None, None))
        indicators.append(
            Indicator(code, women, men, is_mean, reason, shortfall, minimum, national_women, national_men)
        )
    return indicators


def indicators_record(indicators):
    """The indicators as plain data (JSON): the figures by sex and why not computed, aggregates only, so that a
    moment's indicators can be kept and shown later."""
    return [asdict(indicator) for indicator in indicators]


def indicators_from_record(record):
    """The indicators kept by `indicators_record`."""
    return [
        Indicator(**{**fields, "women": Group(**fields["women"]), "men": Group(**fields["men"])}) for fields in record
    ]
