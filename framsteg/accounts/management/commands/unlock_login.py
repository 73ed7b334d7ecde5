"""List log-in locks, or unlock an account or an address: `framsteg unlock-login anna`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from framsteg.accounts import services
from framsteg.accounts.models import LoginLock


class Command(BaseCommand):
    help = "Unlock an account (by user name) or an address locked after too many failed log-ins."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="the user name to unlock")
        parser.add_argument("--address", help="an IP address to unlock instead")
        parser.add_argument("--list", action="store_true", help="list the locks in force and exit")

    def handle(self, *args, username=None, address=None, list=False, **options):
        if list:
            locks = LoginLock.objects.active().order_by("locked_at")
            for lock in locks:
                self.stdout.write(
                    f"{lock.scope}\t{lock.key}\tuntil {lock.until:%Y-%m-%d %H:%M}\t{lock.failures} failures"
                )
            if not locks:
                self.stdout.write("No locks in force.")
            return
        if bool(username) == bool(address):
            raise CommandError("Give a user name or --address (one of them), or --list.")
        if address:
            count = services.unlock(LoginLock.Scope.ADDRESS, address)
            self.stdout.write(f"Unlocked {address} ({count} lock{'s' if count != 1 else ''} ended).")
        else:
            count = services.unlock(LoginLock.Scope.ACCOUNT, username)
            self.stdout.write(f"Unlocked {username} ({count} lock{'s' if count != 1 else ''} ended).")
