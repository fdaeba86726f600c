from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from training.models import Completion, Course, CourseSession, Enrolment, PostingCourseRequirement, TrainingReminder


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_da", "name_en", "audience"]
    list_filter = ["audience", "levels"]
    filter_horizontal = ["levels"]


@admin.register(CourseSession)
class CourseSessionAdmin(SimpleHistoryAdmin):
    list_display = ["course", "hospital", "starts_at", "capacity", "teacher", "cancelled_at"]
    list_filter = ["hospital", "course"]
    raw_id_fields = ["teacher"]


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["session", "user", "status", "queued_at"]
    list_filter = ["status"]
    raw_id_fields = ["session", "user", "enrolled_by"]


@admin.register(Completion)
class CompletionAdmin(SimpleHistoryAdmin):
    list_display = ["user", "course", "completed_on", "expires_on", "source"]
    list_filter = ["course", "source"]
    raw_id_fields = ["user", "session", "recorded_by"]


@admin.register(PostingCourseRequirement)
class PostingCourseRequirementAdmin(SimpleHistoryAdmin):
    list_display = ["hospital", "role", "course"]
    list_filter = ["hospital", "role"]


@admin.register(TrainingReminder)
class TrainingReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "subject_key", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]
