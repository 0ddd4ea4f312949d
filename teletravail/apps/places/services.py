"""Writes of the places directory: imports from the sources, and undoing a merge.

An import reads and checks the whole file first (a file that cannot be read writes nothing), then writes every
accepted row in one transaction: a failure rolls the whole import back. Importing the same file again changes
nothing; a row whose source record is already known updates its place.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teletravail.apps.geo.models import Commune
from teletravail.apps.organisations.validators import siret_is_valid
from teletravail.apps.places import notices
from teletravail.apps.places.models import (
    CharterAssessment,
    Decision,
    Place,
    PlaceMerge,
    PlaceOffer,
    PlaceRevision,
    PlaceSource,
    PlaceStatus,
)
from teletravail.apps.places.selectors import can_moderate, moderators
from teletravail.places.matching import Candidate, DuplicateFinder, names_match
from teletravail.places.position import (
    FAR_FROM_COMMUNE,
    OUT_OF_RANGE,
    OUTSIDE_FRANCE,
    SWAPPED,
    CentreIndex,
    CommuneCentre,
    commune_at,
    position_problem,
)
from teletravail.places.quality import EVIDENCE_MAX_LENGTH, evidence_problems, load_charter
from teletravail.places.record import Offer, PlaceRecord, checked_record


# The fields a source record gives its place (the same names on PlaceRecord and Place).
RECORD_FIELDS = (
    "name",
    "kind",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "siret",
    "website",
    "phone",
    "email",
    "opening_hours",
    "services",
    "accessibility",
    "acceslibre_url",
    "description",
    "booking_url",
    "labels",
    "desks",
    "meeting_rooms",
    "verified_on",
)
# Fields a merged record may fill in on the place it joins (never its name, kind or position).
# What an emptied field holds (text fields hold "").
EMPTY_VALUES = {
    "services": [],
    "accessibility": [],
    "labels": [],
    "desks": None,
    "meeting_rooms": None,
    "verified_on": None,
}
FILLABLE_FIELDS = tuple(name for name in RECORD_FIELDS if name not in ("name", "kind", "latitude", "longitude"))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    rejected: list = field(default_factory=list)  # (where, reasons)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged + self.merged + len(self.rejected)


def record_data(record):
    """The record as JSON-compatible data, stored with its source and compared on the next import."""

    def plain(value):
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, tuple | list):
            return [plain(item) for item in value]
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        return value

    return plain(dataclasses.asdict(record))


def record_from_data(data):
    values = dict(data)
    values["verified_on"] = date.fromisoformat(data["verified_on"]) if data.get("verified_on") else None
    for name in ("services", "accessibility", "labels"):
        values[name] = tuple(data.get(name) or ())
    values["offers"] = tuple(
        Offer(
            offer["kind"],
            offer["price_excl_vat_cents"],
            Decimal(offer["vat_rate_percent"]) if offer["vat_rate_percent"] is not None else None,
            offer["capacity"],
        )
        for offer in data.get("offers") or ()
    )
    return PlaceRecord(**values)


def _field_value(record, name):
    value = getattr(record, name)
    return list(value) if isinstance(value, tuple) else value


def _empty(value):
    return value in (None, "", [], ())


def _set_offers(place, offers):
    place.offers.all().delete()
    PlaceOffer.objects.bulk_create(_offer_of(place, offer) for offer in offers)


def _place_from(record):
    return Place(
        commune_id=record.commune_code,
        source=record.source,
        licence=record.licence,
        **{name: _field_value(record, name) for name in RECORD_FIELDS},
    )


def _offer_of(place, offer):
    return PlaceOffer(
        place=place,
        kind=offer.kind,
        price_excl_vat_cents=offer.price_excl_vat_cents,
        vat_rate_percent=offer.vat_rate_percent,
        capacity=offer.capacity,
    )


def _position_message(problem, record, commune):
    values = {"lat": record.latitude, "lon": record.longitude, "commune": commune.name, "code": commune.code}
    return {
        SWAPPED: _("Latitude et longitude inversées (%(lat)s, %(lon)s) : le point inversé est dans la commune.")
        % values,
        OUTSIDE_FRANCE: _("Coordonnées hors de France (%(lat)s, %(lon)s).") % values,
        OUT_OF_RANGE: _("Coordonnées impossibles (%(lat)s, %(lon)s).") % values,
        FAR_FROM_COMMUNE: _("Coordonnées (%(lat)s, %(lon)s) trop loin de la commune %(commune)s (%(code)s).") % values,
    }[problem]


def commune_centres():
    """INSEE code → CommuneCentre of every commune with coordinates."""
    centres = Commune.objects.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "code", "name", "latitude", "longitude", "area_km2"
    )
    return {values[0]: CommuneCentre(*values) for values in centres}


def centre_index(centres):
    # A point of Paris, Lyon or Marseille is given its arrondissement, whose centre is the nearer.
    divided = set(Commune.objects.filter(kind="ARM").values_list("parent_id", flat=True))
    return CentreIndex(centre for code, centre in centres.items() if code not in divided)


class _LazyCentreIndex:
    """The index of every commune centre, built on first use: checking one place rarely needs it."""

    def __init__(self):
        self.index = None

    def nearest(self, *args, **kwargs):
        if self.index is None:
            self.index = centre_index(commune_centres())
        return self.index.nearest(*args, **kwargs)


def place_problems(record, commune):
    """What is wrong with one place typed in a form (the checks of the import): French messages, empty when fine."""
    record, problems = checked_record(record)
    if commune.latitude is not None and record.latitude is not None and record.longitude is not None:
        centre = CommuneCentre(commune.code, commune.name, commune.latitude, commune.longitude, commune.area_km2)
        problem = position_problem(record.latitude, record.longitude, centre, _LazyCentreIndex())
        if problem:
            problems.append(_position_message(problem, record, centre))
    if record.siret and not siret_is_valid(record.siret):
        problems.append(_("SIRET invalide « %(siret)s » (14 chiffres, clé de contrôle).") % {"siret": record.siret})
    return record, problems


class _Importer:
    def __init__(self, progress):
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport()
        self.communes = commune_centres()
        self.index = centre_index(self.communes)
        self.known = {(entry.source, entry.source_id): entry for entry in PlaceSource.objects.select_related("place")}
        self.places_by_source = defaultdict(set)
        for place_id, source in PlaceSource.objects.values_list("place_id", "source"):
            self.places_by_source[source].add(place_id)
        self.finder = DuplicateFinder(
            Candidate(pk, name, latitude, longitude)
            for pk, name, latitude, longitude in Place.objects.values_list("pk", "name", "latitude", "longitude")
        )
        self.seen = set()
        self.pending = []

    def commune_problem(self, record):
        """(commune code, problems) of a checked record."""
        if record.latitude is None or record.longitude is None:
            return None, []
        if record.commune_code:
            commune = self.communes.get(record.commune_code)
            if commune is None:
                return None, [_("Commune inconnue : code INSEE « %(code)s ».") % {"code": record.commune_code}]
            problem = position_problem(record.latitude, record.longitude, commune, self.index)
            return commune.code, [_position_message(problem, record, commune)] if problem else []
        commune = commune_at(record.latitude, record.longitude, self.index)
        if commune is None:
            values = {"lat": record.latitude, "lon": record.longitude}
            return None, [_("Aucune commune française près de ces coordonnées (%(lat)s, %(lon)s).") % values]
        return commune.code, []

    def run(self, rows):
        rows = list(rows)  # every row is read before anything is written
        for done, row in enumerate(rows, start=1):
            self.one(row)
            self.progress(done, len(rows))
        self.flush()
        return self.report

    def one(self, row):
        if row.record is None:
            self.report.rejected.append((row.where, list(row.problems)))
            return
        record, problems = checked_record(row.record)
        problems = list(row.problems) + problems
        commune_code, position_problems = self.commune_problem(record)
        problems += position_problems
        if record.siret and not siret_is_valid(record.siret):
            problems.append(
                _("SIRET invalide « %(siret)s » (14 chiffres, clé de contrôle).") % {"siret": record.siret}
            )
        key = (record.source, record.source_id)
        if key in self.seen:
            problems.append(_("Identifiant « %(id)s » en double dans le fichier.") % {"id": record.source_id})
        if problems:
            self.report.rejected.append((row.where, problems))
            return
        self.seen.add(key)
        record = dataclasses.replace(record, commune_code=commune_code)
        known = self.known.get(key)
        if known is not None:
            self.update(known, record)
            return
        match = self.finder.find(record.name, record.latitude, record.longitude, self.places_by_source[record.source])
        if match is not None:
            self.merge(Place.objects.get(pk=match.key), record, match)
        else:
            self.create(record)

    def create(self, record):
        # Written together at the end (`flush`): a file is one source, and records of one source are never merged
        # with each other, so a place created by this import is no candidate for the rows that follow.
        self.pending.append(record)
        self.report.created += 1

    def flush(self):
        places = Place.objects.bulk_create(_place_from(record) for record in self.pending)
        PlaceSource.objects.bulk_create(
            PlaceSource(
                place=place,
                source=record.source,
                source_id=record.source_id,
                licence=record.licence,
                data=record_data(record),
            )
            for place, record in zip(places, self.pending, strict=True)
        )
        PlaceOffer.objects.bulk_create(
            _offer_of(place, offer)
            for place, record in zip(places, self.pending, strict=True)
            for offer in record.offers
        )

    def update(self, entry, record):
        data = record_data(record)
        if entry.data == data:
            self.report.unchanged += 1
            return
        place = entry.place
        if place.source == record.source:
            for name in RECORD_FIELDS:
                setattr(place, name, _field_value(record, name))
                place.field_sources.pop(name, None)
            place.commune_id = record.commune_code
            place.licence = record.licence
            _set_offers(place, record.offers)
        else:
            _fill(place, record)
        place.updated_at = timezone.now()
        place.save()
        entry.data = data
        entry.licence = record.licence
        entry.imported_at = timezone.now()
        entry.save()
        self.report.updated += 1

    def merge(self, place, record, match):
        filled = _fill(place, record)
        place.updated_at = timezone.now()
        place.save()
        entry = PlaceSource.objects.create(
            place=place,
            source=record.source,
            source_id=record.source_id,
            licence=record.licence,
            data=record_data(record),
        )
        PlaceMerge.objects.create(
            place=place,
            merged_source=entry,
            distance_m=round(match.distance_km * 1000),
            name_similarity=round(match.similarity),
            filled_fields=filled,
        )
        self.known[(record.source, record.source_id)] = entry
        self.places_by_source[record.source].add(place.pk)
        self.report.merged += 1


def _fill(place, record):
    """Fill the place's empty fields from another source's record; the names of the fields filled."""
    filled = []
    for name in FILLABLE_FIELDS:
        value = _field_value(record, name)
        if _empty(getattr(place, name)) and not _empty(value):
            setattr(place, name, value)
            place.field_sources[name] = {"source": record.source, "licence": record.licence}
            filled.append(name)
    if record.offers and not place.offers.exists():
        _set_offers(place, record.offers)
        filled.append("offers")
    return filled


def import_places(rows, *, progress=None):
    """Import the rows of a reader (teletravail.places.readers) in one transaction; the ImportReport.

    `progress(done, total)` is called after each row."""
    with transaction.atomic():
        return _Importer(progress).run(rows)


@transaction.atomic
def undo_merge(merge):
    """Give the merged record its own place again and empty the fields it had filled on the place it joined."""
    place = Place.objects.select_for_update().get(pk=merge.place_id)
    entry = merge.merged_source
    record = record_from_data(entry.data)
    for name in merge.filled_fields:
        if name == "offers":
            place.offers.all().delete()
        elif place.field_sources.get(name, {}).get("source") == record.source:
            setattr(place, name, EMPTY_VALUES.get(name, ""))
            place.field_sources.pop(name, None)
    place.updated_at = timezone.now()
    place.save()
    own = _place_from(record)
    own.save()
    _set_offers(own, record.offers)
    entry.place = own
    entry.save()
    merge.undone_at = timezone.now()
    merge.save()
    return own


# Places registered by their operator: our own records, published under the Licence Ouverte once a moderator
# approved them.
OPERATOR = "operator"
OPERATOR_LICENCE = "Licence Ouverte 2.0"


def _checked(record, commune):
    record, problems = place_problems(dataclasses.replace(record, commune_code=commune.code), commune)
    if problems:
        raise ValidationError([ValidationError(problem) for problem in problems])
    return record


def _apply(place, record):
    for name in RECORD_FIELDS:
        setattr(place, name, _field_value(record, name))
    place.commune_id = record.commune_code
    place.field_sources = {}
    _set_offers(place, record.offers)


@transaction.atomic
def register_place(*, operator, record, commune):
    """A place registered by its operator: stored unpublished, with its first revision waiting for a moderator."""
    record = _checked(dataclasses.replace(record, source=OPERATOR, licence=OPERATOR_LICENCE), commune)
    if not record.siret:
        raise ValidationError(_("Indiquez le SIRET de l'exploitant du lieu."))
    twins = Place.objects.filter(siret=record.siret, commune=commune).exclude(status=PlaceStatus.REJECTED)
    if any(names_match(twin.name, record.name) for twin in twins):
        raise ValidationError(
            _("Ce lieu est déjà inscrit (même SIRET, même commune, nom proche) : modifiez sa fiche plutôt."),
            code="duplicate",
        )
    place = _place_from(record)
    place.status = PlaceStatus.PENDING
    place.operator = operator
    place.verified_on = None
    place.save()
    _set_offers(place, record.offers)
    revision = PlaceRevision.objects.create(place=place, author=operator, data=record_data(record))
    _tell_moderators(revision)
    return revision


@transaction.atomic
def propose_change(*, place, author, record, commune):
    """An edit of a place by its operator, moderated again: a published place keeps showing its approved version
    until a moderator approves the new one; an unpublished one shows the new version to the moderator at once."""
    place = Place.objects.select_for_update().get(pk=place.pk)
    record = _checked(dataclasses.replace(record, source=OPERATOR, licence=OPERATOR_LICENCE), commune)
    # One proposal waits at a time: a newer one replaces it.
    place.revisions.filter(decision=Decision.PENDING).delete()
    if place.status != PlaceStatus.PUBLISHED:
        _apply(place, record)
        place.status = PlaceStatus.PENDING
        place.updated_at = timezone.now()
        place.save()
    revision = PlaceRevision.objects.create(place=place, author=author, data=record_data(record))
    _tell_moderators(revision)
    return revision


@transaction.atomic
def moderate(*, revision, moderator, decision, reason=""):
    """The moderator's decision on a waiting revision; changes asked and refusals say why."""
    revision, reason = _waiting(PlaceRevision, revision, moderator, decision, reason)
    place = revision.place
    published = place.status == PlaceStatus.PUBLISHED
    if decision == Decision.APPROVED:
        _apply(place, record_from_data(revision.data))
        place.status = PlaceStatus.PUBLISHED
        place.source, place.licence = OPERATOR, OPERATOR_LICENCE
        place.verified_on = timezone.localdate()
    elif not published:
        place.status = (
            PlaceStatus.CHANGES_REQUESTED if decision == Decision.CHANGES_REQUESTED else PlaceStatus.REJECTED
        )
    place.updated_at = timezone.now()
    place.save()
    _record_decision(revision, moderator, decision, reason)
    notices.record_decided(revision)
    return revision


def _waiting(model, item, moderator, decision, reason):
    """The waiting revision or assessment `item` of `model`, locked, and the reason of the moderator's decision on
    it. Only a moderator decides (checked here too, not only by the view: the service is the door every caller goes
    through), once."""
    if not can_moderate(moderator):
        raise PermissionDenied
    item = model.objects.select_for_update().select_related("place").get(pk=item.pk)
    if item.decision != Decision.PENDING:
        raise ValidationError(_("Cette proposition a déjà été traitée."))
    return item, _checked_decision(decision, reason)


def _record_decision(item, moderator, decision, reason):
    item.decision = decision
    item.reason = reason
    item.moderator = moderator
    item.decided_at = timezone.now()
    item.save()


def _checked_decision(decision, reason):
    """The reason of a moderator's decision, stripped; changes asked and refusals must say why."""
    reason = (reason or "").strip()
    if decision in (Decision.CHANGES_REQUESTED, Decision.REJECTED) and not reason:
        raise ValidationError(_("Indiquez la raison : l'exploitant la lira pour corriger ou comprendre."))
    if decision not in (Decision.APPROVED, Decision.CHANGES_REQUESTED, Decision.REJECTED):
        raise ValidationError(_("Décision inconnue."))
    return reason


def charter_in_force():
    """The version of the quality charter in force today."""
    version = load_charter().in_force(timezone.localdate())
    if version is None:
        raise ValidationError(_("Aucune version de la charte qualité n'est encore publiée."))
    return version


@transaction.atomic
def submit_charter_assessment(*, place, author, evidence):
    """The operator's self-assessment of their published place against the charter in force, with the evidence of
    each criterion ({code: text or link}); it waits for a moderator, and replaces one that was waiting."""
    place = Place.objects.select_for_update().get(pk=place.pk)
    if author is None or place.operator_id != author.pk:
        raise PermissionDenied
    if place.status != PlaceStatus.PUBLISHED:
        raise ValidationError(_("Le lieu doit être publié avant de demander le label de la charte qualité."))
    version = charter_in_force()
    if place.charter_version == version.version:
        raise ValidationError(
            _("Le lieu a déjà le label de la charte qualité %(version)s.") % {"version": version.version}
        )
    unanswered, too_long = evidence_problems(version, evidence)
    titles = {criterion.code: criterion.title_in(get_language() or "fr") for criterion in version.criteria}
    problems = [
        _("« %(criterion)s » : dites comment le lieu respecte ce critère (un texte ou un lien).")
        % {"criterion": titles[code]}
        for code in unanswered
    ] + [
        _("« %(criterion)s » : %(count)s caractères au plus.")
        % {"criterion": titles[code], "count": EVIDENCE_MAX_LENGTH}
        for code in too_long
    ]
    if problems:
        raise ValidationError([ValidationError(problem) for problem in problems])
    place.charter_assessments.filter(decision=Decision.PENDING).delete()
    assessment = CharterAssessment.objects.create(
        place=place,
        version=version.version,
        evidence={code: evidence[code].strip() for code in version.codes()},
        author=author,
    )
    link = reverse("places:moderate_charter", kwargs={"assessment_id": assessment.pk})
    notices.submitted(moderators=moderators(), place=place, link=link, is_charter=True)
    return assessment


@transaction.atomic
def decide_charter_assessment(*, assessment, moderator, decision, reason=""):
    """The moderator's decision on a waiting assessment: approved, the place's badge names its version."""
    assessment, reason = _waiting(CharterAssessment, assessment, moderator, decision, reason)
    if decision == Decision.APPROVED:
        place = assessment.place
        place.charter_version = assessment.version
        place.updated_at = timezone.now()
        place.save(update_fields=["charter_version", "updated_at"])
    _record_decision(assessment, moderator, decision, reason)
    notices.charter_decided(assessment)
    return assessment


def _tell_moderators(revision):
    link = reverse("places:moderate", kwargs={"revision_id": revision.pk})
    notices.submitted(moderators=moderators(), place=revision.place, link=link)


def ask_charter_reassessments(cutoff, now):
    """Tell the operator of each published place labelled under an older version of the quality charter than the
    one in force at `now`, once that version has been in force since `cutoff`, to re-assess it: one notice per place
    and version, however often this runs (the daily `teletravail reminders send`). Places whose assessment against
    the version in force already waits for a moderator are not told. Returns how many operators were told."""
    version = load_charter().in_force(timezone.localdate(now))
    if version is None or version.published_on > timezone.localdate(cutoff):
        return 0
    waiting = CharterAssessment.objects.filter(
        place=OuterRef("pk"), version=version.version, decision=Decision.PENDING
    )
    due = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, operator__is_active=True)
        .exclude(charter_version="")
        .exclude(charter_version=version.version)
        .exclude(charter_reassessment_asked=version.version)
        .exclude(Exists(waiting))
        .select_related("operator")
    )
    told = 0
    for place in due:
        with transaction.atomic():
            # Claimed here: a run at the same time, or a second run, finds the place told and skips it.
            claimed = (
                Place.objects.filter(pk=place.pk)
                .exclude(charter_reassessment_asked=version.version)
                .update(charter_reassessment_asked=version.version)
            )
            if not claimed:
                continue
            notices.charter_reassessment_asked(place, version.version)
        told += 1
    return told
