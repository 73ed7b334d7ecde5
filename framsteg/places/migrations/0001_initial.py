"""Districts move here from the dialogue app; the table stays `dialogue_district`, so only the state moves."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("dialogue", "0003_resident_messages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="District",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                        ("latitude", models.FloatField(verbose_name="latitude")),
                        ("longitude", models.FloatField(verbose_name="longitude")),
                        ("point_source", models.TextField(blank=True, verbose_name="where the point comes from")),
                    ],
                    options={
                        "verbose_name": "district",
                        "verbose_name_plural": "districts",
                        "db_table": "dialogue_district",
                        "ordering": ["name"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
