from django.db import migrations

DEFAULT_STATUSES = [
    # code, Swedish, English, Finnish, default progress, requires reason, done, tone
    ("not_started", "Ej påbörjad", "Not started", "Ei aloitettu", 0, False, False, "neutral"),
    ("in_progress", "Pågår", "In progress", "Käynnissä", None, False, False, "active"),
    ("partly_done", "Delvis genomförd", "Partly done", "Osittain toteutettu", None, False, False, "active"),
    ("done", "Genomförd", "Done", "Toteutettu", 100, False, True, "good"),
    ("delayed", "Försenad", "Delayed", "Viivästynyt", None, False, False, "warning"),
    ("cancelled", "Avbruten", "Cancelled", "Keskeytetty", None, True, False, "bad"),
    ("cannot_assess", "Kan ej bedömas", "Cannot be assessed", "Ei arvioitavissa", None, False, False, "neutral"),
]


def create_statuses(apps, schema_editor):
    Status = apps.get_model("steering", "Status")
    for position, (code, sv, en, fi, progress, reason, done, tone) in enumerate(DEFAULT_STATUSES, start=1):
        Status.objects.update_or_create(
            code=code,
            defaults={
                "name": sv,
                "name_en": en,
                "name_fi": fi,
                "default_progress": progress,
                "requires_reason": reason,
                "is_done": done,
                "tone": tone,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("steering", "0001_initial")]

    operations = [migrations.RunPython(create_statuses, migrations.RunPython.noop)]
