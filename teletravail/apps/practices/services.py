"""Writes of the practices campaigns. Each runs in one transaction and raises ValidationError with a French message
when it refuses: nothing is saved then."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teletravail.apps.actionplan.models import OwnerRole
from teletravail.apps.actionplan.services import add_finding
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.conflicts import duplicates_refused
from teletravail.apps.equality import selectors as equality_selectors
from teletravail.apps.organisations.models import Role
from teletravail.apps.practices import notices, selectors
from teletravail.apps.practices.models import (
    Campaign,
    CampaignFamily,
    LinkageKey,
    Participation,
    RespondentRole,
    Response,
)
from teletravail.practices import AnswerError, check_answers, new_linkage_key


def _date(day):
    return date_format(day, "DATE_FORMAT")


def _check_dates(opens_on, closes_on):
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("La clôture doit suivre l'ouverture de la campagne.")})
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("La date de clôture est déjà passée.")})


def _check_questionnaires(questionnaire_ids):
    known = selectors.questionnaires()
    unknown = [qid for qid in questionnaire_ids if qid not in known]
    if unknown:
        raise ValidationError(_("Questionnaire inconnu : « %(ids)s ».") % {"ids": ", ".join(unknown)})
    if not questionnaire_ids:
        raise ValidationError({"questionnaires": _("Choisissez au moins un questionnaire.")})
    return [qid for qid in known if qid in set(questionnaire_ids)]


def _check_teams(access, teams):
    """A manager asks the teams they manage only; the admin any team of the organisation, or all."""
    teams = list(teams)
    if any(team.organisation_id != access.organisation.pk for team in teams):
        raise ValidationError({"teams": _("Cette équipe n'appartient pas à l'organisation.")})
    if access.is_manager:
        managed = set(access.membership.managed_teams.values_list("pk", flat=True))
        if not teams or any(team.pk not in managed for team in teams):
            raise ValidationError({"teams": _("Un manager ouvre une campagne pour les équipes qu'il encadre.")})
    return teams


def _create(*, access, actor, title, questionnaire_ids, teams, opens_on, closes_on, family, review_of, request):
    campaign = Campaign.objects.create(
        organisation=access.organisation,
        family=family,
        review_of=review_of,
        title=title,
        questionnaires=questionnaire_ids,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    campaign.teams.set(teams)
    record_event(
        AuditAction.PRACTICES_CAMPAIGN_OPENED,
        actor=actor,
        organisation=access.organisation,
        request=request,
        campaign=campaign.pk,
        title=title,
        review_of=review_of.pk if review_of else None,
    )
    notices.campaign_opened(campaign, selectors.asked_memberships(campaign), request=request)
    return campaign


@transaction.atomic
def open_campaign(*, access, actor, title, questionnaire_ids, opens_on, closes_on, teams=(), request=None):
    """A new campaign of the chosen questionnaires, with its family and the family's new linkage key; everyone it
    asks is notified."""
    if not selectors.can_open_campaigns(access):
        raise ValidationError(_("Seuls l'employeur et les managers ouvrent une campagne."))
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Donnez un intitulé à la campagne.")})
    questionnaire_ids = _check_questionnaires(questionnaire_ids)
    teams = _check_teams(access, teams)
    _check_dates(opens_on, closes_on)
    family = CampaignFamily.objects.create(organisation=access.organisation)
    LinkageKey.objects.create(family=family, key=new_linkage_key())
    return _create(
        access=access,
        actor=actor,
        title=title,
        questionnaire_ids=questionnaire_ids,
        teams=teams,
        opens_on=opens_on,
        closes_on=closes_on,
        family=family,
        review_of=None,
        request=request,
    )


@transaction.atomic
def open_review(*, access, actor, campaign, opens_on, closes_on, request=None):
    """The six-month review of a closed campaign: the same questionnaires and teams, in the same family (so that the
    pseudonyms pair up), while the family's key exists."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not selectors.can_manage(access, campaign):
        raise ValidationError(_("Seuls l'employeur et le manager qui a ouvert la campagne en font le bilan."))
    if campaign.review_of_id is not None:
        raise ValidationError(_("Cette campagne est déjà un bilan : refaites plutôt la campagne d'origine."))
    if not campaign.is_closed():
        raise ValidationError(
            _("La campagne « %(title)s » n'est pas close : son bilan s'ouvre après sa clôture.")
            % {"title": campaign.title}
        )
    if selectors.review_of_campaign(campaign) is not None:
        raise ValidationError(_("Le bilan de cette campagne est déjà ouvert."))
    keep_equality_reading(campaign)
    if selectors.linkage_key(campaign) is None:
        raise ValidationError(_("La clé de liaison de cette campagne est détruite : son bilan ne peut plus s'ouvrir."))
    _check_dates(opens_on, closes_on)
    with duplicates_refused(_("Le bilan de cette campagne est déjà ouvert.")), transaction.atomic():
        return _create(
            access=access,
            actor=actor,
            title=_("Bilan à six mois — %(title)s") % {"title": campaign.title},
            questionnaire_ids=campaign.questionnaires,
            teams=list(campaign.teams.all()),
            opens_on=opens_on,
            closes_on=closes_on,
            family=campaign.family,
            review_of=campaign,
            request=request,
        )


def _checked_answers(campaign, role, answers):
    """{questionnaire id: {item id: value}} of the items of the person's role that are answered, each value the
    item's own choice value (forms send text); the engine refuses an item or a value that does not fit."""
    checked = {}
    for questionnaire in selectors.questionnaires_of(campaign):
        given = {
            item_id: value for item_id, value in (answers.get(questionnaire.id) or {}).items() if value not in ("", [])
        }
        try:
            check_answers(questionnaire, given, role)
        except AnswerError as error:
            raise ValidationError(error.message) from error
        kept = {}
        for item_id, value in given.items():
            item = questionnaire.item(item_id)
            if item.kind == "text":
                kept[item_id] = str(value)
            elif item.kind == "multiple":
                kept[item_id] = [item.choice(one).value for one in (value if isinstance(value, list) else [value])]
            else:
                kept[item_id] = item.choice(value).value
        if kept:
            checked[questionnaire.id] = kept
    if not checked:
        raise ValidationError(_("Répondez au moins à une question avant d'envoyer."))
    return checked


@transaction.atomic
def submit_answers(*, campaign, respondent, actor, answers):
    """The respondent's answers, once (a second submission is refused: the answers are stored under a pseudonym and
    nobody can edit them afterwards, not even their author), while the campaign is open, for a member it asks, and
    by that member only. Two submissions at the same moment: the unique constraints keep one."""
    if respondent.user_id != getattr(actor, "pk", None):
        raise ValidationError(_("Vous ne pouvez répondre que pour vous-même."))
    if respondent.organisation_id != campaign.organisation_id or not selectors.is_asked(campaign, respondent):
        raise ValidationError(_("Cette campagne ne vous concerne pas : elle est ouverte à d'autres équipes."))
    today = timezone.localdate()
    if today < campaign.opens_on:
        raise ValidationError(
            _("La campagne « %(title)s » ouvre le %(date)s.")
            % {"title": campaign.title, "date": _date(campaign.opens_on)}
        )
    if campaign.is_closed(today):
        raise ValidationError(
            _("La campagne « %(title)s » est close : elle ne reçoit plus de réponses.") % {"title": campaign.title}
        )
    if selectors.has_answered(campaign, respondent):
        raise ValidationError(_("Vous avez déjà répondu à cette campagne : une seule réponse par personne."))
    key = selectors.linkage_key(campaign)
    if key is None:
        raise ValidationError(_("La clé de liaison de cette campagne est détruite : elle ne reçoit plus de réponses."))
    role = selectors.respondent_role(respondent)
    checked = _checked_answers(campaign, role, answers)
    with duplicates_refused(_("Vous avez déjà répondu à cette campagne : une seule réponse par personne.")):
        with transaction.atomic():
            Participation.objects.create(campaign=campaign, membership=respondent)
            return Response.objects.create(
                campaign=campaign,
                pseudonym=selectors.person_pseudonym(key, respondent),
                role=role,
                team=respondent.team if respondent.role != Role.EMPLOYER_ADMIN else None,
                sex=respondent.sex,
                answers=checked,
            )


@transaction.atomic
def close_campaign(*, access, actor, campaign, request=None):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not selectors.can_manage(access, campaign):
        raise ValidationError(_("Seuls l'employeur et le manager qui a ouvert la campagne la closent."))
    if campaign.is_closed():
        raise ValidationError(_("La campagne « %(title)s » est déjà close.") % {"title": campaign.title})
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])
    keep_equality_reading(campaign)
    record_event(
        AuditAction.PRACTICES_CAMPAIGN_CLOSED,
        actor=actor,
        organisation=campaign.organisation,
        request=request,
        campaign=campaign.pk,
    )
    return campaign


def keep_equality_reading(campaign):
    """The organisation's equality indicators as they stand once the campaign is closed (by hand, or its closing
    date passed: then the first time it is seen closed), kept once: a second call changes nothing. The review shows
    its first wave's beside its own."""
    if campaign.equality_reading is not None or not campaign.is_closed():
        return campaign
    record = equality_selectors.reading_record(equality_selectors.current_reading(campaign.organisation))
    # Only over no reading: two closings seen at the same moment keep the first.
    if Campaign.objects.filter(pk=campaign.pk, equality_reading__isnull=True).update(equality_reading=record):
        campaign.equality_reading = record
    else:
        campaign.refresh_from_db(fields=["equality_reading"])
    return campaign


@transaction.atomic
def destroy_linkage_key(*, access, actor, review, request=None):
    """Destroys the family's key once its review is closed, and gives each linked pair a new random pseudonym: the
    two waves still pair up for the review's figures, but nobody (not even whoever kept a copy of the key) can tie
    an answer to a person again, nor add a wave to the family."""
    review = Campaign.objects.select_for_update().select_related("family").get(pk=review.pk)
    if not selectors.can_manage(access, review):
        raise ValidationError(_("Seuls l'employeur et le manager qui a ouvert le bilan détruisent sa clé."))
    if review.review_of_id is None:
        raise ValidationError(_("La clé se détruit après le bilan à six mois, pas avant."))
    if not review.is_closed():
        raise ValidationError(_("Closez d'abord le bilan : la clé se détruit après."))
    family = review.family
    deleted, _by_model = LinkageKey.objects.filter(family=family).delete()
    if not deleted:
        raise ValidationError(_("La clé de liaison de ce bilan est déjà détruite."))
    renamed = {}
    for response in Response.objects.filter(campaign__family=family):
        response.pseudonym = renamed.setdefault(response.pseudonym, secrets.token_hex(32))
        response.save(update_fields=["pseudonym"])
    family.key_destroyed_at = timezone.now()
    family.key_destroyed_by = actor
    family.save(update_fields=["key_destroyed_at", "key_destroyed_by"])
    record_event(
        AuditAction.PRACTICES_LINKAGE_KEY_DESTROYED,
        actor=actor,
        organisation=review.organisation,
        request=request,
        campaign=review.pk,
        first_wave=review.review_of_id,
    )
    return family


def record_report(*, campaign):
    """The review report was produced (journey step 4)."""
    if campaign.report_produced_at is None:
        campaign.report_produced_at = timezone.now()
        campaign.save(update_fields=["report_produced_at"])
    return campaign


# Who carries an action: the role whose advice sheet it follows.
OWNER_ROLES = {
    RespondentRole.EMPLOYER: OwnerRole.EMPLOYER,
    RespondentRole.MANAGER: OwnerRole.MANAGERS,
    RespondentRole.EMPLOYEE: OwnerRole.EMPLOYEES,
}


def add_weak_point_action(*, access, actor, campaign, questionnaire_id, theme_id):
    """One weak point of the results turned into an action of the organisation's plan, with the advice sheet of the
    viewer's role as its detail. Refused for a theme that is not a weak point shown in the results."""
    if not selectors.can_open_campaigns(access):
        raise ValidationError(_("Seuls l'employeur et les managers ajoutent des actions au plan."))
    found = next((r for r in selectors.campaign_results(campaign) if r.questionnaire.id == questionnaire_id), None)
    finding = None
    if found is not None and any(result.theme == theme_id for result in found.weak):
        theme = selectors.theme_of(found.questionnaire, theme_id)
        sheets = selectors.advice(found.questionnaire, theme_id, access)
        title = theme.title("fr")
        if sheets:
            title = f"{title} — {sheets[0].title('fr')}"
        finding = (title, "\n\n".join(sheet.text("fr") for sheet in sheets))
    return add_finding(
        organisation=campaign.organisation,
        finding=finding,
        origin=f"practices:{campaign.pk}:{questionnaire_id}.{theme_id}",
        actor=actor,
        role=OWNER_ROLES[selectors.advice_role(access)],
        gone=_("Ce thème n'est pas un point faible des résultats de la campagne."),
    )
