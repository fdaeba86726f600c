"""Give every existing hospital without a triage diagram the default one (governance/triage/seed.py).

New hospitals get it from ``hospital_ensure``. The history rows are written here by hand, since the migration's
historical models do not send simple-history's signals.
"""

from django.db import migrations
from django.utils import timezone

from governance.triage.seed import triage_seed_fields, triage_seed_in_creation_order


def seed_default_triage(apps, schema_editor):
    Hospital = apps.get_model("governance", "Hospital")
    TriageNode = apps.get_model("governance", "TriageNode")
    HistoricalTriageNode = apps.get_model("governance", "HistoricalTriageNode")
    now = timezone.now()
    for hospital in Hospital.objects.exclude(triage_nodes__isnull=False):
        created = {}
        for entry in triage_seed_in_creation_order():
            fields = triage_seed_fields(entry)
            node = TriageNode.objects.create(
                hospital=hospital,
                yes_next=created.get(entry.get("yes", "")),
                no_next=created.get(entry.get("no", "")),
                **fields,
            )
            created[node.code] = node
            HistoricalTriageNode.objects.create(
                id=node.pk,
                hospital_id=hospital.pk,
                yes_next_id=node.yes_next_id,
                no_next_id=node.no_next_id,
                history_date=now,
                history_type="+",
                history_change_reason="Default triage diagram",
                **fields,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_guidelines_triage_crisis_follow_group"),
    ]

    operations = [
        migrations.RunPython(seed_default_triage, migrations.RunPython.noop),
    ]
