from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site frame, the staff shell, shared templates and helpers, system checks. Owns no tables."""

    name = "framsteg.core"
    verbose_name = _("Core")

    def ready(self):
        from framsteg.core import checks, maps
        from framsteg.core.access import access_for
        from framsteg.core.navigation import MenuItem, register_staff

        checks.register()
        maps.allow_tiles()  # the street maps' tiles, in the Content-Security-Policy

        def is_administrator(user) -> bool:
            return access_for(user).is_administrator

        register_staff(MenuItem("admin", _("Site administration"), "admin:index", 200, is_administrator))


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, answering administrators only (`framsteg.core.admin.AdminSite`)."""

    default = False
    default_site = "framsteg.core.admin.AdminSite"
