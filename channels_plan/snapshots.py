"""A plan as the reviewers saw it at a submission, and what changed between two submissions."""

import difflib

from channels_plan.models import ChannelPlan

SNAPSHOT_FIELDS = [
    "title",
    "goals",
    "success_evaluation",
    "primary_target_group",
    "secondary_target_groups",
    "platform",
    "platform_other",
    "content",
    "owner",
    "backup",
    "hours_per_week",
    "sender_name",
    "handle",
    "evaluation_date",
    "content_strategies",
    "invites_dialogue",
    "department_posts",
    "justification",
]


def _display(plan: ChannelPlan, field: str) -> str:
    if field == "content_strategies":
        return "\n".join(sorted(requirement.text_da for requirement in plan.content_strategies.all()))
    if field == "platform":
        return str(plan.get_platform_display())
    value = getattr(plan, field)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "–"
    return str(value)


def plan_snapshot(plan: ChannelPlan) -> dict[str, str]:
    return {field: _display(plan, field) for field in SNAPSHOT_FIELDS}


def snapshot_diff(previous: dict[str, str], current: dict[str, str]) -> list[dict]:
    """The fields that changed, each with its lines marked removed (-) or added (+)."""
    changes = []
    for field in SNAPSHOT_FIELDS:
        before, after = previous.get(field, ""), current.get(field, "")
        if before == after:
            continue
        lines = [
            {"kind": line[0], "text": line[2:]}
            for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in {"-", "+"}
        ]
        changes.append({"field": ChannelPlan._meta.get_field(field).verbose_name, "lines": lines})
    return changes
