from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "framsteg.reports"
    verbose_name = _("Reports to the council")

    def ready(self):
        from framsteg.core import panels
        from framsteg.core.navigation import MenuItem, register_staff
        from framsteg.reports import rules
        from framsteg.reports.selectors.example import example_banner

        register_staff(
            MenuItem(
                "council-reports", _("Reports to the council"), "reports:index", 37, rules.may_see_reports
            )
        )
        panels.register("core.banner", example_banner)
