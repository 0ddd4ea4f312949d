from datetime import date

import pytest
from django.template.loader import render_to_string

from teletravail.apps.core.charts import bar_chart_context
from teletravail.documents import BulletList, Document, Figure, Heading, PageBreak, Paragraph, Table


# Values as the platform's number formatter writes them: narrow no-break spaces, a true minus sign.
CHART_ROWS = (
    ("Émissions de trajet évitées", 1234.5, "1\u202f235 kg"),
    ("Effet rebond : kilomètres reparcourus", -300.0, "\u2212300 kg"),
    ("Émissions évitées, nettes", 934.5, "935 kg"),
)


@pytest.fixture(scope="session")
def chart_html():
    """The platform's bar-chart partial as the pages render it: a <figure> with the SVG, then its data table."""
    context = bar_chart_context("bilan", "Bilan des émissions", CHART_ROWS, "kg CO2e par an", "Effet")
    return render_to_string("core/charts/bar_chart.html", context)


@pytest.fixture
def full_document(chart_html):
    """A document using every block type, with French typography in text and table cells."""
    return Document(
        title="Rapport d'impact du télétravail",
        subtitle="Simulation pour une personne",
        blocks=(
            Heading("Hypothèses"),
            Paragraph("Trajet de 20\u00a0km en voiture ; « cœur » du calcul : 1\u202f234\u00a0€ économisés par an."),
            BulletList(("Deux jours de télétravail", "Trois jours au bureau")),
            Heading("Bilan détaillé", level=2),
            Figure(chart_html, alt="Émissions évitées 1 235 kg, rebond −300 kg, net 935 kg", caption="Bilan CO2e"),
            Table(
                headers=("Effet", "Valeur", "Unité"),
                rows=(("Kilomètres évités", "3\u202f456", "km/an"), ("Économies", "1\u202f234", "€/an")),
                caption="Tous les effets",
            ),
            PageBreak(),
            Heading("Annexe : paramètres"),
            Paragraph("Sources : ADEME, INSEE."),
        ),
        table_of_contents=True,
        footer="Simulateur d'impact du télétravail",
        generated_on=date(2026, 3, 1),
    )
