from django.urls import path

from teletravail.apps.organisations import audit_log, views


app_name = "organisations"

urlpatterns = [
    path("creer/", views.organisation_create, name="create"),
    path("creer/courriel-envoye/", views.sign_up_sent, name="sign_up_sent"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path(
        "consultants/invitation/<str:token>/",
        views.consultant_invitation_accept,
        name="consultant_invitation_accept",
    ),
    path("<int:organisation_id>/parametres/", views.organisation_settings, name="settings"),
    path("<int:organisation_id>/parametres/tiers-lieux/", views.place_days_settings, name="place_days_settings"),
    path("<int:organisation_id>/donnees.zip", views.organisation_data_archive, name="data_archive"),
    path("<int:organisation_id>/supprimer/", views.organisation_delete, name="delete"),
    path("<int:organisation_id>/sites/ajouter/", views.site_create, name="site_create"),
    path("<int:organisation_id>/sites/<int:site_id>/modifier/", views.site_update, name="site_update"),
    path("<int:organisation_id>/sites/<int:site_id>/supprimer/", views.site_delete, name="site_delete"),
    path("<int:organisation_id>/equipes/ajouter/", views.team_create, name="team_create"),
    path("<int:organisation_id>/equipes/<int:team_id>/modifier/", views.team_update, name="team_update"),
    path("<int:organisation_id>/equipes/<int:team_id>/supprimer/", views.team_delete, name="team_delete"),
    path("<int:organisation_id>/fermetures/ajouter/", views.closure_create, name="closure_create"),
    path("<int:organisation_id>/fermetures/<int:closure_id>/supprimer/", views.closure_delete, name="closure_delete"),
    path("<int:organisation_id>/membres/", views.members, name="members"),
    path("<int:organisation_id>/membres/inviter/", views.member_invite, name="member_invite"),
    path("<int:organisation_id>/membres/<int:membership_id>/", views.membership_update, name="membership_update"),
    path(
        "<int:organisation_id>/membres/<int:membership_id>/retirer/",
        views.membership_delete,
        name="membership_delete",
    ),
    path(
        "<int:organisation_id>/invitations/<int:invitation_id>/renvoyer/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:organisation_id>/invitations/<int:invitation_id>/modifier/",
        views.invitation_update,
        name="invitation_update",
    ),
    path(
        "<int:organisation_id>/invitations/<int:invitation_id>/annuler/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("<int:organisation_id>/import/", views.members_import, name="members_import"),
    path("<int:organisation_id>/import/confirmer/", views.members_import_confirm, name="members_import_confirm"),
    path("<int:organisation_id>/import/<int:import_id>/", views.members_import_job, name="members_import_job"),
    path(
        "<int:organisation_id>/import/modele-import-membres.csv",
        views.members_import_template,
        name="members_import_template",
    ),
    path("<int:organisation_id>/consultants/", views.consultants, name="consultants"),
    path(
        "<int:organisation_id>/consultants/<int:access_id>/revoquer/",
        views.consultant_revoke,
        name="consultant_revoke",
    ),
    path("<int:organisation_id>/journal/", audit_log.organisation_log, name="audit_log"),
]
