from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log: who changed what, when and from where, and who read residents' personal data."""

    name = "framsteg.audit"
    verbose_name = _("Audit log")
