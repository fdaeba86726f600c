from django.db import migrations

from training.scale_courses import load_courses


def forwards(apps, schema_editor):
    load_courses(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("maturity", "0002_load_scale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
