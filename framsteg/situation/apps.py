from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "framsteg.situation"
    verbose_name = _("Situation picture")

    def ready(self):
        from framsteg.core.navigation import MenuItem, register_footer, register_staff
        from framsteg.situation import rules

        register_footer(
            MenuItem("situation", _("Safety: the joint situation picture"), "situation-public:picture", 25)
        )

        # Partners' files and systems.
        register_staff(
            MenuItem(
                "incident-import",
                _("Import incident reports"),
                "situation:import",
                74,
                rules.may_import_incidents,
            )
        )
        register_staff(
            MenuItem(
                "partner-api-keys",
                _("Partners’ API keys"),
                "situation:api-keys",
                96,
                rules.may_manage_partner_api_keys,
            )
        )
