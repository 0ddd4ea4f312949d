"""The few words the renderers write themselves, in the languages the platform speaks.

A document says which language it is in; these words follow it so that a French report does not carry an English
"Contents". The catalogue is plain data here because this package does not depend on Django's translation machinery.
"""

LABELS = {
    "fr": {
        "contents": "Sommaire",
        "page": "Page {page} / {pages}",
        "figure": "Figure",
        "description": "Description",
        "generated_on": "Document produit le {date}",
        "update_contents": "Mettez à jour ce champ pour afficher le sommaire (clic droit, « Mettre à jour »).",
        "chart_not_drawn": "Graphique non reproduit dans ce format",
    },
    "en": {
        "contents": "Contents",
        "page": "Page {page} / {pages}",
        "figure": "Figure",
        "description": "Description",
        "generated_on": "Document produced on {date}",
        "update_contents": "Update this field to show the contents (right click, “Update field”).",
        "chart_not_drawn": "Chart not reproduced in this format",
    },
}


def labels(language):
    """The renderer's words for `language` ("fr-FR" → "fr"), French when the language is not known."""
    return LABELS.get((language or "fr").split("-")[0].lower(), LABELS["fr"])
