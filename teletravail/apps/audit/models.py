from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGIN_THROTTLED = "login_throttled", _("Connexion bloquée (trop d'échecs)")
    LOGOUT = "logout", _("Déconnexion")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Demande de réinitialisation du mot de passe")
    PASSWORD_CHANGED = "password_changed", _("Mot de passe modifié")
    MEMBER_INVITED = "member_invited", _("Membre invité")
    MEMBER_JOINED = "member_joined", _("Invitation acceptée")
    INVITATION_CANCELLED = "invitation_cancelled", _("Invitation annulée")
    MEMBERSHIP_CHANGED = "membership_changed", _("Adhésion modifiée")
    MEMBERSHIP_REMOVED = "membership_removed", _("Adhésion retirée")
    MEMBERS_IMPORTED = "members_imported", _("Membres importés (CSV)")
    CONSENT_GRANTED = "consent_granted", _("Accès consultant accordé")
    CONSENT_REVOKED = "consent_revoked", _("Accès consultant révoqué")
    ORGANISATION_CREATED = "organisation_created", _("Organisation créée")
    ORGANISATION_CHANGED = "organisation_changed", _("Organisation modifiée")
    PLANNING_PUBLISHED = "planning_published", _("Planning d'équipe publié")
    PLANNING_MODE_CHANGED = "planning_mode_changed", _("Mode exceptionnel activé ou levé")
    DIAGNOSTIC_CAMPAIGN_CREATED = "diagnostic_campaign_created", _("Campagne de diagnostic créée")
    DIAGNOSTIC_PARTICIPANTS_INVITED = "diagnostic_participants_invited", _("Salariés invités au diagnostic")
    DIAGNOSTIC_DECISION_RECORDED = "diagnostic_decision_recorded", _("Décision partagée enregistrée (diagnostic)")
    DIAGNOSTIC_DECISION_ACCEPTED = "diagnostic_decision_accepted", _("Décision partagée acceptée par le salarié")
    DIAGNOSTIC_DECISION_CONTESTED = "diagnostic_decision_contested", _("Décision partagée contestée par le salarié")
    DIAGNOSTIC_CAMPAIGN_CLOSED = "diagnostic_campaign_closed", _("Campagne de diagnostic close")
    DIAGNOSTIC_CAMPAIGN_REOPENED = "diagnostic_campaign_reopened", _("Campagne de diagnostic rouverte")
    API_TOKEN_CREATED = "api_token_created", _("Jeton d'API créé")
    API_TOKEN_REVOKED = "api_token_revoked", _("Jeton d'API révoqué")
    API_TOKEN_USED = "api_token_used", _("Jeton d'API utilisé")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Données personnelles téléchargées")
    ACCOUNT_ERASED = "account_erased", _("Compte supprimé à la demande de son titulaire")
    ORGANISATION_EXPORTED = "organisation_exported", _("Données de l'organisation téléchargées")
    ORGANISATION_DELETED = "organisation_deleted", _("Organisation supprimée avec ses données")
    ACTION_PLAN_ITEM_CREATED = "action_plan_item_created", _("Action ajoutée au plan d'action")
    ACTION_PLAN_ITEM_CHANGED = "action_plan_item_changed", _("Action du plan d'action modifiée")
    PRACTICES_CAMPAIGN_OPENED = "practices_campaign_opened", _("Campagne sur les pratiques ouverte")
    PRACTICES_CAMPAIGN_CLOSED = "practices_campaign_closed", _("Campagne sur les pratiques close")
    PRACTICES_LINKAGE_KEY_DESTROYED = "practices_linkage_key_destroyed", _("Clé de liaison du bilan détruite")
    TELEWORK_REQUEST_SUBMITTED = "telework_request_submitted", _("Demande de télétravail déposée")
    TELEWORK_REQUEST_WITHDRAWN = "telework_request_withdrawn", _("Demande de télétravail retirée")
    TELEWORK_REQUEST_GRANTED = "telework_request_granted", _("Demande de télétravail accordée")
    TELEWORK_REQUEST_REFUSED = "telework_request_refused", _("Demande de télétravail refusée")


class AuditEvent(models.Model):
    """An append-only record of a security-relevant event. Written only through services.record_event."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the trail survives the deletion of the account or organisation.
    actor_email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("événements d'audit")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.actor_email}"
