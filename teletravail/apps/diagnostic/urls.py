from django.urls import path

from teletravail.apps.diagnostic import views


app_name = "diagnostic"

CAMPAIGN = "<int:organisation_id>/campagnes/<int:campaign_id>/"
PARTICIPANT = CAMPAIGN + "participants/<int:participant_id>/"

urlpatterns = [
    path("<int:organisation_id>/", views.index, name="index"),
    path("<int:organisation_id>/nouvelle/", views.campaign_create, name="campaign_create"),
    path(CAMPAIGN, views.campaign, name="campaign"),
    path(CAMPAIGN + "clore/", views.campaign_close, name="campaign_close"),
    path(CAMPAIGN + "rouvrir/", views.campaign_reopen, name="campaign_reopen"),
    path(CAMPAIGN + "postes/nouveau/", views.job_create, name="job_create"),
    path(CAMPAIGN + "postes/<int:job_id>/", views.job, name="job"),
    path(CAMPAIGN + "postes/<int:job_id>/profession/", views.job_pcs, name="job_pcs"),
    path(CAMPAIGN + "postes/<int:job_id>/normaliser/", views.job_normalise, name="job_normalise"),
    path(
        CAMPAIGN + "postes/<int:job_id>/activites/<int:activity_id>/supprimer/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(CAMPAIGN + "inviter/", views.invite, name="invite"),
    path(PARTICIPANT, views.participant, name="participant"),
    path(PARTICIPANT + "evaluation/", views.assess, name="assess"),
    path(PARTICIPANT + "activites/nouvelle/", views.own_activity, name="own_activity"),
    path(PARTICIPANT + "parts/normaliser/", views.participant_normalise, name="participant_normalise"),
    path(PARTICIPANT + "activites/<int:activity_id>/decision/", views.decide, name="decide"),
    path(PARTICIPANT + "activites/<int:activity_id>/reponse/", views.respond, name="respond"),
    path(PARTICIPANT + "accords/", views.agree, name="agree"),
    path(CAMPAIGN + "resultats/", views.results, name="results"),
    path(CAMPAIGN + "rapport.pdf", views.report_pdf, name="report_pdf"),
    path(CAMPAIGN + "export.csv", views.export_csv, name="export_csv"),
    path(CAMPAIGN + "actions/", views.actions, name="actions"),
    path(CAMPAIGN + "actions/obstacle/", views.obstacle_action, name="obstacle_action"),
    path(CAMPAIGN + "actions/<int:action_id>/etat/", views.action_done, name="action_done"),
]
