"""Helpers shared by the forms of every app."""

from django import forms


def show_service_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ShareInPercentField(forms.DecimalField):
    """A share that people type and read in percent (« 30 » for 30 %), cleaned to the engines' share (0.3)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        kwargs.setdefault("decimal_places", 1)
        super().__init__(**kwargs)

    def clean(self, value):
        percent = super().clean(value)
        return None if percent is None else percent / 100
