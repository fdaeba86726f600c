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

__all__ = [
    "TEXT_MAX_LENGTH",
    "Alert",
    "ChannelCheck",
    "IngestToken",
    "Interaction",
    "InteractionAccess",
    "MentionFeed",
    "SchedulerHeartbeat",
]
