from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts that can be trusted with personal data: log-in throttling, strong passwords, a second
    factor, bounded sessions and the people and roles pages."""

    name = "framsteg.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from framsteg.accounts import checks, rules, sessions  # noqa: F401  (checks registers the system checks)
        from framsteg.core.navigation import MenuItem, register_staff

        register_staff(MenuItem("account", _("My account"), "staff:account", 140, rules.may_use_own_account))
        register_staff(
            MenuItem("people", _("People and roles"), "staff:people", 145, rules.can_manage_people)
        )

        user_logged_in.connect(sessions.on_logged_in, dispatch_uid="framsteg-accounts-logged-in")
        user_logged_out.connect(sessions.on_logged_out, dispatch_uid="framsteg-accounts-logged-out")
