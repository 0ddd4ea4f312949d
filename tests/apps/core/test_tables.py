"""One table include: caption, column headers with their scope, row headers, numbers aligned right, empty line."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from teletravail.apps.core.tables import Cell, Column, number, table


def rendered(shown):
    return render_to_string("core/_table.html", {"table": shown})


def test_a_table_has_its_caption_headers_row_headers_and_right_aligned_numbers():
    html = rendered(
        table(
            "Effets",
            ("Effet", Column("Valeur", numeric=True)),
            [("Solde", number(-188, "money")), (Cell("Détail", href="/d/", hidden_suffix="du solde"), None)],
        )
    )
    assert '<div class="fr-table">' in html and "<caption>Effets</caption>" in html
    assert re.findall(r"<th scope=\"col\"[^>]*>([^<]+)</th>", html) == ["Effet", "Valeur"]
    assert '<th scope="row">Solde</th><td class="table-number">\u2212188\u00a0€</td>' in html
    assert '<th scope="row"><a href="/d/">Détail<span class="fr-sr-only"> du solde</span></a></th>' in html
    assert '<td class="table-number">—</td>' in html


def test_an_empty_table_says_so_across_its_columns():
    html = rendered(table("Campagnes", ("A", "B", "C"), [], empty="Aucune campagne."))
    assert '<td colspan="3">Aucune campagne.</td>' in html


def test_numbers_follow_the_active_language():
    with translation.override("en"):
        assert number(1234.5, "decimal") == "1,234.5"
    with translation.override("fr"):
        assert number(1234.5, "decimal") == "1\u202f234,5"
