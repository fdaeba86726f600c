from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import (
    Alert,
    ChannelCheck,
    IngestToken,
    Interaction,
    InteractionAccess,
    MentionFeed,
    SchedulerHeartbeat,
)


@admin.register(SchedulerHeartbeat)
class SchedulerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at", "beats"]
    readonly_fields = ["name", "beat_at", "beats"]


@admin.register(ChannelCheck)
class ChannelCheckAdmin(admin.ModelAdmin):
    list_display = ["channel", "checked_by", "checked_at"]
    list_select_related = ["channel", "checked_by"]
    readonly_fields = ["channel", "checked_by", "checked_at"]


@admin.register(Interaction)
class InteractionAdmin(SimpleHistoryAdmin):
    """Without the text: it may hold health data, which the inbox shows only to those responsible (and logs)."""

    list_display = ["pk", "kind", "hospital", "channel", "status", "deadline", "has_health_data"]
    list_filter = ["hospital", "kind", "status", "has_health_data"]
    list_select_related = ["hospital", "channel"]
    exclude = ["text", "author_handle", "url"]
    readonly_fields = ["hospital", "channel", "unit", "feed", "source", "external_id", "occurred_at", "sentiment"]


@admin.register(InteractionAccess)
class InteractionAccessAdmin(admin.ModelAdmin):
    list_display = ["interaction", "user", "accessed_at"]
    list_select_related = ["interaction", "user"]
    readonly_fields = ["interaction", "user", "accessed_at"]


@admin.register(MentionFeed)
class MentionFeedAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hospital", "is_active", "last_success_at", "consecutive_failures", "last_error"]
    list_filter = ["hospital", "is_active"]
    list_select_related = ["hospital"]


@admin.register(IngestToken)
class IngestTokenAdmin(SimpleHistoryAdmin):
    list_display = ["channel", "created_by", "created_at", "last_used_at"]
    list_select_related = ["channel", "created_by"]
    readonly_fields = ["channel", "created_by", "created_at", "last_used_at"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["key", "cause", "hospital", "opened_at", "escalated_at", "closed_at"]
    list_filter = ["hospital", "cause"]
    list_select_related = ["hospital"]
    readonly_fields = ["key", "cause", "hospital", "unit", "channel", "interaction", "feed", "opened_at"]
