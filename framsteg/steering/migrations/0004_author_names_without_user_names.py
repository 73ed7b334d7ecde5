"""Reports signed with the author's user name (when no full name was set) are signed with the organisation
reported for instead: user names are never shown on the public pages and feeds. Status updates are otherwise
never changed; this corrects only how the author is named."""

from django.conf import settings
from django.db import migrations


def sign_without_user_names(apps, schema_editor):
    StatusUpdate = apps.get_model("steering", "StatusUpdate")
    Membership = apps.get_model("organisations", "Membership")
    updates = StatusUpdate.objects.filter(author__isnull=False).select_related("author", "organisation")
    for update in updates.iterator():
        author = update.author
        full_name = " ".join(part for part in (author.first_name.strip(), author.last_name.strip()) if part)
        if full_name or update.author_name != author.username:
            continue
        if update.organisation is not None:
            name = update.organisation.name
        else:
            membership = (
                Membership.objects.filter(user=author)
                .select_related("organisation")
                .order_by("organisation__name")
                .first()
            )
            name = membership.organisation.name if membership else settings.MUNICIPALITY_NAME
        # The signature only: the report itself (status, progress, text, time) stays as it was given.
        StatusUpdate._base_manager.filter(pk=update.pk).update(author_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0003_status_descriptions"),
        ("organisations", "0003_partner_districts"),
    ]

    operations = [migrations.RunPython(sign_without_user_names, migrations.RunPython.noop)]
