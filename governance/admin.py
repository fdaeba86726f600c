from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import Hospital, Membership, Role, Unit, User


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
