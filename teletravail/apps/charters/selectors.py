"""Reads of the charter pages: who may see or edit what, the pre-filled options, the engine's verdict on options,
and the procedure status the journey shows."""

import copy
import json
import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teletravail.apps.charters.models import CharterDocument, CharterVersion
from teletravail.apps.diagnostic import selectors as diagnostic
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner import selectors as planner
from teletravail.charter.assembly import assemble
from teletravail.charter.errors import CharterInputError
from teletravail.charter.options import defaults_mapping, parse_options
from teletravail.charter.text import french_amount
from teletravail.parameters import load_parameters


_PROBLEM = re.compile(r"^« (?P<path>[\w.]+) » : (?P<message>.*)$", re.DOTALL)


# --- Access ------------------------------------------------------------------------------------------------------


def charter_access(user, organisation_id):
    """Members and consultants with access reach the pages (404 for anyone else)."""
    return organisation_access(user, organisation_id)


def can_edit(access):
    return access.is_employer_admin


def can_read_drafts(access):
    """The employer admin and a consultant helping them see every version; other members the adopted one only."""
    return access.is_employer_admin or access.via_consultant_access


def documents(access):
    return CharterDocument.objects.filter(organisation=access.organisation).select_related("adopted_version")


def document_of(access, document_id, *, edit=False):
    document = get_object_or_404(documents(access), pk=document_id)
    if edit and not can_edit(access):
        raise PermissionDenied
    return document


def latest_version(document):
    return document.versions.order_by("-number").first()


def version_of(access, document, number):
    """A version the user may read: any for those who read drafts, the adopted one for the others (403)."""
    version = get_object_or_404(CharterVersion, document=document, number=number)
    if not can_read_drafts(access) and version.pk != document.adopted_version_id:
        raise PermissionDenied
    return version


# The charter pages whose files a job renders, and their access functions, checked again at each download.
VERSION_PAGE = "charters.version"
CHECKER_PAGE = "charters.checker"
NOTICE_PAGE = "charters.exceptional_notice"


def readable_version(user, organisation_id, document_id, number):
    """(access, document, version) of a version's page, download and annexes: see `version_of`."""
    access = charter_access(user, organisation_id)
    document = document_of(access, document_id)
    return access, document, version_of(access, document, number)


def checker_access(user, organisation_id):
    """The checker of an existing document and its report: those who read drafts."""
    access = charter_access(user, organisation_id)
    if not can_read_drafts(access):
        raise PermissionDenied
    return access


def notice_access(user, organisation_id):
    """The notice of telework in exceptional circumstances: those who manage the organisation."""
    return charter_access(user, organisation_id).require("can_manage_organisation")


def versions(document):
    return document.versions.select_related("created_by").order_by("-number")


# --- Options -----------------------------------------------------------------------------------------------------


def plain(options):
    """A JSON-compatible deep copy (the engine's defaults are shared)."""
    return json.loads(json.dumps(options, default=str))


def planner_rules(organisation):
    """(telework days a week, anchor day, fixed days) of the latest published plan; None when there is none."""
    plan = planner.published_plans(organisation).order_by("-published_at", "-pk").first()
    if plan is None:
        return None
    return plan.max_telework_days_per_week, plan.anchor_days > 0, plan.fixed_days


def site_names(organisation):
    return list(organisation.sites.order_by("name").values_list("name", flat=True))


def prefill(organisation, sector, document_type):
    """Options for a new document: the engine's defaults of the sector, the organisation's name and sites, the rules
    of its published plans and the activities its diagnostic deems teleworkable. Whether there is a CSE stays
    unanswered (None): the person answers it, it is never inferred from the headcount."""
    options = plain(copy.deepcopy(defaults_mapping(sector)))
    options["document_type"] = document_type
    options["organisation"]["name"] = organisation.name
    sites = site_names(organisation)
    if sites:
        # The scope is a template of the engine ({org}): braces in a site's name are escaped.
        names = ", ".join(name.replace("{", "{{").replace("}", "}}") for name in sites)
        options["scope"] += f", affectés aux sites suivants : {names}"
    rules = planner_rules(organisation)
    if rules is not None:
        days, anchor_day, fixed_days = rules
        if days is not None:
            options["rhythm"]["basis"] = "semaine"
            options["rhythm"]["telework_days"] = days
        options["rhythm"]["team_day"] = anchor_day
        if fixed_days:
            # The same days every week: no volume of floating days on top of them.
            options["rhythm"]["floating_days_per_year"] = 0
    activities = diagnostic.eligible_activities(organisation)
    if activities:
        options["eligibility"]["activities"] = list(activities)
    return options


def draft_of(document):
    """The options being edited: the draft, else the latest version's."""
    if document.draft:
        return plain(document.draft)
    version = latest_version(document)
    return (
        plain(version.options) if version else prefill(document.organisation, document.sector, document.document_type)
    )


def problems_by_path(error):
    """[(dotted option path or None, message)] of a CharterInputError."""
    rows = []
    for problem in error.problems:
        match = _PROBLEM.match(problem)
        rows.append((match["path"], match["message"]) if match else (None, problem))
    return rows


@dataclass(frozen=True)
class Verdict:
    """The engine's answer on options: input problems (the options cannot be read), else the assembled charter."""

    problems: tuple = ()  # (path, message)
    charter: object = None

    @property
    def findings(self):
        """The engine's findings, their messages in the active language."""
        language = get_language()
        return tuple(finding.in_language(language) for finding in self.charter.findings) if self.charter else ()

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == "erreur"]

    @property
    def warnings(self):
        return [finding for finding in self.findings if finding.severity == "avertissement"]

    @property
    def suggestions(self):
        return [finding for finding in self.findings if finding.severity == "suggestion"]


def assess(options, when=None):
    try:
        charter_options = parse_options(plain(options))
    except CharterInputError as error:
        return Verdict(problems=tuple(problems_by_path(error)))
    return Verdict(charter=assemble(charter_options, when=when or timezone.localdate()))


def charter_of(version):
    """The version's document, assembled with the rules and parameters of the day it was saved."""
    return assemble(parse_options(plain(version.options)), when=version.rules_date)


def allowance_ceilings(sector, when=None):
    """Lines stating the exemption ceilings (private) or the public forfait in force, with their source."""
    when = when or timezone.localdate()
    parameters = load_parameters("charter")

    def amount(name):
        return french_amount(parameters[name].at(when).central)

    if sector == "public":
        source = parameters["public_forfait.per_day"].source_at(when)
        lines = [
            _("Forfait télétravail %(year)d : %(per_day)s par jour, dans la limite de %(per_year)s par an.")
            % {
                "year": when.year,
                "per_day": amount("public_forfait.per_day"),
                "per_year": amount("public_forfait.per_year_cap"),
            }
        ]
    else:
        source = parameters["private_allowance.per_day.no_agreement"].source_at(when)
        lines = []
        for suffix, who in (
            ("no_agreement", _("fixée par l'employeur")),
            ("branch_or_group_agreement", _("fixée par un accord de branche ou de groupe")),
        ):
            lines.append(
                _(
                    "Plafonds d'exonération %(year)d, allocation %(who)s : %(per_day)s par jour dans la limite de "
                    "%(per_month)s par mois, ou %(per_weekly_day)s par mois et par jour de télétravail hebdomadaire."
                )
                % {
                    "year": when.year,
                    "who": who,
                    "per_day": amount(f"private_allowance.per_day.{suffix}"),
                    "per_month": amount(f"private_allowance.per_month.{suffix}"),
                    "per_weekly_day": amount(f"private_allowance.per_weekly_day.{suffix}"),
                }
            )
    source_line = _("Source : %(title)s") % {"title": source.title}
    lines.append(source_line + (_(" (montant à vérifier).") if source.to_verify else "."))
    return lines


# --- Procedure (journey step 3) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureStatus:
    document_id: int
    drafted: bool  # a version exists
    compliant: bool  # latest version has no error finding
    needs_cse: bool
    cse_consulted: bool
    employees_informed: bool
    needs_signature: bool  # agreement documents
    signed: bool
    adopted_on: date | None  # an agreement once signed, a charter once the employees are informed
    cse_meeting_date: date | None = None  # planned; the opinion (cse_consulted) is what counts


def procedure_status(organisation):
    """The procedure of the organisation's latest document with a version (a document just started does not hide
    the one being adopted), else of its latest document; None when it has none."""
    documents = CharterDocument.objects.filter(organisation=organisation)
    document = documents.filter(versions__isnull=False).distinct().first() or documents.first()
    if document is None:
        return None
    version = latest_version(document)
    return ProcedureStatus(
        document_id=document.pk,
        drafted=version is not None,
        compliant=version is not None and version.error_count == 0,
        needs_cse=document.needs_cse,
        cse_consulted=document.cse_opinion_date is not None,
        employees_informed=document.employees_informed_date is not None,
        needs_signature=document.needs_signature,
        signed=document.signed_date is not None,
        adopted_on=document.signed_date if document.needs_signature else document.employees_informed_date,
        cse_meeting_date=document.cse_meeting_date if document.needs_cse else None,
    )


# --- Exceptional circumstances -----------------------------------------------------------------------------------


def exceptional_switch(organisation):
    """The switch that put the organisation in the planner's exceptional mode; None in the normal mode."""
    switch = planner.last_mode_switch(organisation)
    return switch if switch is not None and switch.exceptional else None


def review_date(status):
    """The six-month review's date: a fixed span after the charter or agreement was adopted; None before that."""
    if status is None or status.adopted_on is None:
        return None
    months = load_parameters("journey")["review.months_after_adoption"].at(status.adopted_on).central
    return status.adopted_on + relativedelta(months=int(months))
