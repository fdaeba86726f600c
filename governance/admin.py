from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    CrisisPeriod,
    FollowGroup,
    FollowGroupIdea,
    FollowGroupMeeting,
    FollowGroupMember,
    GuidelineDocument,
    GuidelineVersion,
    Hospital,
    Membership,
    Role,
    TriageNode,
    Unit,
    User,
)


@admin.register(User)
class HospitalUserAdmin(UserAdmin, SimpleHistoryAdmin):
    pass


@admin.register(Hospital)
class HospitalAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hospital", "kind", "parent"]
    list_filter = ["hospital", "kind"]
    list_select_related = ["hospital", "parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_da", "name_en", "order"]
    search_fields = ["code", "name_da", "name_en"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role", "backup_for"]
    list_filter = ["unit__hospital", "role"]
    list_select_related = ["user", "unit", "role", "backup_for__user", "backup_for__unit", "backup_for__role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit", "backup_for"]


class GuidelineVersionInline(admin.StackedInline):
    model = GuidelineVersion
    extra = 0
    fields = ["number", "status", "body", "change_summary", "written_by", "approved_by", "approved_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(GuidelineDocument)
class GuidelineDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "hospital", "unit", "review_interval_months"]
    list_filter = ["hospital", "kind"]
    list_select_related = ["hospital", "unit"]
    search_fields = ["title"]
    autocomplete_fields = ["unit", "named_people"]
    inlines = [GuidelineVersionInline]


@admin.register(GuidelineVersion)
class GuidelineVersionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "number", "status", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["document"]
    readonly_fields = ["document", "number", "status", "approved_by", "approved_at", "superseded_at"]


@admin.register(TriageNode)
class TriageNodeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "kind", "hospital", "action", "is_start"]
    list_filter = ["hospital", "kind", "action"]
    list_select_related = ["hospital"]
    search_fields = ["code", "text_da", "text_nb", "text_en"]


@admin.register(CrisisPeriod)
class CrisisPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["hospital", "started_at", "started_by", "ended_at", "ended_by"]
    list_filter = ["hospital"]
    list_select_related = ["hospital", "started_by", "ended_by"]
    readonly_fields = ["hospital", "started_by", "started_at", "ended_by", "ended_at"]


class FollowGroupMemberInline(admin.TabularInline):
    model = FollowGroupMember
    extra = 0
    autocomplete_fields = ["user", "unit"]


@admin.register(FollowGroup)
class FollowGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hospital"]
    list_select_related = ["hospital"]
    inlines = [FollowGroupMemberInline]


class FollowGroupIdeaInline(admin.TabularInline):
    model = FollowGroupIdea
    extra = 0


@admin.register(FollowGroupMeeting)
class FollowGroupMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["group", "held_on", "recorded_by"]
    list_select_related = ["group", "recorded_by"]
    inlines = [FollowGroupIdeaInline]
