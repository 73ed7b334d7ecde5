from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "framsteg.budget"
    verbose_name = _("Budget follow-up")

    def ready(self):
        from framsteg.budget import rules
        from framsteg.core.navigation import MenuItem, register_footer, register_staff

        register_footer(MenuItem("budget", _("Budget follow-up"), "budget-public:follow-up", 30))
        register_staff(
            MenuItem("budget", _("Budget follow-up"), "budget:follow-up", 60, rules.may_see_follow_up)
        )
        register_staff(
            MenuItem("budget-import", _("Import budget outcome"), "budget:import", 61, rules.may_import)
        )
        register_staff(
            MenuItem(
                "budget-stated", _("Amounts in the documents"), "budget:stated", 62, rules.may_record_budgets
            )
        )
