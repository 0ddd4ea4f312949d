from django.urls import path

from teletravail.apps.planner import views


app_name = "planner"

urlpatterns = [
    path("calendrier/<str:token>.ics", views.ical_feed, name="ical_feed"),
    path("<int:organisation_id>/", views.index, name="index"),
    path("<int:organisation_id>/mode/", views.mode, name="mode"),
    path("<int:organisation_id>/mon-planning/", views.my_schedule, name="my_schedule"),
    path("<int:organisation_id>/mon-planning/calendrier/", views.calendar_token, name="calendar_token"),
    path("<int:organisation_id>/mon-planning/tiers-lieu/", views.place_days, name="place_days"),
    path("<int:organisation_id>/mon-planning/export.csv", views.my_export, {"fmt": "csv"}, name="my_export_csv"),
    path("<int:organisation_id>/mon-planning/export.xlsx", views.my_export, {"fmt": "xlsx"}, name="my_export_xlsx"),
    path("<int:organisation_id>/equipes/<int:team_id>/", views.team, name="team"),
    path("<int:organisation_id>/equipes/<int:team_id>/membres/", views.team_members, name="team_members"),
    path(
        "<int:organisation_id>/equipes/<int:team_id>/membres/<int:membership_id>/",
        views.member_profile,
        name="member_profile",
    ),
    path("<int:organisation_id>/nouveaux-plannings/", views.organisation_plan_create, name="organisation_plan_create"),
    path("<int:organisation_id>/equipes/<int:team_id>/nouveau/", views.plan_create, name="plan_create"),
    path("<int:organisation_id>/plannings/<int:plan_id>/grille/", views.plan_grid, name="plan_grid"),
    path("<int:organisation_id>/plannings/<int:plan_id>/verifier/", views.plan_check, name="plan_check"),
    path("<int:organisation_id>/plannings/<int:plan_id>/recalculer/", views.plan_regenerate, name="plan_regenerate"),
    path("<int:organisation_id>/plannings/<int:plan_id>/publier/", views.plan_publish, name="plan_publish"),
    path(
        "<int:organisation_id>/plannings/<int:plan_id>/plan-d-action/", views.cohesion_action, name="cohesion_action"
    ),
    path(
        "<int:organisation_id>/plannings/<int:plan_id>/export.csv",
        views.plan_export,
        {"fmt": "csv"},
        name="plan_export_csv",
    ),
    path(
        "<int:organisation_id>/plannings/<int:plan_id>/export.xlsx",
        views.plan_export,
        {"fmt": "xlsx"},
        name="plan_export_xlsx",
    ),
    path("<int:organisation_id>/calculs/<int:calculation_id>/", views.calculation, name="calculation"),
    path(
        "<int:organisation_id>/calculs/<int:calculation_id>/etat/",
        views.calculation_status,
        name="calculation_status",
    ),
    path(
        "<int:organisation_id>/calculs/<int:calculation_id>/annuler/",
        views.calculation_cancel,
        name="calculation_cancel",
    ),
    path("<int:organisation_id>/sites/<int:site_id>/", views.site, name="site"),
]
