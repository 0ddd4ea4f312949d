"""An optional field is said optional once: the DSFR adds « (optionnel) », so no label says « facultatif » too."""

import inspect
import re

from dsfr.forms import DsfrBaseForm

from teletravail.apps.charters import forms as charter_forms
from teletravail.apps.diagnostic import forms as diagnostic_forms
from teletravail.apps.organisations import forms as organisation_forms
from teletravail.apps.planner import forms as planner_forms
from teletravail.apps.simulator import forms as simulator_forms


def test_no_optional_field_of_a_dsfr_form_says_it_is_optional_a_second_time():
    doubled = []
    for module in (charter_forms, diagnostic_forms, organisation_forms, planner_forms, simulator_forms):
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, DsfrBaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in form.base_fields.items():
                if not field.required and re.search(r"facultati|optionnel", str(field.label or ""), re.IGNORECASE):
                    doubled.append(f"{name}.{field_name}")
    assert doubled == []
