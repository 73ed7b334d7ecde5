"""Roles with a scope: the two roles of before keep what their holders could do.

A reporter also handled the cases of their organisation, so each reporter gets the case officer role as
well; a coordinator of a partner organisation becomes a partner (coordination is the municipality's own).
"""

from django.conf import settings
from django.db import migrations, models


def split_roles(apps, schema_editor):
    Membership = apps.get_model("organisations", "Membership")
    for membership in Membership.objects.filter(role="reporter"):
        Membership.objects.get_or_create(
            user_id=membership.user_id, organisation_id=membership.organisation_id, role="case_officer"
        )
    Membership.objects.filter(role="coordinator", organisation__kind="partner").update(role="partner")


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='membership',
            unique_together=set(),
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('reporter', 'Reporter'), ('goal_owner', 'Goal owner'), ('case_officer', 'Case officer'), ('coordinator', 'Coordinator'), ('partner', 'Partner'), ('reader', 'Politician / reader'), ('administrator', 'Administrator')], default='reporter', max_length=20, verbose_name='role'),
        ),
        migrations.AlterUniqueTogether(
            name='membership',
            unique_together={('user', 'organisation', 'role')},
        ),
        migrations.RunPython(split_roles, migrations.RunPython.noop),
    ]
