from django.db import migrations

from maturity.scale.monitoring_norms import NORMS


def seed(apps, schema_editor):
    Level = apps.get_model("maturity", "Level")
    MonitoringNorm = apps.get_model("maturity", "MonitoringNorm")
    for level in Level.objects.filter(number__in=NORMS):
        MonitoringNorm.objects.get_or_create(level=level, defaults=NORMS[level.number])


class Migration(migrations.Migration):
    dependencies = [("maturity", "0004_monitoring_norms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
