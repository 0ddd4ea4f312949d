"""PDF reports of the impact simulator, as `Document`s: the inputs, the headline results in sentences, the page's
charts with their data, every effect, and an annex of every parameter used with its source.

The sentences are the pages' own (same messages, same number formatting), so that a report says what the page
said. The building blocks (`inputs_table`, `chart_blocks`, `effects_table`, `parameters_annex`, `report_document`)
serve every level of the simulator; `person_report` and `employer_report` assemble them.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teletravail.apps.core.charts import bar_chart_context
from teletravail.apps.core.language import in_language
from teletravail.apps.core.parameters import annex_row, secondary_explanation, used_parameter_row
from teletravail.apps.core.tables import number
from teletravail.apps.simulator.services import desks_freed_note, localized_effects
from teletravail.documents import BulletList, Document, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.impact.params import parameter_rows


def report_document(title, subtitle, blocks):
    """A simulator report: dated today, in the active language, with the simulator named in the footer."""
    return Document(
        title=title,
        subtitle=subtitle,
        blocks=tuple(blocks),
        language=(get_language() or "fr").split("-")[0],
        author=_("Simulateur d'impact du télétravail"),
        footer=_("Simulateur d'impact du télétravail"),
        generated_on=timezone.localdate(),
    )


def _input_value(field, value):
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.FileField):
        return value.name
    if isinstance(value, Decimal | float | int):
        return number(value, "fixed_unless_whole", places=2)
    return str(value)


def inputs_table(form):
    """The inputs of a valid form as (field label, value) rows, leaving out the fields left empty."""
    rows = [
        (str(form.fields[name].label), _input_value(form.fields[name], value))
        for name, value in form.cleaned_data.items()
        if value not in (None, "")
    ]
    return Table((_("Donnée"), _("Valeur")), tuple(rows), caption=_("Données saisies"))


def chart_blocks(chart_id, title, rows, value_header, category_header):
    """A bar chart drawn by the pages' own SVG partial, then its data table (the accessible alternative).

    `rows` are the (label, value, display) triples the chart template tag takes.
    """
    rows = list(rows)
    markup = render_to_string(
        "core/charts/bar_chart.html", bar_chart_context(chart_id, title, rows, value_header, category_header)
    )
    description = " ; ".join(f"{label} : {display}" for label, _value, display in rows)
    return (
        Figure(markup, alt=f"{title}. {description}.", caption=title),
        Table(
            (category_header, value_header),
            tuple((str(label), display) for label, _value, display in rows),
            caption=title,
        ),
    )


def effects_table(effects, caption, uncertainty=None):
    """Every effect (name → Effect) with its value and unit, and its 90 % interval when the simulation drew one."""
    headers = [_("Effet"), _("Valeur"), _("Unité")]
    if uncertainty:
        headers.append(_("Intervalle de 90 %"))
    rows = []
    for name, effect in effects.items():
        row = [effect.label, number(effect.value, "fixed_unless_whole", places=2), effect.unit]
        if uncertainty:
            spread = uncertainty.get(name)
            ends = [number(spread[end], "fixed_unless_whole", places=2) for end in ("low", "high")] if spread else []
            row.append(" – ".join(ends))
        rows.append(tuple(row))
    return Table(tuple(headers), tuple(rows), caption=caption)


def parameters_annex(parameters, when, *, with_geography=False):
    """The annex: every parameter a simulation used (`result.parameters`), and, when distances may have been
    estimated from communes, the geographic parameters in force on `when` (as the parameters page lists them)."""
    rows = [annex_row(used_parameter_row(parameter)) for parameter in parameters]
    if with_geography:
        rows += [annex_row(row) for row in parameter_rows(groups=["geo"], when=when, all_values=False)]
    explanation = _(
        "Chaque valeur vient d'un fichier de paramètres daté et sourcé, publié en données ouvertes. Entre "
        "parenthèses après la valeur : la fourchette basse et haute quand les études divergent. Valeurs en vigueur "
        "le %(date)s."
    ) % {"date": date_format(date.fromisoformat(str(when)), "DATE_FORMAT")}
    if with_geography:
        explanation += " " + _("Les paramètres de distance servent à estimer les distances à partir des communes.")
    return (
        PageBreak(),
        Heading(_("Annexe : paramètres utilisés")),
        Paragraph(explanation),
        Paragraph(secondary_explanation()),
        Table(
            (_("Paramètre"), _("Valeur"), _("Source")),
            tuple(rows),
            caption=_("Paramètres utilisés par ce calcul, avec leur source"),
            widths=(3, 2, 5),
        ),
    )


def _warnings(result):
    return [BulletList(tuple(in_language(warning) for warning in result.warnings))] if result.warnings else []


def person_report(form, result, distance, balance_rows):
    """The report of the person simulator for a valid `form`, its `result`, the estimated `distance` (or None)
    and the emission balance rows the page charts."""
    effects = localized_effects(result.effects)
    value = {name: effect.value for name, effect in effects.items()}
    sentences = [
        _(
            "Avec %(days)s j de télétravail par semaine sur un trajet de %(distance)s km (aller simple), vous évitez "
            "%(km)s km par an, nets des kilomètres reparcourus les jours de télétravail, et gagnez %(hours)s heures "
            "de trajet, soit %(minutes)s minutes par jour de télétravail."
        )
        % {
            "days": number(result.person.telework_days, "fixed_unless_whole", places=1),
            "distance": number(result.person.distance_km, "fixed", places=1),
            "km": number(value["km_avoided_per_year"]),
            "hours": number(value["hours_saved_per_year"]),
            "minutes": number(value["minutes_saved_per_telework_day"]),
        }
    ]
    if distance:
        sentences.append(
            _(
                "Distance estimée entre %(home)s et %(work)s : distance à vol d'oiseau entre les centres des "
                "communes multipliée par un facteur de détour de %(factor)s."
            )
            % {
                "home": distance.home.name,
                "work": distance.work.name,
                "factor": number(distance.detour_factor, "fixed", places=2),
            }
        )
    emissions = _(
        "Émissions évitées : %(gross)s kg CO2e par an avant effets rebond, %(net)s kg CO2e une fois déduits les "
        "kilomètres reparcourus, l'énergie consommée au domicile et les visioconférences."
    ) % {"gross": number(value["co2e_kg_avoided_per_year"]), "net": number(value["co2e_kg_net_per_year"])}
    spread = (result.uncertainty or {}).get("co2e_kg_net_per_year")
    if spread:
        emissions += " " + _(
            "Compte tenu des incertitudes sur les paramètres, ce chiffre net se situe entre %(low)s et %(high)s kg "
            "dans 90 %% des tirages."
        ) % {"low": number(spread["low"]), "high": number(spread["high"])}
        if spread["central_side"] == "low":
            emissions += " " + _(
                "Ce chiffre central est un choix prudent : il retient la valeur de référence de chaque paramètre, "
                "dont certaines sont au bas de leur fourchette (ainsi le facteur d'émission de l'ADEME), et la "
                "plupart des tirages donnent davantage."
            )
        elif spread["central_side"] == "high":
            emissions += " " + _(
                "Ce chiffre central retient la valeur de référence de chaque paramètre, dont certaines sont en haut "
                "de leur fourchette, et la plupart des tirages donnent moins."
            )
    sentences.append(emissions)
    sentences.append(
        _(
            "Économies : %(money)s € par an de dépenses de trajet (carburant ou électricité, abonnement abandonné) ; "
            "au barème kilométrique, qui compte aussi l'usure et l'assurance du véhicule, %(bareme)s €."
        )
        % {
            "money": number(value["money_eur_saved_per_year"]),
            "bareme": number(value["money_eur_saved_bareme_per_year"]),
        }
    )
    return report_document(
        _("Rapport du simulateur d'impact du télétravail"),
        _("Simulation pour une personne"),
        [
            Heading(_("Hypothèses")),
            inputs_table(form),
            Heading(_("Ce que vous évitez chaque année")),
            *(Paragraph(sentence) for sentence in sentences),
            *_warnings(result),
            Heading(_("Bilan des émissions"), level=2),
            *chart_blocks(
                "bilan-co2",
                _("Bilan des émissions évitées (kg CO2e par an)"),
                balance_rows,
                _("kg CO2e par an"),
                _("Effet"),
            ),
            Heading(_("Tous les effets"), level=2),
            effects_table(effects, _("Effets annuels, valeur centrale et intervalle de 90 %"), result.uncertainty),
            *parameters_annex(result.parameters, result.when, with_geography=distance is not None),
        ],
    )


def employer_report(form, organisation, result, *, employees, skipped, from_file, balance_rows):
    """The report of the employer simulator: as the organisation's page shows it, with the parameters annex."""
    totals = localized_effects(result.effects)
    value = {name: effect.value for name, effect in totals.items()}
    if from_file:
        staff = ngettext(
            "Calcul pour %(counter)s salarié du fichier.", "Calcul pour %(counter)s salariés du fichier.", employees
        ) % {"counter": employees}
    else:
        staff = ngettext(
            "Calcul pour %(counter)s membre dont la commune de résidence est connue.",
            "Calcul pour %(counter)s membres dont la commune de résidence est connue.",
            employees,
        ) % {"counter": employees}
        if skipped:
            staff += " " + ngettext(
                "%(counter)s membre n'a pas pu être pris en compte (commune de résidence ou site inconnu).",
                "%(counter)s membres n'ont pas pu être pris en compte (commune de résidence ou site inconnu).",
                skipped,
            ) % {"counter": skipped}
    desks_note = desks_freed_note(result, organisation.headcount)
    sentences = [
        staff,
        *([desks_note] if desks_note else []),
        _(
            "Le personnel éviterait %(km)s km et gagnerait %(hours)s heures de trajet par an ; les émissions "
            "baisseraient de %(net)s kg CO2e nets des effets rebond ; les salariés économiseraient %(money)s € de "
            "dépenses de trajet."
        )
        % {
            "km": number(value["km_avoided_per_year"]),
            "hours": number(value["hours_saved_per_year"]),
            "net": number(value["co2e_kg_net_per_year"]),
            "money": number(value["money_eur_saved_per_year"]),
        },
        _(
            "Pour l'employeur, le solde annuel serait de %(net)s € ; la mise en place coûterait %(setup)s € une "
            "fois, soit un solde de %(first)s € la première année."
        )
        % {
            "net": number(value["employer_net_eur_per_year"]),
            "setup": number(value["employer_setup_cost_eur_one_off"]),
            "first": number(value["employer_net_eur_first_year"]),
        },
    ]
    return report_document(
        _("Effets attendus du télétravail"),
        organisation.name,
        [
            Heading(_("Hypothèses")),
            inputs_table(form),
            Heading(_("Résultats par an")),
            *(Paragraph(sentence) for sentence in sentences),
            *_warnings(result),
            Heading(_("Solde de l'employeur"), level=2),
            *chart_blocks(
                "solde-employeur",
                _("Solde annuel de l'employeur (€ par an)"),
                balance_rows,
                _("€ par an"),
                _("Poste"),
            ),
            Heading(_("Tous les effets"), level=2),
            effects_table(totals, _("Effets annuels pour l'ensemble du personnel")),
            # Members' distances always come from their communes; a staff file may give communes too.
            *parameters_annex(result.parameters, result.when, with_geography=True),
        ],
    )


def territory_report(form, results):
    """The report of the territory simulator: totals in a sentence, the map and the ranking with their tables, every
    effect and the parameters annex. `results` is what the page shows (`views.territory_results`)."""
    result, effects = results["result"], results["effects"]
    value = {name: effect.value for name, effect in effects.items()}
    summary = _(
        "Sur %(workers)s actifs des flux retenus, %(teleworkers)s télétravailleraient : %(km)s km et %(hours)s heures "
        "de trajet évités par an, %(net)s kg CO2e évités nets des effets rebond."
    ) % {
        "workers": number(value["workers"]),
        "teleworkers": number(value["teleworkers"]),
        "km": number(value["km_avoided_per_year"]),
        "hours": number(value["hours_saved_per_year"]),
        "net": number(value["co2e_kg_net_per_year"]),
    }
    territory_map = results["territory_map"]
    map_markup = render_to_string("core/_map.html", {"map": territory_map, "map_id": "carte"})
    map_classes = Table(
        (territory_map.value_header, _("Nombre"), str(territory_map.member_header)),
        tuple(
            (str(map_class.label), str(map_class.count), ", ".join(map(str, map_class.shown_members)))
            for map_class in territory_map.classes
        ),
        caption=_("Classes de la carte « %(title)s »") % {"title": territory_map.title},
    )
    return report_document(
        _("Rapport du simulateur d'impact du télétravail"),
        _("Simulation pour un territoire"),
        [
            Heading(_("Hypothèses")),
            inputs_table(form),
            Heading(_("Résultats par an")),
            Paragraph(summary),
            *_warnings(result),
            Heading(_("Présence en journée gagnée ou perdue"), level=2),
            Figure(map_markup, alt=str(territory_map.title), caption=str(territory_map.title)),
            map_classes,
            *chart_blocks(
                "classement",
                _("Présence en journée gagnée ou perdue (jours par an)"),
                results["ranking_rows"],
                _("Jours de présence par an"),
                _("Commune"),
            ),
            Heading(_("Tous les effets"), level=2),
            effects_table(effects, _("Effets annuels pour l'ensemble des flux")),
            *parameters_annex(result.parameters, result.when),
        ],
    )
