"""Send the followers' e-mails still waiting (the mail server was down) and remove the addresses never
confirmed in time. Run every few minutes from cron or a systemd timer."""

from django.core.management.base import BaseCommand

from framsteg.following.services.notifications import send_pending
from framsteg.following.services.subscriptions import remove_unconfirmed


class Command(BaseCommand):
    help = "Send the followers' waiting e-mails and remove addresses never confirmed."

    def handle(self, *args, **options):
        sent = send_pending()
        removed = remove_unconfirmed()
        self.stdout.write(f"{sent} e-mails sent, {removed} unconfirmed addresses removed.")
