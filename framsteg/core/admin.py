"""The Django admin is for administrators only; every other role works in the product's own pages.

`AdminSite` asks the access model instead of `is_staff`, and sends log-in to the product's own log-in page
(with its throttling and second factor). `ReadOnlyAdminMixin` is for records that only change through the
product's services.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url

from framsteg.core.access import access_for


class AdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and access_for(user).is_administrator)

    def login(self, request, extra_context=None):
        return redirect_to_login(
            request.GET.get("next") or resolve_url("admin:index"), resolve_url(settings.LOGIN_URL)
        )


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
