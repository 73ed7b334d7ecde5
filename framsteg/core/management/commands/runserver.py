"""`runserver` that checks the configuration before it starts, and links e-mails to the address it serves.

Unless FRAMSTEG_SITE_URL is given, links in e-mails sent while developing (answers to residents, for
instance) point to the address served, so `make run ADDRESS=0.0.0.0:8080` gives links that work from
another device: the machine's host name takes the place of a wildcard address.
"""

from __future__ import annotations

import os
import socket

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

WILDCARDS = {"0", "0.0.0.0", "::"}


def served_url(addr: str, port: str | int, ipv6: bool = False) -> str:
    """The address to link to for a server listening on `addr`:`port`."""
    host = socket.gethostname() if addr in WILDCARDS else addr
    if ipv6 and addr not in WILDCARDS:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def follow_served_address(addr: str, port: str | int, ipv6: bool = False) -> None:
    """Use the served address for links, and answer to its host, unless the environment says otherwise."""
    environment = settings.CONFIGURATION
    if settings.PRODUCTION or environment.is_given("FRAMSTEG_SITE_URL"):
        return
    settings.SITE_URL = served_url(addr, port, ipv6)
    if not environment.is_given("FRAMSTEG_ALLOWED_HOSTS"):
        host = settings.SITE_URL.split("//", 1)[1].rsplit(":", 1)[0]
        if host not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]


class Command(StaticfilesRunserver):
    def run(self, **options) -> None:
        follow_served_address(self.addr, self.port, self._raw_ipv6)
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # Before the reloader starts, so that a wrong setting ends the command with the checks'
            # message, not with a traceback from the server's thread.
            if not options["skip_checks"]:
                self.check()
            self.stdout.write(f"Links in e-mails point to {settings.SITE_URL}")
        super().run(**options)
