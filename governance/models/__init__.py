"""Governance models, one module per part of the domain."""

from governance.models.crisis import CrisisPeriod
from governance.models.follow_group import FollowGroup, FollowGroupIdea, FollowGroupMeeting, FollowGroupMember
from governance.models.guidelines import GuidelineDocument, GuidelineKind, GuidelineVersion
from governance.models.organisation import (
    Hospital,
    Membership,
    Role,
    Unit,
    User,
    in_language,
    in_ui_language,
    text_language,
)
from governance.models.triage import TriageAction, TriageNode

__all__ = [
    "CrisisPeriod",
    "FollowGroup",
    "FollowGroupIdea",
    "FollowGroupMeeting",
    "FollowGroupMember",
    "GuidelineDocument",
    "GuidelineKind",
    "GuidelineVersion",
    "Hospital",
    "Membership",
    "Role",
    "TriageAction",
    "TriageNode",
    "Unit",
    "User",
    "in_language",
    "in_ui_language",
    "text_language",
]
