from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "framsteg.situation"
    verbose_name = _("Situation picture")

    def ready(self):
        from framsteg.core.navigation import MenuItem, register_footer

        register_footer(
            MenuItem("situation", _("Safety: the joint situation picture"), "situation-public:picture", 25)
        )
