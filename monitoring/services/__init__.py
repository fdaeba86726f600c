"""Every write of the monitoring app, one module per part: the heartbeat, intake of interactions, the inbox's
actions, channel checks, retention."""

from monitoring.services.heartbeat import SCHEDULER_HEARTBEAT, heartbeat_record

__all__ = ["SCHEDULER_HEARTBEAT", "heartbeat_record"]
