from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "framsteg.api"
    verbose_name = "API"

    def ready(self):
        from framsteg.api.api import outage_answer
        from framsteg.core import outage
        from framsteg.core.navigation import MenuItem, register_footer

        outage.register(outage_answer)

        register_footer(MenuItem("api", _("Open data (API)"), "api-1:openapi-view", 20))
