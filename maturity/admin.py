from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from maturity.models import (
    Dimension,
    GapSnapshot,
    InteractionFeature,
    Level,
    LevelDimension,
    Metric,
    MonitoringNorm,
    RequiredGuideline,
    RequiredMetric,
    Requirement,
    RoleRequirement,
    SelfAssessment,
    UnitMaturity,
)


class CatalogueAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_da", "name_en", "order"]
    search_fields = ["code", "name_da", "name_en"]


admin.site.register(Dimension, CatalogueAdmin)
admin.site.register(InteractionFeature, CatalogueAdmin)
admin.site.register(Metric, CatalogueAdmin)


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 0
    autocomplete_fields = ["role"]


class RequiredMetricInline(admin.TabularInline):
    model = RequiredMetric
    extra = 0


class RequiredGuidelineInline(admin.TabularInline):
    model = RequiredGuideline
    extra = 0


@admin.register(Level)
class LevelAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name_da", "organisation_model", "posting_scope", "monitoring_cadence"]
    filter_horizontal = ["features"]
    inlines = [RoleRequirementInline, RequiredMetricInline, RequiredGuidelineInline]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0


@admin.register(LevelDimension)
class LevelDimensionAdmin(SimpleHistoryAdmin):
    list_display = ["level", "dimension", "inherits_lower"]
    list_filter = ["level", "dimension"]
    list_select_related = ["level", "dimension"]
    inlines = [RequirementInline]


@admin.register(Requirement)
class RequirementAdmin(SimpleHistoryAdmin):
    list_display = ["text_da", "text_en", "cell"]
    list_filter = ["cell__level", "cell__dimension"]
    list_select_related = ["cell__level", "cell__dimension"]
    search_fields = ["text_da", "text_en"]


@admin.register(RoleRequirement)
class RoleRequirementAdmin(SimpleHistoryAdmin):
    list_display = ["level", "role", "scope", "min_headcount", "recommended_headcount", "needs_backup"]
    list_filter = ["level", "scope", "role"]
    list_select_related = ["level", "role"]
    filter_horizontal = ["may_combine_with"]


@admin.register(RequiredMetric)
class RequiredMetricAdmin(SimpleHistoryAdmin):
    list_display = ["level", "metric", "optional"]
    list_select_related = ["level", "metric"]


@admin.register(RequiredGuideline)
class RequiredGuidelineAdmin(SimpleHistoryAdmin):
    list_display = ["level", "kind"]
    list_select_related = ["level"]


@admin.register(UnitMaturity)
class UnitMaturityAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "current_level", "target_level"]
    list_select_related = ["unit", "current_level", "target_level"]
    autocomplete_fields = ["unit"]


@admin.register(MonitoringNorm)
class MonitoringNormAdmin(SimpleHistoryAdmin):
    list_display = [
        "level",
        "check_interval_minutes",
        "checks_in_working_time",
        "answer_within_minutes",
        "answer_in_working_time",
        "involvement_check_interval_minutes",
        "escalate_after_minutes",
    ]
    list_select_related = ["level"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "requirement", "answer", "review", "answered_by", "answered_at"]
    list_filter = ["review", "answer"]
    list_select_related = ["unit", "requirement", "answered_by"]
    raw_id_fields = ["unit", "requirement", "answered_by", "reviewed_by"]


@admin.register(GapSnapshot)
class GapSnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "month", "assessed_level", "report_level", "taken_at"]
    list_filter = ["month"]
    list_select_related = ["unit"]
