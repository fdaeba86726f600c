"""Monitoring models, one module per part of the domain."""

from monitoring.models.duties import (
    TEXT_MAX_LENGTH,
    Alert,
    ChannelCheck,
    IngestToken,
    Interaction,
    InteractionAccess,
    MentionFeed,
    SchedulerHeartbeat,
)
from monitoring.models.involvement import InvolvementInput
from monitoring.models.metrics import ChannelDailySnapshot, MetricImport, MonthlyReportDispatch, PostMetric

__all__ = [
    "TEXT_MAX_LENGTH",
    "Alert",
    "ChannelCheck",
    "ChannelDailySnapshot",
    "IngestToken",
    "Interaction",
    "InteractionAccess",
    "InvolvementInput",
    "MentionFeed",
    "MetricImport",
    "MonthlyReportDispatch",
    "PostMetric",
    "SchedulerHeartbeat",
]
