"""What the places directory tells people: moderators, that a place waits for them; an operator, what a moderator
decided on their place (its record, or its quality-charter assessment), with the reason, and that a new version of
the quality charter asks them to re-assess it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text
from teletravail.apps.places.models import Decision


PLACE_TO_MODERATE = register_kind(
    "place_to_moderate", gettext_lazy("Un lieu de télétravail attend votre modération"), 60
)
PLACE_MODERATED = register_kind(
    "place_moderated", gettext_lazy("Un modérateur a décidé sur votre lieu de télétravail ou sa charte qualité"), 61
)
PLACE_CHARTER_TO_REASSESS = register_kind(
    "place_charter_to_reassess",
    gettext_lazy("Une nouvelle version de la charte qualité demande de réévaluer votre lieu de télétravail"),
    62,
)

# The operator's notice of each decision on their place's record, and on its charter assessment.
_RECORD_TITLES = {
    Decision.APPROVED: gettext_noop("« %(name)s » : votre fiche est approuvée et publiée"),
    Decision.CHANGES_REQUESTED: gettext_noop("« %(name)s » : le modérateur vous demande des modifications"),
    Decision.REJECTED: gettext_noop("« %(name)s » : votre fiche est refusée"),
}
_CHARTER_TITLES = {
    Decision.APPROVED: gettext_noop("« %(name)s » : votre charte qualité %(version)s est approuvée"),
    Decision.CHANGES_REQUESTED: gettext_noop(
        "« %(name)s » : le modérateur vous demande de compléter votre charte qualité %(version)s"
    ),
    Decision.REJECTED: gettext_noop("« %(name)s » : votre charte qualité %(version)s est refusée"),
}
_REASON = gettext_noop("Raison donnée par le modérateur : %(reason)s")


def _decision_body(decision, reason):
    return Text(_REASON, {"reason": reason}) if decision != Decision.APPROVED else Text("")


def submitted(*, moderators, place, link, is_charter=False):
    """Tell the moderators that a registration, an edit or a charter assessment waits for them."""
    if is_charter:
        title = Text(gettext_noop("Charte qualité à vérifier : « %(name)s »"), {"name": place.name})
    else:
        title = Text(gettext_noop("Lieu à modérer : « %(name)s »"), {"name": place.name})
    notify(
        recipients=moderators,
        kind=PLACE_TO_MODERATE.code,
        title=title,
        body=Text(gettext_noop("Approuvez, demandez des modifications ou refusez, avec la raison.")),
        link=link,
    )


def record_decided(revision):
    """Tell the place's operator what the moderator decided on their record."""
    place = revision.place
    notify(
        recipients=[place.operator],
        kind=PLACE_MODERATED.code,
        title=Text(_RECORD_TITLES[revision.decision], {"name": place.name}),
        body=_decision_body(revision.decision, revision.reason),
        link=reverse("places:mine"),
    )


def charter_decided(assessment):
    """Tell the place's operator what the moderator decided on their charter assessment."""
    place = assessment.place
    notify(
        recipients=[place.operator],
        kind=PLACE_MODERATED.code,
        title=Text(_CHARTER_TITLES[assessment.decision], {"name": place.name, "version": assessment.version}),
        body=_decision_body(assessment.decision, assessment.reason),
        link=reverse("places:charter", kwargs={"place_id": place.pk}),
    )


def charter_reassessment_asked(place, version):
    """Tell the operator of a place labelled under an older version of the quality charter that `version` is in
    force: the badge says « à réévaluer » until a moderator approves an assessment against it."""
    values = {"name": place.name, "old": place.charter_version, "version": version}
    notify(
        recipients=[place.operator],
        kind=PLACE_CHARTER_TO_REASSESS.code,
        title=Text(
            gettext_noop("« %(name)s » : la charte qualité %(version)s est en vigueur, réévaluez votre lieu"), values
        ),
        body=Text(
            gettext_noop(
                "Votre lieu est labellisé selon la charte qualité %(old)s : son label est affiché « à réévaluer » "
                "jusqu'à ce qu'un modérateur approuve votre auto-évaluation selon la version %(version)s."
            ),
            values,
        ),
        link=reverse("places:charter", kwargs={"place_id": place.pk}),
    )
