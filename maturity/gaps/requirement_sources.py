"""Which evidence shows each requirement line of the scale, in one table.

Keyed by (level number, dimension code) with one entry per requirement line, in the order of the scale's lines
(``maturity/scale/scale.json``). ``SA`` marks a line no data can show: the unit's manager answers it in a
self-assessment. The other codes name evidence sources: maturity's own checks of governance (roles, back-ups,
guidelines, the follow group) and the providers the apps above register (plans, calendar, proposals, duties,
answer deadlines, metrics, training). A data migration copies the table onto ``Requirement.evidence_source``.

Each source's evidence is about one unit, so a line's source must judge the unit its scope names
(``Requirement.scope``): the communication unit for a hospital line, the department for the others. Hence the
changes of ``SOURCE_CHANGES`` (migration 0008): "the CoE is responsible for most/some of the posts, including the
assessment of content proposals" is the CoE's own responsibility (self-assessed by the communication unit), while the
share of a department's posts that went through a proposal shows the department's line "the selected departments
plan and publish their own posts in collaboration with the CoE"; the posting departments' "at least 2 people so that
they can stand in for each other" is a back-up line; "producers and departments help monitor their own posts" is
shown by the monitoring duties of the department's own channels.
"""

from maturity.models import SELF_ASSESSED as SA

ROLES_STAFFED = "roles_staffed"
ROLE_BACKUPS = "role_backups"
GUIDELINES_CURRENT = "guidelines_current"
FOLLOW_GROUP = "follow_group"
CHANNEL_PLANS = "channel_plans"
CALENDAR_IN_USE = "calendar_in_use"
PROPOSAL_SHARE = "proposal_share"
MONITORING_DUTIES = "monitoring_duties"
ANSWER_DEADLINES = "answer_deadlines"
METRICS_COLLECTED = "metrics_collected"
TRAINING_COVERAGE = "training_coverage"

ROLES, BACKUPS, GUIDES, GROUP = ROLES_STAFFED, ROLE_BACKUPS, GUIDELINES_CURRENT, FOLLOW_GROUP
PLANS, CALENDAR, PROPOSALS = CHANNEL_PLANS, CALENDAR_IN_USE, PROPOSAL_SHARE
DUTIES, ANSWERS, METRICS, COURSES = MONITORING_DUTIES, ANSWER_DEADLINES, METRICS_COLLECTED, TRAINING_COVERAGE

REQUIREMENT_SOURCES: dict[tuple[int, str], tuple[str, ...]] = {
    (1, "interaction"): (SA,),
    (1, "content_strategy"): (SA, SA, SA, SA),
    (1, "organisation"): (SA,),
    (1, "resources"): (BACKUPS,),
    (1, "monitoring"): (DUTIES, SA),
    (1, "response"): (GUIDES,),
    (1, "effect"): (METRICS, METRICS),
    (1, "content_planning"): (SA, SA, CALENDAR),
    (2, "interaction"): (ANSWERS, SA, SA, SA, SA),
    (2, "content_strategy"): (SA, SA),
    (2, "organisation"): (SA,),
    (2, "resources"): (ROLES, BACKUPS, ROLES, SA),
    (2, "monitoring"): (SA, SA, DUTIES, SA),
    (2, "response"): (GUIDES, GUIDES, GUIDES, GUIDES),
    (2, "effect"): (METRICS, METRICS, METRICS, METRICS),
    (2, "content_planning"): (SA, SA, CALENDAR),
    (2, "training"): (COURSES, COURSES),
    (3, "interaction"): (SA, SA, ANSWERS),
    (3, "content_strategy"): (SA,),
    (3, "organisation"): (SA, SA, SA, DUTIES, CALENDAR, PLANS),
    (3, "resources"): (ROLES, BACKUPS, ROLES, ROLES, ROLES, BACKUPS, SA),
    (3, "monitoring"): (SA, DUTIES, DUTIES),
    (3, "response"): (GUIDES, GUIDES, GUIDES, GUIDES),
    (3, "effect"): (METRICS, METRICS, METRICS, METRICS),
    (3, "content_planning"): (SA, CALENDAR, SA, SA, PROPOSALS),
    (3, "training"): (COURSES, COURSES, COURSES, COURSES, COURSES, COURSES),
    (4, "interaction"): (SA, SA),
    (4, "content_strategy"): (SA,),
    (4, "organisation"): (SA, SA, SA, DUTIES, CALENDAR, PLANS),
    (4, "resources"): (ROLES, ROLES, ROLES, BACKUPS, ROLES, ROLES, ROLES, ROLES, ROLES, SA, GROUP),
    (4, "monitoring"): (DUTIES,),
    (4, "response"): (GUIDES, GUIDES),
    (4, "effect"): (METRICS, METRICS),
    (4, "content_planning"): (SA, SA),
    (4, "training"): (COURSES,),
    (5, "interaction"): (SA,),
    (5, "content_strategy"): (SA,),
    (5, "organisation"): (SA,),
    (5, "resources"): (ROLES, ROLES, GROUP),
    (5, "monitoring"): (SA,),
    (5, "response"): (GUIDES, GUIDES),
    (5, "effect"): (METRICS,),
    (5, "content_planning"): (SA,),
    (5, "training"): (COURSES,),
}


def evidence_source_for(level_number: int, dimension_code: str, index: int) -> str:
    """The evidence source of the ``index``-th line of a cell; lines the table does not know are self-assessed."""
    sources = REQUIREMENT_SOURCES.get((level_number, dimension_code), ())
    return sources[index] if index < len(sources) else SA


# (level, dimension code, line index): (the source before, the source now); see the module's docstring.
SOURCE_CHANGES: dict[tuple[int, str, int], tuple[str, str]] = {
    (3, "organisation", 2): (PROPOSALS, SA),
    (4, "organisation", 2): (PROPOSALS, SA),
    (3, "resources", 5): (ROLES, BACKUPS),
    (3, "monitoring", 2): (SA, DUTIES),
}
