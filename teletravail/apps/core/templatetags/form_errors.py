"""The error summary shown at the top of a form (core/_form_errors.html)."""

from django import template


register = template.Library()


@register.filter
def fields_in_error(form):
    """[(anchor, label, messages)] for each field of `form` in error, in the order of the form (no anchor nor label
    for a hidden field: its message says enough)."""
    return [
        (None, None, field.errors)
        if field.is_hidden
        else (field.id_for_label or field.auto_id, field.label, field.errors)
        for field in form
        if field.errors
    ]
