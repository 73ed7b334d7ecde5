"""Administrators hold every permission, so the Django admin (which answers only them) lets them work.

Everyone else holds the permissions Django gives them, and no page of the product asks for one: access is
decided by each app's `rules.py`.
"""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from framsteg.core.access import access_for


class AdministratorBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return bool(user_obj.is_active and access_for(user_obj).is_administrator)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return self.has_perm(user_obj, app_label)
