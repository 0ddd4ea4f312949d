from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from teletravail.apps.accounts import views


app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("activation/<uidb64>/<token>/", views.activate, name="activate"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/archive.zip", views.my_data_archive, name="my_data_archive"),
    path("supprimer/", views.erase, name="erase"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html", title=_("Courriel envoyé")
        ),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html", title=_("Mot de passe modifié")
        ),
        name="password_reset_complete",
    ),
]
