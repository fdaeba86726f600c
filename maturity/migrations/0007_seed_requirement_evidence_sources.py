from django.db import migrations

from maturity.gaps.requirement_sources import evidence_source_for


def forwards(apps, schema_editor):
    """Mark each requirement line with the evidence source that shows it (the table in requirement_sources.py)."""
    Requirement = apps.get_model("maturity", "Requirement")
    for requirement in Requirement.objects.select_related("cell__level", "cell__dimension"):
        cell = requirement.cell
        source = evidence_source_for(cell.level.number, cell.dimension.code, requirement.order - 1)
        if requirement.evidence_source != source:
            requirement.evidence_source = source
            requirement.save(update_fields=["evidence_source"])


class Migration(migrations.Migration):
    dependencies = [("maturity", "0006_requirement_evidence_self_assessment_gap_snapshot")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
