from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from training.models import Course


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_da", "name_en", "audience"]
    list_filter = ["audience", "levels"]
    filter_horizontal = ["levels"]
