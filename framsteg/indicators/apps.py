from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "framsteg.indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from framsteg.core import panels
        from framsteg.core.navigation import MenuItem, register_main
        from framsteg.indicators.panels import area_panel, commitment_panel

        register_main(MenuItem("indicators", _("Indicators"), "indicators:dashboard", 40))
        panels.register("steering.area", area_panel)
        panels.register("steering.commitment", commitment_panel)

        from framsteg.indicators.goals import goal_readings
        from framsteg.steering.selectors.goals import register_indicator_reader

        register_indicator_reader(goal_readings)
