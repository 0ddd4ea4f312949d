from django.urls import path

from teletravail.apps.practices import views


app_name = "practices"

CAMPAIGN = "<int:organisation_id>/campagnes/<int:practices_campaign_id>/"

urlpatterns = [
    path("<int:organisation_id>/", views.index, name="index"),
    path("<int:organisation_id>/nouvelle/", views.campaign_create, name="campaign_create"),
    path(CAMPAIGN, views.campaign, name="campaign"),
    path(CAMPAIGN + "repondre/", views.answer, name="answer"),
    path(CAMPAIGN + "mes-reponses/", views.own_answers, name="own_answers"),
    path(CAMPAIGN + "resultats/", views.results, name="results"),
    path(CAMPAIGN + "resultats/action/", views.add_action, name="add_action"),
    path(CAMPAIGN + "clore/", views.close, name="close"),
    path(CAMPAIGN + "bilan/nouveau/", views.review_create, name="review_create"),
    path(CAMPAIGN + "bilan/", views.review, name="review"),
    path(CAMPAIGN + "bilan/detruire-la-cle/", views.destroy_key, name="destroy_key"),
    path(CAMPAIGN + "bilan/rapport.pdf", views.review_report, {"output_format": "pdf"}, name="review_report_pdf"),
    path(CAMPAIGN + "bilan/rapport.docx", views.review_report, {"output_format": "docx"}, name="review_report_docx"),
]
