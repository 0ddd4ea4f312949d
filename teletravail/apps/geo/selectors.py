"""Reads of the reference geography: commune search, look-up by code, distances."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from teletravail.apps.geo.models import Commune, Departement, Epci, Region
from teletravail.geo import RoadDistanceEstimate, normalize, normalize_query, road_distance_estimate


MIN_QUERY_LENGTH = 2
# Longer queries are cut: each word is one more condition, and no commune name has more than 8 words.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 10

# A whole query that is a code: INSEE code (5 chars, Corsica 2A/2B) or postal code (5 digits).
CODE_QUERY = re.compile(r"\d{5}|2[AB]\d{3}")
# "Saint-Étienne (42)", the label the widget shows: the département narrows the search.
DEPARTEMENT_SUFFIX = re.compile(r"\(\s*(\d{2,3}|2[AB])\s*\)\s*$", re.IGNORECASE)

DETAIL_RELATIONS = ("departement", "region", "epci", "parent")

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Ranks of a name search: exact normalised name, then name prefix, then any other match.
EXACT, PREFIX, OTHER = 0, 1, 2
# Ranks of a code search. A five-digit code is read first as a postal code, the code people know: "69003" is Lyon
# 3e Arrondissement (postal code), not Albigny-sur-Saône (INSEE code 69003). An arrondissement comes before its
# commune (Lyon has nine postal codes), the commune whose INSEE code it is comes last.
POSTAL_ARRONDISSEMENT, POSTAL_COMMUNE, INSEE = 0, 1, 2

# How a result matched the query (`matched_by` of each commune a search returns).
POSTAL_CODE, INSEE_CODE, NAME = "postal_code", "insee_code", "name"


def _ranked(queryset, rank, limit, matched_by):
    queryset = queryset.annotate(rank=rank, matched_by=matched_by)
    return list(queryset.order_by("rank", "-population", "name", "code")[:limit])


def _split_departement(query):
    match = DEPARTEMENT_SUFFIX.search(query)
    if not match:
        return query, None
    return query[: match.start()], match.group(1).upper()


def _has_postal_code(code):
    # Postal codes are stored space-separated and all have five digits: a substring match cannot straddle two.
    return Q(postal_codes__contains=code)


def _code_matches(code):
    """The communes a whole code may mean, annotated with `rank` and `matched_by`, best first."""
    postal = _has_postal_code(code)
    rank = Case(
        When(postal & Q(kind="ARM"), then=Value(POSTAL_ARRONDISSEMENT)),
        When(postal, then=Value(POSTAL_COMMUNE)),
        default=Value(INSEE),
        output_field=IntegerField(),
    )
    matched_by = Case(When(postal, then=Value(POSTAL_CODE)), default=Value(INSEE_CODE), output_field=CharField())
    return Commune.objects.filter(Q(code=code) | postal), rank, matched_by


def search_communes(query, limit=10):
    """Communes matching `query` (name, part of a name, postal code or INSEE code), best first.

    Accent- and case-insensitive; "st"/"ste" stand for "saint"/"sainte". Ties are broken by population,
    largest first, since a bigger commune is the likelier intent. Fewer than 2 characters give nothing.
    Each commune carries `matched_by` (POSTAL_CODE, INSEE_CODE or NAME): a code may be the postal code of some
    communes and the INSEE code of another, and the person must see which is which to choose.
    """
    # A control character (a NUL byte cannot even be sent to PostgreSQL) separates words like a space.
    query = CONTROL_CHARACTERS.sub(" ", query or "").strip()[:MAX_QUERY_LENGTH]
    limit = max(1, min(int(limit), settings.GEO_SEARCH_MAX_RESULTS))
    if len(query) < MIN_QUERY_LENGTH:
        return []
    compact = query.replace(" ", "").upper()
    if CODE_QUERY.fullmatch(compact):
        matches, rank, matched_by = _code_matches(compact)
        return _ranked(matches, rank, limit, matched_by)
    if compact.isdigit():
        # The start of a postal code or of an INSEE code ("420", "75").
        postal = Q(postal_codes__startswith=compact) | Q(postal_codes__contains=f" {compact}")
        matches = Commune.objects.filter(Q(code__startswith=compact) | postal)
        matched_by = Case(When(postal, then=Value(POSTAL_CODE)), default=Value(INSEE_CODE), output_field=CharField())
        return _ranked(matches, Value(OTHER), limit, matched_by)

    text, departement = _split_departement(query)
    literal, expanded = normalize(text), normalize_query(text)
    if len(literal) < MIN_QUERY_LENGTH and len(expanded) < MIN_QUERY_LENGTH:
        return []
    matches = Commune.objects.all()
    if departement:
        matches = matches.filter(departement_id=departement)
    # Each typed word must appear; an abbreviation may match as typed ("st" in "Stenay") or expanded.
    words = dict.fromkeys(zip(literal.split(), expanded.split(), strict=True))  # unique, in order
    for typed, meant in list(words)[:MAX_WORDS]:
        condition = Q(search_name__contains=typed)
        if meant != typed:
            condition |= Q(search_name__contains=meant)
        matches = matches.filter(condition)
    variants = {expanded, literal}
    rank = Case(
        When(search_name__in=variants, then=Value(EXACT)),
        When(_any_prefix(variants), then=Value(PREFIX)),
        default=Value(OTHER),
        output_field=IntegerField(),
    )
    return _ranked(matches, rank, limit, Value(NAME, output_field=CharField()))


def _any_prefix(variants):
    condition = Q()
    for variant in variants:
        condition |= Q(search_name__startswith=variant)
    return condition


def reference_geography_loaded():
    """Whether `teletravail geo load` has been run: without communes, no search can find anything."""
    return Commune.objects.exists()


def commune_by_code(code):
    """The commune with this INSEE code (any case, surrounding spaces ignored), or None."""
    code = (code or "").strip().upper()
    if not CODE_QUERY.fullmatch(code):
        return None
    return Commune.objects.select_related(*DETAIL_RELATIONS).filter(code=code).first()


@dataclass(frozen=True)
class CommuneResolution:
    """What a typed text means: one `commune`, or several `candidates` to choose from, or nothing known.

    Each candidate carries `matched_by` (POSTAL_CODE, INSEE_CODE or NAME), so that a choice can say « code postal »
    or « code INSEE »."""

    text: str
    candidates: tuple = ()

    @property
    def commune(self):
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self):
        return len(self.candidates) > 1

    @property
    def unknown(self):
        return not self.candidates


def resolve_commune(text):
    """The communes meant by what a person typed (a form without JavaScript, a cell of an import file).

    A five-digit code is a postal code or an INSEE code: every commune it may mean is a candidate (69100 is the
    postal code of Villeurbanne and the INSEE code of Irigny), so that nothing is chosen silently. A name must be
    exact ("Lyon") or the widget's label ("Saint-Étienne (42)"); homonyms are candidates too.
    """
    text = CONTROL_CHARACTERS.sub(" ", text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return CommuneResolution(text)
    compact = text.replace(" ", "").upper()
    if len(compact) == 4 and compact.isdigit():
        compact = "0" + compact  # a spreadsheet dropped the leading zero of 01053 or 01400
    if CODE_QUERY.fullmatch(compact):
        matches, rank, matched_by = _code_matches(compact)
        found = _ranked(matches.select_related(*DETAIL_RELATIONS), rank, settings.GEO_MAX_CANDIDATES, matched_by)
        return CommuneResolution(text, tuple(found))
    name, departement = _split_departement(text)
    candidates = Commune.objects.filter(search_name__in={normalize(name), normalize_query(name)})
    if departement:
        candidates = candidates.filter(departement_id=departement)
    by_name = Value(NAME, output_field=CharField())
    found = _ranked(candidates.select_related(*DETAIL_RELATIONS), Value(EXACT), settings.GEO_MAX_CANDIDATES, by_name)
    return CommuneResolution(text, tuple(found))


def commune_from_input(text):
    """The commune meant by what a person typed, when only one commune fits (see `resolve_commune`), else None."""
    return resolve_commune(text).commune


class MissingCoordinates(ValueError):
    """A commune of the reference data has no centroid (4 communes re-established in 2026)."""

    def __init__(self, commune):
        self.commune = commune
        super().__init__(
            _(
                "La commune %(name)s (%(code)s) n'a pas de coordonnées dans les données de référence : "
                "la distance ne peut pas être calculée."
            )
            % {"name": commune.name, "code": commune.code}
        )


@dataclass(frozen=True)
class CommuneDistance:
    origin: Commune
    destination: Commune
    estimate: RoadDistanceEstimate


def distance_between(origin, destination, when=None):
    """Great-circle and estimated road distance between two communes' centroids (parameters in force on `when`)."""
    for commune in (origin, destination):
        if commune.latitude is None or commune.longitude is None:
            raise MissingCoordinates(commune)
    estimate = road_distance_estimate(
        origin.latitude, origin.longitude, destination.latitude, destination.longitude, when=when
    )
    return CommuneDistance(origin, destination, estimate)


def commune_labels(codes):
    """code INSEE → « Name (département) » for the codes known to the reference; unknown codes are absent."""
    return {commune.code: commune.label for commune in Commune.objects.filter(code__in=list(codes))}


# A zone already written as the territory simulator reads it: france, reg:84, dep:01, epci:SIREN, communes:A,B.
AREA_SPEC = re.compile(r"\s*(france|(reg|dep|epci|communes)\s*:.*)", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Area:
    """A zone of the territory simulator: `code` as the simulator reads it (« dep:01 »), `label` as people read it."""

    code: str
    label: str
    name: str
    population: int = 0


def _areas():
    """France, the régions, the départements and the EPCI of the reference geography, in that order."""
    yield Area("france", _("France entière"), "France")
    for code, name, population in Region.objects.values_list("code", "name", "population"):
        yield Area(f"reg:{code}", _("%(name)s (région)") % {"name": name}, name, population)
    for code, name, population in Departement.objects.values_list("code", "name", "population"):
        yield Area(f"dep:{code}", f"{name} ({code})", name, population)
    for siren, name, population in Epci.objects.values_list("siren", "name", "population"):
        yield Area(f"epci:{siren}", _("%(name)s (EPCI)") % {"name": name}, name, population)


def search_areas(query, limit=10):
    """Zones whose name matches `query` (accent- and case-insensitive; a département or région code too), best
    first: exact name, then name start, then a word of the name; within a rank, France, régions, départements,
    then EPCI by population. About 1,400 zones in all: they are compared here rather than indexed."""
    query = CONTROL_CHARACTERS.sub(" ", query or "").strip()[:MAX_QUERY_LENGTH]
    limit = max(1, min(int(limit), settings.GEO_SEARCH_MAX_RESULTS))
    wanted = normalize_query(query)
    if len(query) < MIN_QUERY_LENGTH or not wanted:
        return []
    code = query.upper()
    ranked = []
    for order, area in enumerate(_areas()):
        name = normalize_query(area.name)
        if name == wanted or area.code.split(":")[-1] == code:
            rank = EXACT
        elif name.startswith(wanted):
            rank = PREFIX
        elif f" {wanted}" in f" {name}":
            rank = OTHER
        else:
            continue
        ranked.append((rank, area.code.split(":")[0] == "epci", -area.population if order else 0, order, area))
    return [entry[-1] for entry in sorted(ranked, key=lambda entry: entry[:4])[:limit]]


def area_from_input(text):
    """The zones meant by what a person typed: a zone already written as the simulator reads it (checked by the
    simulator itself), the label of a zone (« Ain (01) »), or its name. One zone when unambiguous; several when
    zones share the name (the person chooses); none when nothing matches."""
    text = CONTROL_CHARACTERS.sub(" ", text or "").strip()
    if not text:
        return []
    areas = list(_areas())
    if AREA_SPEC.fullmatch(text):
        compact = text.lower().replace(" ", "")
        known = [area for area in areas if area.code.lower() == compact]
        return known or [Area(text, text, text)]
    wanted = normalize_query(text)
    by_label = [area for area in areas if normalize_query(area.label) == wanted]
    return by_label or [area for area in areas if normalize_query(area.name) == wanted]
