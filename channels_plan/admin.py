from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from channels_plan.models import Channel, ChannelPlan, ChannelReview, PlanDecision, PlanSubmission


class PlanSubmissionInline(admin.TabularInline):
    model = PlanSubmission
    extra = 0
    readonly_fields = ["number", "submitted_by", "submitted_at"]
    exclude = ["snapshot"]
    can_delete = False


@admin.register(ChannelPlan)
class ChannelPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "platform", "status", "submitted_at"]
    list_filter = ["status", "platform", "unit__hospital"]
    list_select_related = ["unit"]
    search_fields = ["title", "sender_name", "handle"]
    autocomplete_fields = ["owner", "backup"]
    raw_id_fields = ["created_by", "evaluated_by"]
    inlines = [PlanSubmissionInline]


@admin.register(PlanDecision)
class PlanDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "decision", "decided_by", "decided_at"]
    list_select_related = ["plan", "decided_by"]
    list_filter = ["decision"]


@admin.register(Channel)
class ChannelAdmin(SimpleHistoryAdmin):
    list_display = ["sender_name", "platform", "handle", "unit", "status"]
    list_filter = ["status", "platform", "unit__hospital"]
    list_select_related = ["unit"]
    search_fields = ["sender_name", "handle"]
    autocomplete_fields = ["owner", "backup"]
    raw_id_fields = ["plan"]


@admin.register(ChannelReview)
class ChannelReviewAdmin(SimpleHistoryAdmin):
    list_display = ["channel", "reviewed_by", "reviewed_at", "owner_still_there", "backup_still_there", "still_needed"]
    list_select_related = ["channel", "reviewed_by"]
