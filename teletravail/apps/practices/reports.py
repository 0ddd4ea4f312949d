"""What the results page, the review page and the review report show, built from the engine's group results and
before/after changes. Only aggregates: never a response, never a name; hidden groups say why, in words."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teletravail.apps.core.tables import Action, Cell, Column, document_table, number, table
from teletravail.apps.equality import selectors as equality_selectors
from teletravail.apps.equality import tables as equality_tables
from teletravail.apps.practices import changes, selectors
from teletravail.apps.practices.tables import score
from teletravail.documents import Document, Heading, Paragraph, Table


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    rows: tuple  # (label, value, display)
    value_header: str
    category_header: str


@dataclass(frozen=True)
class AdviceSheet:
    anchor: str
    title: str
    text: str
    sources: tuple


@dataclass(frozen=True)
class ResultSection:
    title: str
    chart: Chart | None
    table: object
    weak_table: object
    strong_table: object
    advice: tuple


def hidden_text(result, theme):
    if result.hidden_reason == "threshold":
        return _("Masqué : moins de %(count)d réponses, l'anonymat ne serait pas garanti.") % {
            "count": theme.min_group
        }
    if result.hidden_reason == "difference":
        return _(
            "Masqué : trop proche d'un autre groupe montré, la différence entre les deux révélerait les réponses de "
            "quelques personnes."
        )
    return ""


def band_labels():
    """The engine's answer bands (weak, middle, strong: under the theme's weak threshold, between, from its strong
    one), in words."""
    return {"weak": _("faible"), "middle": _("moyen"), "strong": _("fort")}


def distribution_text(result):
    labels = band_labels()
    return " ; ".join(f"{labels.get(band, band)} : {number(count)}" for band, count in result.distribution.items())


def _anchor(questionnaire, theme_id):
    return f"conseil-{questionnaire.id}-{theme_id}".replace(".", "-").replace("_", "-")


def _results_table(questionnaire, found, language):
    themes = {theme.id: theme for theme in questionnaire.themes}
    rows = []
    for result in found:
        theme = themes[result.theme]
        hidden = result.hidden_reason is not None
        rows.append(
            (
                theme.title(language),
                result.group,
                Cell(_("masqué") if hidden else number(result.n), numeric=True),
                Cell("—" if hidden else score(result.score), numeric=True),
                hidden_text(result, theme) if hidden else distribution_text(result),
            )
        )
    return table(
        _("Scores par thème et par groupe — %(title)s") % {"title": questionnaire.title(language)},
        (
            _("Thème"),
            _("Groupe"),
            Column(_("Réponses"), numeric=True),
            Column(_("Score sur 100"), numeric=True),
            _("Répartition des réponses"),
        ),
        rows,
        empty=_("Aucune réponse pour le moment."),
    )


def _chart(campaign, questionnaire, found, language):
    """The whole campaign's score per theme, among the themes shown."""
    whole = selectors.whole_label(campaign)
    themes = {theme.id: theme for theme in questionnaire.themes}
    rows = tuple(
        (themes[result.theme].title(language), result.score, score(result.score))
        for result in found
        if result.group == whole and result.hidden_reason is None and result.score is not None
    )
    if not rows:
        return None
    return Chart(
        f"scores-{questionnaire.id}".replace("_", "-"),
        _("Score par thème, %(group)s — %(title)s") % {"group": whole.lower(), "title": questionnaire.title(language)},
        rows,
        _("Score sur 100"),
        _("Thème"),
    )


def _points_table(caption, questionnaire, points, language, *, actions_url=None):
    themes = {theme.id: theme for theme in questionnaire.themes}
    rows = []
    for result in points:
        theme = themes[result.theme]
        cells = [
            Cell(theme.title(language), href=f"#{_anchor(questionnaire, result.theme)}" if actions_url else ""),
            result.group,
            Cell(score(result.score), numeric=True),
        ]
        if actions_url:
            cells.append(
                Cell(
                    "",
                    actions=(
                        Action(
                            _("Ajouter au plan d'action"),
                            actions_url,
                            hidden_suffix=f"{theme.title(language)} — {result.group}",
                            fields=(("questionnaire", questionnaire.id), ("theme", result.theme)),
                            post=True,
                        ),
                    ),
                )
            )
        rows.append(cells)
    columns = [_("Thème"), _("Groupe"), Column(_("Score sur 100"), numeric=True)]
    if actions_url:
        columns.append(Column(_("Action"), label_hidden=True))
    return table(caption, columns, rows, empty=_("Aucun pour le moment."))


def result_sections(campaign, found_results, access, language):
    add_url = (
        reverse(
            "practices:add_action",
            kwargs={"organisation_id": campaign.organisation_id, "practices_campaign_id": campaign.pk},
        )
        if selectors.can_open_campaigns(access)
        else None
    )
    sections = []
    for found in found_results:
        questionnaire = found.questionnaire
        weak_theme_ids = list(dict.fromkeys(result.theme for result in found.weak))
        advice = tuple(
            AdviceSheet(
                _anchor(questionnaire, theme_id),
                sheet.title(language),
                sheet.text(language),
                tuple(source.title for source in sheet.sources),
            )
            for theme_id in weak_theme_ids
            for sheet in selectors.advice(questionnaire, theme_id, access)
        )
        sections.append(
            ResultSection(
                questionnaire.title(language),
                _chart(campaign, questionnaire, found.results, language),
                _results_table(questionnaire, found.results, language),
                _points_table(
                    _("Points faibles — %(title)s") % {"title": questionnaire.title(language)},
                    questionnaire,
                    found.weak,
                    language,
                    actions_url=add_url or ("" if advice else None),
                ),
                _points_table(
                    _("Points forts — %(title)s") % {"title": questionnaire.title(language)},
                    questionnaire,
                    found.strong,
                    language,
                ),
                advice,
            )
        )
    return sections


# --- Six-month review ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewSection:
    title: str
    headers: tuple
    rows: tuple  # of text tuples: the page's table and the report's

    @property
    def table(self):
        return table(self.title, self.headers, self.rows)


def _interval(change):
    if change.ci_low is None or change.ci_high is None:
        return "—"
    return f"[{number(change.ci_low, 'decimal', places=1)} ; {number(change.ci_high, 'decimal', places=1)}]"


def _signed(value):
    if value is None:
        return "—"
    text = number(value, "decimal", places=1)
    return f"+{text}" if value > 0 else text


def review_sections(review, language):
    headers = (
        _("Thème"),
        _("n avant"),
        _("n après"),
        _("n reliés"),
        _("Score avant"),
        _("Score après"),
        _("Écart"),
        _("IC à 95 %%") % {},
    )
    sections = []
    for questionnaire, found in selectors.review_changes(review):
        themes = {theme.id: theme for theme in questionnaire.themes}
        rows = []
        for change in found:
            theme = themes[change.theme]
            if change.hidden_reason is not None:
                rows.append(
                    (
                        theme.title(language),
                        number(change.n0),
                        number(change.n1),
                        number(change.n_linked),
                        _("masqué"),
                        _("masqué"),
                        "—",
                        _("sous le seuil d'anonymat"),
                    )
                )
                continue
            rows.append(
                (
                    theme.title(language),
                    number(change.n0),
                    number(change.n1),
                    number(change.n_linked),
                    score(change.mean0),
                    score(change.mean1),
                    _signed(change.difference),
                    _interval(change),
                )
            )
        sections.append(ReviewSection(questionnaire.title(language), headers, tuple(rows)))
    return sections


def changes_beside(review):
    return changes.review_changes_beside(review)


@dataclass(frozen=True)
class EqualityComparison:
    table: object
    note: str  # why there is no « before », or empty


def _reading(record):
    return equality_selectors.reading_from_record(record) if record else None


def equality_comparison(review):
    """The equality indicators kept when the first wave closed beside the review's: those kept when it closed, else
    today's. A first wave closed before the indicators were kept has no « before »: the note says so."""
    first = review.review_of
    before = _reading(first.equality_reading)
    after = _reading(review.equality_reading)
    if after is None:
        after = equality_selectors.current_reading(
            review.organisation, review.last_day if review.is_closed() else None
        )
    on = {"date": date_format(after.taken_on, "DATE_FORMAT")}
    after_label = _("Au bilan, le %(date)s") % on if review.is_closed() else _("Aujourd'hui, le %(date)s") % on
    if before is None:
        before_label = _("À la première vague")
        note = _(
            "La première vague a été close avant que la plateforme ne garde les indicateurs d'égalité à la clôture : "
            "il n'y a pas de situation « avant » à comparer."
        )
    else:
        before_label = _("À la clôture de la première vague, le %(date)s") % {
            "date": date_format(before.taken_on, "DATE_FORMAT")
        }
        note = ""
    return EqualityComparison(
        equality_tables.comparison_table(before, after, before_label=before_label, after_label=after_label), note
    )


def review_document(review, language):
    """The review report (PDF, Word): before/after per theme with its interval, and the changes beside."""
    first = review.review_of
    blocks = [
        Paragraph(
            _(
                "Première vague : « %(first)s », close le %(first_closed)s. Bilan : « %(review)s », jusqu'au "
                "%(review_closes)s. Scores de 0 (très défavorable) à 100 (très favorable)."
            )
            % {
                "first": first.title,
                "first_closed": date_format(first.last_day, "DATE_FORMAT"),
                "review": review.title,
                "review_closes": date_format(review.last_day, "DATE_FORMAT"),
            }
        ),
        Paragraph(
            _(
                "Les réponses d'une même personne aux deux vagues sont reliées par un pseudonyme calculé avec une clé "
                "propre à la campagne, détruite après le bilan. Aucun groupe de moins de cinq réponses (vingt pour la "
                "santé et le harcèlement) n'est montré."
            )
        ),
    ]
    for section in review_sections(review, language):
        blocks += [
            Heading(_("Avant / après — %(title)s") % {"title": section.title}),
            Table(
                tuple(section.headers),
                tuple(tuple(str(cell) for cell in row) for row in section.rows),
                caption=section.title,
            ),
        ]
    found_changes = changes_beside(review)
    blocks += [
        Heading(_("Ce qui a changé à côté")),
        Table(
            (_("Mesure"), _("À la première vague"), _("Au bilan")),
            tuple((str(change.label), str(change.before), str(change.after)) for change in found_changes),
            caption=_("Ce qui a changé entre la première vague et le bilan"),
        ),
        Heading(_("Égalité entre les femmes et les hommes")),
    ]
    equality = equality_comparison(review)
    if equality.note:
        blocks.append(Paragraph(equality.note))
    blocks.append(document_table(equality.table))
    return Document(
        title=_("Bilan à six mois du télétravail"),
        subtitle=review.organisation.name,
        blocks=tuple(blocks),
        language=language,
        generated_on=timezone.localdate(),
    )
