from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "framsteg.api"
    verbose_name = "API"

    def ready(self):
        from framsteg.core.navigation import MenuItem, register_footer

        register_footer(MenuItem("api", _("Open data (API)"), "api-1:openapi-view", 20))
