from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "framsteg.dialogue"
    verbose_name = _("Dialogue")

    def ready(self):
        from framsteg.core import outage
        from framsteg.core.navigation import MenuItem, register_main, register_staff
        from framsteg.dialogue import outage as dialogue_outage
        from framsteg.dialogue import rules

        outage.register(dialogue_outage.answer)

        register_main(MenuItem("dialogue", _("Report or give feedback"), "dialogue:start", 50))
        register_staff(MenuItem("cases", _("Cases"), "cases:inbox", 50, rules.may_handle_cases))
        statistics = MenuItem(
            "case-statistics", _("Case statistics"), "cases:statistics", 60, rules.may_see_statistics
        )
        register_staff(statistics)
        register_staff(MenuItem("api-keys", _("API keys"), "cases:api-keys", 95, rules.may_manage_api_keys))
