"""Audit entries in the Django admin: for administrators to read, never to add, change or delete."""

from django.contrib import admin

from framsteg.audit import rules
from framsteg.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "kind",
        "action",
        "username",
        "target_type",
        "target_id",
        "target_label",
        "ip_address",
    )
    list_filter = ("kind",)
    search_fields = ("username", "action", "target_label", "target_id")
    date_hierarchy = "at"
    actions = None
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    list_select_related = ("user",)

    def has_module_permission(self, request) -> bool:
        return rules.can_read_log(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return rules.can_read_log(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
