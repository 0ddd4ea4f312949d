"""What the legal pages show in tables."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.personal_data import processings
from teletravail.apps.core.retention import retention_days
from teletravail.apps.core.tables import Cell, table


def _period(parameter, what):
    days = retention_days(parameter)
    count = ngettext("%(days)s jour", "%(days)s jours", int(days)) % {"days": number_format(days, decimal_pos=0)}
    return _("%(what)s : %(count)s") % {"what": what, "count": count}


def personal_data_table():
    """Every processing the apps register: why, on which legal basis, what, for whom and for how long (the periods
    from the retention parameters)."""
    rows = [
        (
            str(processing.name),
            str(processing.purpose),
            str(processing.legal_basis),
            str(processing.data),
            str(processing.recipients),
            Cell(
                str(processing.retention),
                items=tuple(_period(parameter, str(what)) for parameter, what in processing.periods),
            ),
        )
        for processing in processings()
    ]
    return table(
        _("Traitements, finalités, bases légales et durées de conservation"),
        (_("Traitement"), _("Finalité"), _("Base légale"), _("Données"), _("Destinataires"), _("Conservation")),
        rows,
    )
