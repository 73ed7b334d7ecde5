from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site frame, the staff shell, shared templates and helpers, system checks. Owns no tables."""

    name = "framsteg.core"
    verbose_name = _("Core")
