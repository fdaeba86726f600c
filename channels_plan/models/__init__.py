"""Channel plans, the channel registry, content proposals, user-involvement activities and patient networks."""

from channels_plan.models.involvement import InvolvementActivity, InvolvementReport, InvolvementTopic
from channels_plan.models.networks import NetworkPlanTerms, NetworkReview, PatientNetwork
from channels_plan.models.plans import (
    CalendarFeedToken,
    Channel,
    ChannelGroupObjectPermission,
    ChannelPlan,
    ChannelReview,
    ChannelUserObjectPermission,
    ContentProposal,
    ContentStrategy,
    PlanDecision,
    PlanSubmission,
    Platform,
    PostingEnrolment,
    ProposalAttachment,
    ProposalDecision,
    ReviewDecision,
    _attachment_path,
)

__all__ = [
    "CalendarFeedToken",
    "Channel",
    "ChannelGroupObjectPermission",
    "ChannelPlan",
    "ChannelReview",
    "ChannelUserObjectPermission",
    "ContentProposal",
    "ContentStrategy",
    "InvolvementActivity",
    "InvolvementReport",
    "InvolvementTopic",
    "NetworkPlanTerms",
    "NetworkReview",
    "PatientNetwork",
    "PlanDecision",
    "PlanSubmission",
    "Platform",
    "PostingEnrolment",
    "ProposalAttachment",
    "ProposalDecision",
    "ReviewDecision",
    "_attachment_path",
]
