from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metrics.models import ChannelDailySnapshot, MetricImport, MonthlyReportDispatch, PostMetric


@admin.register(MonthlyReportDispatch)
class MonthlyReportDispatchAdmin(admin.ModelAdmin):
    """Which monthly effect reports went out: deleting a row lets that month's report be sent again."""

    list_display = ["unit", "month", "sent_at", "recipients"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "month", "sent_at", "recipients"]


@admin.register(MetricImport)
class MetricImportAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "channel", "format", "status", "rows_total", "rows_rejected", "uploaded_at"]
    list_filter = ["format", "status"]
    list_select_related = ["channel"]
    readonly_fields = [field.name for field in MetricImport._meta.fields]


@admin.register(ChannelDailySnapshot)
class ChannelDailySnapshotAdmin(admin.ModelAdmin):
    list_display = ["channel", "day", "followers", "reach", "views", "engagements", "network_members"]
    list_select_related = ["channel"]
    date_hierarchy = "day"
    readonly_fields = [field.name for field in ChannelDailySnapshot._meta.fields]


@admin.register(PostMetric)
class PostMetricAdmin(admin.ModelAdmin):
    list_display = ["channel", "external_id", "published_at", "reach", "views", "engagements"]
    list_select_related = ["channel"]
    readonly_fields = [field.name for field in PostMetric._meta.fields]
