"""Channel plans, the channel registry, posting enrolment and content proposals."""

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
    "PlanDecision",
    "PlanSubmission",
    "Platform",
    "PostingEnrolment",
    "ProposalAttachment",
    "ProposalDecision",
    "ReviewDecision",
    "_attachment_path",
]
