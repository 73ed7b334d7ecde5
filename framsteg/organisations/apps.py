from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "framsteg.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from framsteg.core.access import register_resolver
        from framsteg.organisations.access import resolve

        register_resolver(resolve)
