from django.contrib import admin

from monitoring.models import SchedulerHeartbeat


@admin.register(SchedulerHeartbeat)
class SchedulerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at", "beats"]
    readonly_fields = ["name", "beat_at", "beats"]
