from django.contrib import admin

from framsteg.accounts.models import LoginFailure, LoginLock


class ReadOnlyAdmin(admin.ModelAdmin):
    """Failures and locks are written by log-in itself; administrators unlock from the people page."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "ip_address", "reason"]
    list_filter = ["reason"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"


@admin.register(LoginLock)
class LoginLockAdmin(ReadOnlyAdmin):
    list_display = ["locked_at", "scope", "key", "until", "failures", "unlocked_at", "unlocked_by"]
    list_filter = ["scope"]
    search_fields = ["key"]
