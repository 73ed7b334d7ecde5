from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "framsteg.situation"
    verbose_name = _("Situation picture")

    def ready(self):
        from framsteg.core import panels
        from framsteg.core.navigation import MenuItem, register_footer, register_staff
        from framsteg.situation import panels as situation_panels
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

        # Incident reports: the reporter's form, their own reports, the coordinators' review.
        register_staff(
            MenuItem(
                "incident-report",
                _("Report an incident"),
                "situation:incident-report",
                70,
                rules.may_report_incidents,
            )
        )
        register_staff(
            MenuItem(
                "incident-mine",
                _("My incident reports"),
                "situation:incident-mine",
                71,
                rules.may_report_incidents,
            )
        )
        register_staff(
            MenuItem(
                "incident-review",
                _("Review incidents"),
                "situation:incident-review",
                72,
                rules.may_review_incidents,
            )
        )
        panels.register("dialogue.case", situation_panels.case_panel)
        register_staff(
            MenuItem(
                "situation-picture",
                _("Weekly situation picture"),
                "situation:picture",
                73,
                rules.may_see_picture,
            )
        )
        register_staff(
            MenuItem(
                "situation-meeting", _("Weekly meeting"), "situation:meetings", 75, rules.may_see_picture
            )
        )
        register_staff(
            MenuItem("situation-actions", _("Joint actions"), "situation:actions", 76, rules.may_see_picture)
        )
        register_staff(
            MenuItem(
                "situation-reports",
                _("Tertial analysis and yearly lägesbild"),
                "situation:reports",
                78,
                rules.may_see_reports,
            )
        )
