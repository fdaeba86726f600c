from django.db import migrations

from maturity.scale.loader import load_scale


def forwards(apps, schema_editor):
    load_scale(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0001_initial"),
        ("governance", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
