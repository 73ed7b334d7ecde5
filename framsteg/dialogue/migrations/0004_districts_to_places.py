"""Districts now belong to the places app; the table and the foreign keys' columns stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0003_resident_messages"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cases",
                        to="places.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="routingrule",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="routing_rules",
                        to="places.district",
                    ),
                ),
                migrations.DeleteModel(name="District"),
            ],
            database_operations=[],
        ),
    ]
