from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


def mark_already_closed(apps, schema_editor):
    """The campaigns closed before the indicators were kept have none to show: {} says so (None would have the first
    reading taken now, long after their closing, and shown as theirs)."""
    campaign_model = apps.get_model("practices", "Campaign")
    today = timezone.localdate()
    campaign_model.objects.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today)).update(equality_reading={})


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_response_sex"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="equality_reading",
            field=models.JSONField(
                blank=True, editable=False, null=True, verbose_name="indicateurs d'égalité à la clôture"
            ),
        ),
        migrations.RunPython(mark_already_closed, migrations.RunPython.noop),
    ]
