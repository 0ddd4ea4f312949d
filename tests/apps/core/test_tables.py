"""One table include: caption, column headers with their scope, row headers, numbers aligned right, empty line."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from teletravail.apps.core.tables import Action, Badge, Cell, Column, Row, number, table


def rendered(shown):
    # A request, as in a page: the forms of a cell carry the CSRF token.
    return render_to_string("core/_table.html", {"table": shown}, request=RequestFactory().get("/"))


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


def test_a_cell_says_what_it_holds_and_every_text_is_escaped():
    """Badges, a note, a code, a list and buttons are drawn by the include; user text never reaches a page as HTML."""
    evil = "<script>x</script>"
    html = rendered(
        table(
            "Actions",
            ("Nom", "État", "Actions"),
            [
                (
                    Cell(evil, code="a.b", note=evil),
                    Cell("faite", badges=(Badge(evil, "error"), Badge("secondaire")), items=(evil,)),
                    Cell(
                        actions=(
                            Action("Modifier", "/m/", hidden_suffix=evil),
                            Action("Supprimer", "/s/", kind="tertiary", fields=(("done", "1"),)),
                        )
                    ),
                )
            ],
        )
    )
    assert "<script>" not in html and html.count("&lt;script&gt;x&lt;/script&gt;") == 5
    assert '<br>\n<code class="fr-text--xs">a.b</code>' in html
    assert '<span class="fr-badge fr-badge--sm fr-badge--error">' in html
    assert '<span class="fr-badge fr-badge--sm fr-badge--no-icon">secondaire</span>' in html
    assert '<a class="fr-btn fr-btn--secondary" href="/m/">Modifier<span class="fr-sr-only"> &lt;script&gt;' in html
    form = re.search(r'<form method="post" action="/s/">(.*?)</form>', html, re.S).group(1)
    assert 'name="csrfmiddlewaretoken"' in form and '<input type="hidden" name="done" value="1">' in form
    assert '<button class="fr-btn fr-btn--tertiary" type="submit">Supprimer</button>' in form


def test_rows_carry_attributes_spans_and_their_header_where_asked():
    html = rendered(
        table(
            "Classes",
            (Column("Couleur", label_hidden=True), "Classe", Column("Nombre", numeric=True), "Membres"),
            [
                Row((Cell("■"), "+40", Cell("aucun", colspan=2)), attributes=(("data-search", 'a "b"'),), hidden=True),
            ],
            row_header=1,
            id="classes",
            classes="fr-mb-3w",
            download=Action("Télécharger (CSV)", "/classes.csv"),
        )
    )
    assert '<div class="fr-table fr-mb-3w" id="classes">' in html
    assert '<th scope="col"><span class="fr-sr-only">Couleur</span></th>' in html
    assert '<tr data-search="a &quot;b&quot;" hidden><td>■</td><th scope="row">+40</th>' in html
    # The spanning cell starts at the numeric column: it is aligned as that column says.
    assert '<td class="table-number" colspan="2">aucun</td></tr>' in html
    assert '<a class="fr-link fr-icon-download-line fr-link--icon-left" href="/classes.csv" download>' in html


def test_a_cell_may_name_the_template_that_draws_it():
    html = rendered(
        table(
            "Carte", ("Couleur", "Classe"), [(Cell(template="core/_map_swatch.html", context={"fill": "#123"}), "+40")]
        )
    )
    assert '<th scope="row"><svg class="map__swatch"' in html and '<rect fill="#123"' in html


def test_a_cell_holding_only_a_code_does_not_start_with_a_line_break():
    html = rendered(table("Jetons", ("Nom", "Début"), [("Export", Cell(code="tt_abc_…"))]))
    assert '<td>\n<code class="fr-text--xs">tt_abc_…</code></td>' in html
