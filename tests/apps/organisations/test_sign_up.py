"""Sign-up answers the same way whether or not the address or the SIRET has an account, explains by e-mail, and
activates the account from the e-mailed link; the same sign-up submitted twice at once never answers 500."""

import html
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from teletravail.apps.accounts.models import User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import Membership, Organisation, Role, Site
from tests.apps.organisations.test_views import STRONG_PASSWORD, signup_data
from tests.factories import UserFactory, valid_siret


SIGN_UP = reverse("organisations:create")


def sign_up(client, **overrides):
    """Posts the form; the e-mails, sent once the transaction commits, are in the outbox on return."""
    extra = {key: overrides.pop(key) for key in list(overrides) if key.isupper()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(SIGN_UP, signup_data(**overrides), **extra)


def emailed_link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def answer(response, client):
    """What a visitor sees: where they are sent and the page's content there."""
    page = client.get(response["Location"]).content.decode()
    return response.status_code, response["Location"], re.search(r"<main.*</main>", page, re.DOTALL).group(0)


@pytest.mark.django_db
def test_a_new_sign_up_creates_an_inactive_account_activated_by_the_emailed_link(client, places):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == reverse("organisations:sign_up_sent")
    user = User.objects.get(email="alice.durand@exemple.fr")
    assert not user.is_active and user.check_password(STRONG_PASSWORD)
    assert "_auth_user_id" not in client.session
    organisation = Organisation.objects.get(name="Coopérative Durand")
    assert (organisation.siret, organisation.naf_code) == (valid_siret(9001), "62.01Z")
    assert Site.objects.get(organisation=organisation).commune_id == "42218"
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.EMPLOYER_ADMIN
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CREATED, organisation=organisation).exists()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice.durand@exemple.fr"]
    link = emailed_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a button to press: link checkers only fetch
    user.refresh_from_db()
    assert not user.is_active
    activated = client.post(link)
    assert activated.status_code == 302
    user.refresh_from_db()
    assert user.is_active and int(client.session["_auth_user_id"]) == user.pk
    client.post(reverse("accounts:logout"))
    assert client.get(link).status_code == 404  # used once


@pytest.mark.django_db
def test_an_address_with_an_account_gets_the_same_answer_and_an_explanation_by_email(client, places):
    """Issue: sign-up told whether an address already had an account."""
    UserFactory(email="alice.durand@exemple.fr")
    known = answer(sign_up(client), client)
    fresh = answer(sign_up(client, email="personne.nouvelle@exemple.fr", siret=valid_siret(9002)), client)
    assert known == fresh
    assert Organisation.objects.count() == 1  # the fresh sign-up's only
    owner_mail = next(message for message in mail.outbox if message.to == ["alice.durand@exemple.fr"])
    assert "Quelqu'un a tenté de créer un compte" in owner_mail.body
    assert reverse("accounts:password_reset") in owner_mail.body


@pytest.mark.django_db
def test_a_siret_with_an_organisation_gets_the_same_answer_and_an_explanation_by_email(client, places, organisation):
    """Issue: sign-up told whether a SIRET already had an organisation."""
    taken = answer(sign_up(client, siret=organisation.siret), client)
    fresh = answer(sign_up(client, email="personne.nouvelle@exemple.fr"), client)
    assert taken == fresh
    assert not User.objects.filter(email="alice.durand@exemple.fr").exists()
    explanation = next(message for message in mail.outbox if message.to == ["alice.durand@exemple.fr"])
    assert organisation.siret in explanation.body and "demandez à l'administrateur" in explanation.body.lower()


@pytest.mark.django_db
def test_the_same_sign_up_submitted_twice_at_once_answers_without_error(client, places):
    """Issue: the second of two concurrent identical sign-ups answered 500 (unique constraint on the address).
    The other submission's account appears after this one's checks, as under concurrency."""
    UserFactory(email="alice.durand@exemple.fr")
    with mock.patch.object(services, "_account_exists", side_effect=[False, True]):
        response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == reverse("organisations:sign_up_sent")
    assert User.objects.filter(email="alice.durand@exemple.fr").count() == 1
    assert not Organisation.objects.exists()
    assert "Quelqu'un a tenté de créer un compte" in mail.outbox[0].body


@pytest.mark.django_db
def test_sign_up_requests_are_limited_per_address(client, places):
    UserFactory(email="alice.durand@exemple.fr")
    for n in range(10):
        sign_up(client, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) == 3
    assert "Trop de demandes d'inscription" in html.unescape(sign_up(client).content.decode())


@pytest.mark.django_db
def test_a_signed_in_person_is_still_told_at_once_that_a_siret_is_taken(client, world):
    client.force_login(world.admin.user)
    data = {k: v for k, v in signup_data(siret=world.organisation.siret).items() if "password" not in k}
    response = client.post(SIGN_UP, data)
    assert "existe déjà" in response.context["form"].errors["siret"][0]


@pytest.mark.django_db
def test_signing_in_before_opening_the_link_says_so_to_the_owner_only(client, places):
    sign_up(client)
    right = client.post(
        reverse("accounts:login"), {"username": "alice.durand@exemple.fr", "password": STRONG_PASSWORD}
    )
    assert "pas encore activé" in html.unescape(right.content.decode())
    wrong = client.post(reverse("accounts:login"), {"username": "alice.durand@exemple.fr", "password": "mauvais"})
    assert "mot de passe incorrect" in html.unescape(wrong.content.decode())
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_sign_up_refused_sums_up_its_errors_at_the_top_linked_to_the_fields_and_keeps_the_passwords(client, places):
    response = sign_up(client, headcount="0", naf_code="zz")
    assert response.status_code == 200
    page = response.content.decode()
    summary = re.search(r'<div[^>]*id="form-error-summary".*?</div>', page, re.DOTALL).group(0)
    assert "2 champs sont à corriger" in summary
    anchors = re.findall(r'<a href="#(id_\w+)">', summary)
    assert anchors == ["id_headcount", "id_naf_code"]
    assert all(f'id="{anchor}"' in page for anchor in anchors)
    assert page.index("form-error-summary") < page.index('id="id_full_name"')
    assert len(re.findall(rf'type="password"[^>]*value="{re.escape(STRONG_PASSWORD)}"', page)) == 2


@pytest.mark.django_db
def test_a_refused_password_is_not_typed_back(client, places):
    page = sign_up(client, password2="autre-chose-encore-1").content.decode()
    assert "1 champ" not in page and "Un champ est à corriger" in page
    assert STRONG_PASSWORD not in page
