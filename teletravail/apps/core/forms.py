"""Helpers shared by the forms of every app."""


def show_service_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
