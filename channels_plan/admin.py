from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from channels_plan.models import (
    CalendarFeedToken,
    Channel,
    ChannelPlan,
    ChannelReview,
    ContentProposal,
    PlanDecision,
    PlanSubmission,
    PostingEnrolment,
    ProposalAttachment,
    ProposalDecision,
)


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


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(SimpleHistoryAdmin):
    """Staff see who has a calendar subscription and may delete one (the URL stops working); never the secret."""

    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # issued by services.calendar_feed_token_reset, from the person's own calendar page

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PostingEnrolment)
class PostingEnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "status", "requested_by", "decided_by", "changed_at"]
    list_filter = ["status", "unit__hospital"]
    list_select_related = ["unit", "requested_by", "decided_by"]
    raw_id_fields = ["unit", "requested_by", "decided_by"]


class ProposalDecisionInline(admin.TabularInline):
    model = ProposalDecision
    extra = 0
    readonly_fields = ["decision", "comment", "decided_by", "decided_at"]
    can_delete = False


class ProposalAttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(ContentProposal)
class ContentProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "status", "scheduled_at", "published_at"]
    list_filter = ["status", "strategy", "unit__hospital"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "created_by"]
    filter_horizontal = ["channels"]
    inlines = [ProposalDecisionInline, ProposalAttachmentInline]
