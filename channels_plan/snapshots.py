"""A plan as the reviewers saw it at a submission, and what changed between two submissions."""

import difflib

from channels_plan.models import ChannelPlan
from maturity.models import Requirement


def _display(plan: ChannelPlan, field: str) -> str:
    if field == "content_strategies":
        # Kept as ids, so that the diff shows the scale's texts in the reader's language.
        return "\n".join(str(pk) for pk in sorted(requirement.pk for requirement in plan.content_strategies.all()))
    if field == "platform":
        return str(plan.get_platform_display())
    value = getattr(plan, field)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "–"
    return str(value)


def plan_snapshot(plan: ChannelPlan) -> dict[str, str]:
    return {field: _display(plan, field) for field in ChannelPlan.DRAFTED_FIELDS}


def _strategy_texts(previous: dict[str, str], current: dict[str, str]) -> dict[str, str]:
    ids = {pk for snapshot in (previous, current) for pk in snapshot.get("content_strategies", "").split()}
    return {str(requirement.pk): requirement.text for requirement in Requirement.objects.filter(pk__in=ids)}


def snapshot_diff(previous: dict[str, str], current: dict[str, str]) -> list[dict]:
    """The fields that changed, each with its lines marked removed (-) or added (+)."""
    strategies = _strategy_texts(previous, current)
    changes = []
    for field in ChannelPlan.DRAFTED_FIELDS:
        before, after = previous.get(field, ""), current.get(field, "")
        if before == after:
            continue
        lines = [
            {"kind": line[0], "text": strategies.get(line[2:], line[2:]) if field == "content_strategies" else line[2:]}
            for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in {"-", "+"}
        ]
        changes.append({"field": ChannelPlan._meta.get_field(field).verbose_name, "lines": lines})
    return changes
