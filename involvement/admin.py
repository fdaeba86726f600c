from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from involvement.models import InvolvementInput


@admin.register(InvolvementInput)
class InvolvementInputAdmin(SimpleHistoryAdmin):
    """Links only: the interaction's text is read in the inbox, never here."""

    list_display = ["activity", "interaction", "topic", "linked_at"]
    list_select_related = ["activity", "topic"]
    readonly_fields = ["activity", "interaction", "topic", "linked_by", "linked_at"]
