from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "framsteg.steering"
    verbose_name = _("Steering")

    def ready(self):
        from framsteg.core.navigation import MenuItem, register_footer, register_main, register_staff
        from framsteg.steering import rules

        register_main(MenuItem("plan", _("The plan"), "public:home", 10))
        register_main(MenuItem("search", _("Commitments"), "public:search", 20))
        register_main(MenuItem("documents", _("Documents"), "public:documents", 30))
        register_main(MenuItem("goals", _("Goal tree"), "public:goal-tree", 35))
        register_footer(MenuItem("documents", _("Source documents"), "public:documents", 10))
        register_footer(MenuItem("about", _("About the figures"), "public:about", 30))
        register_footer(MenuItem("accessibility", _("Accessibility"), "public:accessibility", 40))
        register_footer(MenuItem("privacy", _("Personal data"), "public:privacy", 50))
        register_staff(MenuItem("home", _("My commitments"), "staff:home", 10, rules.may_use_staff_home))
        register_staff(MenuItem("many", _("Report many at once"), "staff:report-many", 20, rules.may_report))
        register_staff(MenuItem("unreported", _("Not reported"), "staff:unreported", 30, rules.may_follow_up))
        register_staff(MenuItem("review", _("Review reports"), "staff:review", 35, rules.may_review))
        register_staff(MenuItem("goals", _("Goals and judgements"), "staff:goals", 37, rules.may_see_goals))
        register_staff(MenuItem("links", _("Document links"), "staff:links", 40, rules.may_see_links))
        register_staff(
            MenuItem("documents", _("Steering documents"), "staff:documents", 80, rules.can_import)
        )
        register_staff(
            MenuItem("comparison", _("Proposals compared"), "staff:comparison", 85, rules.may_compare)
        )
        register_staff(MenuItem("import", _("Import a document"), "staff:import", 90, rules.can_import))
