"""Membership, RuleSet and AuditEvent now live in projects (see projects 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0001_initial'),
        ('projects', '0002_people_rules_audit'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='AuditEvent'),
                migrations.DeleteModel(name='Membership'),
                migrations.DeleteModel(name='RuleSet'),
            ],
        ),
    ]
