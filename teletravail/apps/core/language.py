"""The writing of `teletravail.french` in the request's language, for the Python code of the apps (views, services,
tables, tasks); the template filters of `core/templatetags/french.py` call the same functions."""

from django.utils.translation import get_language

from teletravail import french


def active_language():
    """The language the current request or task is answered in (French outside any)."""
    return get_language() or "fr"


def of_name(name):
    """A name for a message's `of_name` placeholder: « d'Atelier Démo » in French, « Atelier Démo » in English (whose
    message says « Atelier Démo's journey »)."""
    return french.of_name(name, active_language())


def que_name(name):
    """A name or address after « que » in a message: « qu'alice@… » in French, the bare address in English (« signed in
    as alice@… »)."""
    return french.que_name(name, active_language())


def in_language(message):
    """A message of an engine that knows its English text (`SimulationWarning`), in the active language."""
    return message.text(active_language()) if hasattr(message, "text") else message
