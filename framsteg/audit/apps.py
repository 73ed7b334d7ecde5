from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log: who changed what, when and from where, and who read residents' personal data."""

    name = "framsteg.audit"
    verbose_name = _("Audit log")

    def ready(self):
        from framsteg.audit import rules
        from framsteg.core.navigation import MenuItem, register_staff

        register_staff(MenuItem("audit", _("Audit log"), "audit:log", 150, rules.can_read_log))
