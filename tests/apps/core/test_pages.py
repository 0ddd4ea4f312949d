"""The one way a view calls a service: its refusal lands on the form or in the page's messages."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from teletravail.apps.core.pages import call_service, organisation_context


class NameForm(forms.Form):
    name = forms.CharField()


def request():
    made = RequestFactory().post("/")
    made.session = {}
    made._messages = FallbackStorage(made)
    return made


def refuse(error):
    def service():
        raise error

    return service


def test_a_refusal_naming_a_field_goes_on_that_field_and_nothing_is_announced():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    asked = request()
    call = call_service(asked, refuse(ValidationError({"name": "Déjà pris."})), success="Enregistré.", form=form)
    assert not call.ok
    assert form.errors == {"name": ["Déjà pris."]}
    assert list(get_messages(asked)) == []


def test_a_refusal_without_a_form_becomes_one_error_message_each():
    asked = request()
    call = call_service(asked, refuse(ValidationError(["Premier.", "Second."])), success="Enregistré.")
    assert not call.ok
    assert [(message.level_tag, str(message)) for message in get_messages(asked)] == [
        ("error", "Premier."),
        ("error", "Second."),
    ]


def test_a_success_is_announced_from_the_service_result():
    asked = request()
    call = call_service(asked, lambda: "Atelier", success=lambda name: f"« {name} » enregistré.")
    assert (call.ok, call.result) == (True, "Atelier")
    assert [str(message) for message in get_messages(asked)] == ["« Atelier » enregistré."]


def test_the_organisation_context_names_the_current_tab():
    class Access:
        organisation = "organisation"

    access = Access()
    assert organisation_context(access, "planner", plan=1) == {
        "access": access,
        "organisation": "organisation",
        "nav_section": "planner",
        "plan": 1,
    }


def test_a_refusal_shown_in_the_page_is_returned_and_not_also_queued_as_a_message():
    asked = request()
    refusal = ValidationError("Des équipes y sont rattachées.")
    call = call_service(asked, refuse(refusal), success="Supprimé.", shown_in_page=True)
    assert not call.ok
    assert call.error is refusal
    assert list(get_messages(asked)) == []
