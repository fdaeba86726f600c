from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from involvement.models import (
    InvolvementActivity,
    InvolvementInput,
    InvolvementReport,
    InvolvementTopic,
    NetworkPlanTerms,
    NetworkReview,
    PatientNetwork,
)


@admin.register(InvolvementInput)
class InvolvementInputAdmin(SimpleHistoryAdmin):
    """Links only: the interaction's text is read in the inbox, never here."""

    list_display = ["activity", "interaction", "topic", "linked_at"]
    list_select_related = ["activity", "topic"]
    readonly_fields = ["activity", "interaction", "topic", "linked_by", "linked_at"]


@admin.register(InvolvementActivity)
class InvolvementActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "kind", "status", "created_at"]
    list_filter = ["status", "kind", "unit__hospital"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "created_by", "proposals"]


@admin.register(InvolvementTopic)
class InvolvementTopicAdmin(SimpleHistoryAdmin):
    list_display = ["label", "activity"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]


@admin.register(InvolvementReport)
class InvolvementReportAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "decided_by", "decided_on"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "recorded_by"]


@admin.register(NetworkPlanTerms)
class NetworkPlanTermsAdmin(SimpleHistoryAdmin):
    list_display = ["plan"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "facilitators", "guidelines"]


@admin.register(PatientNetwork)
class PatientNetworkAdmin(SimpleHistoryAdmin):
    list_display = ["channel", "unit", "approved_at"]
    list_select_related = ["channel", "unit"]
    raw_id_fields = ["channel", "unit", "facilitators", "guidelines"]


@admin.register(NetworkReview)
class NetworkReviewAdmin(SimpleHistoryAdmin):
    list_display = ["network", "reviewed_on", "continues"]
    list_select_related = ["network__channel"]
    raw_id_fields = ["network", "reviewed_by"]
