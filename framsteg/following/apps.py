from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "framsteg.following"
    verbose_name = _("Following the plan")

    def ready(self):
        from framsteg.core import panels
        from framsteg.core.navigation import MenuItem, register_footer
        from framsteg.following import panels as following_panels
        from framsteg.following.services import notifications
        from framsteg.steering import publication

        publication.register(notifications.queue_publication)
        panels.register("steering.commitment", following_panels.commitment_panel)
        panels.register("steering.area", following_panels.area_panel)
        register_footer(MenuItem("following", _("Follow the plan by e-mail"), "following:follow", 32))
