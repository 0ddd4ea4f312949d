"""Submit the charter form as a browser would: each step's fields with their shown values, some overridden."""

from datetime import date

from django.urls import reverse

from teletravail.apps.charters.steps import LAST_STEP


def url(name, organisation, **kwargs):
    return reverse(f"charters:{name}", kwargs={"organisation_id": organisation.pk, **kwargs})


def step_url(document, number):
    return url("step", document.organisation, document_id=document.pk, number=number)


def form_data(form, **overrides):
    """The POST data of a rendered form as shown (checked boxes, selected options, typed text), with overrides."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
            continue
        if value is None:
            value = ""
        elif isinstance(value, date):
            value = value.isoformat()
        data[field.html_name] = value
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def submit_step(client, document, number, action="next", **overrides):
    page = client.get(step_url(document, number))
    assert page.status_code == 200
    data = form_data(page.context["form"], **overrides)
    data["action"] = action
    data["revision"] = page.context["revision"]
    return client.post(step_url(document, number), data)


def save_summary(client, document, **data):
    """Post the summary (« Enregistrer la version ») as shown now, with the draft's revision it shows."""
    summary_url = step_url(document, LAST_STEP)
    page = client.get(summary_url)
    return client.post(summary_url, {"revision": page.context["revision"], **data})
