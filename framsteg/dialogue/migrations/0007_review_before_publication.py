# Nothing a resident wrote is public until reviewed. Existing texts were published after automatic removal
# only, so they wait for review; the place gets the same automatic proposal. Photos staff had published count
# as approved. Photos an earlier merge moved to the main case go back to the resident who sent them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from framsteg.dialogue.redaction import redact


def forwards(apps, schema_editor):
    Case = apps.get_model("dialogue", "Case")
    Photo = apps.get_model("dialogue", "Photo")
    CaseEvent = apps.get_model("dialogue", "CaseEvent")
    for case in Case.objects.exclude(place="").only("pk", "place", "contact_name").iterator():
        names = [case.contact_name] if case.contact_name else []
        Case.objects.filter(pk=case.pk).update(published_place=redact(case.place, names=names))
    Photo.objects.filter(is_public=True).update(review="approved")
    for event in CaseEvent.objects.filter(kind="merged").exclude(data__duplicate_id=None).iterator():
        data = event.data or {}
        duplicate, photos = data.get("duplicate_id"), data.get("photos") or []
        if duplicate and photos:
            Photo.objects.filter(pk__in=photos, case_id=event.case_id).update(case_id=duplicate)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0006_status_emails_stopped"),
        ("organisations", "0003_partner_districts"),
        ("places", "0001_initial"),
        ("steering", "0003_status_descriptions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="published_place",
            field=models.CharField(blank=True, max_length=300, verbose_name="published place"),
        ),
        migrations.AddField(
            model_name="case",
            name="review_reason",
            field=models.TextField(blank=True, verbose_name="why the text is not published"),
        ),
        migrations.AddField(
            model_name="case",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="text reviewed"),
        ),
        migrations.AddField(
            model_name="case",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="text reviewed by",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="text_review",
            field=models.CharField(
                choices=[
                    ("pending", "To review"),
                    ("approved", "Approved"),
                    ("automatic", "Published automatically"),
                    ("rejected", "Not published"),
                ],
                default="pending",
                max_length=10,
                verbose_name="review of the text",
            ),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="review",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pending", "To review"),
                    ("approved", "Approved"),
                    ("automatic", "Published automatically"),
                    ("rejected", "Not published"),
                ],
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="category",
            name="publish_when_clean",
            field=models.BooleanField(
                default=False,
                help_text="Off: a case officer reviews every report's text before it is published. On: a report whose text and place the automatic check finds nothing in is published at once, marked as not reviewed; the rest wait for review. Photos are always reviewed.",
                verbose_name="publish automatically when no personal data is found",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="review",
            field=models.CharField(
                choices=[
                    ("pending", "To review"),
                    ("approved", "Approved"),
                    ("automatic", "Published automatically"),
                    ("rejected", "Not published"),
                ],
                default="pending",
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("received", "Received"),
                    ("routed", "Routed"),
                    ("assigned", "Assigned"),
                    ("status", "Status changed"),
                    ("note", "Internal note"),
                    ("answer", "Answer to the resident"),
                    ("public_note", "Public note"),
                    ("reviewed", "Reviewed for publication"),
                    ("merged", "Merged as a duplicate"),
                    ("linked", "Linked to a commitment"),
                    ("published", "Published text changed"),
                    ("emailed", "E-mail sent"),
                    ("reminded", "Reminder sent"),
                    ("personal_data_removed", "Personal data removed"),
                    ("resident", "Message from the resident"),
                ],
                max_length=24,
                verbose_name="kind",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["text_review"], name="dialogue_ca_text_re_6ca87b_idx"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
