"""Membership, RuleSet and AuditEvent move from workflow to projects, the bottom app.

They are an organization's people, its rules and its plans' history, which every app above
reads; kept in workflow, the bottom app had to import upward. The tables are renamed, not
copied: no row is touched. workflow 0002 drops the models from workflow's state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    # Permissions and admin log entries point at content types: carry them over too.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("membership", "ruleset", "auditevent"):
        ContentType.objects.filter(app_label="workflow", model=model).update(app_label="projects")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("membership", "ruleset", "auditevent"):
        ContentType.objects.filter(app_label="projects", model=model).update(app_label="workflow")


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0001_initial'),
        ('workflow', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                name='RuleSet',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('preset', models.CharField(choices=[('seed', 'ตามบทนำของแผน (ระเบียบฯ พ.ศ. ๒๕๔๘ หมวด ๕)'), ('regulation_2561', 'ระเบียบฯ แก้ไขเพิ่มเติม (ฉบับที่ ๓) พ.ศ. ๒๕๖๑'), ('custom', 'กำหนดเอง')], max_length=20, verbose_name='ชุดกฎ')),
                    ('main_plan_due', models.CharField(choices=[('end_of_december', 'ภายในเดือนธันวาคมของปีงบประมาณ'), ('days_after_trigger', 'ภายในกี่วันนับแต่ประกาศใช้งบประมาณ')], max_length=20, verbose_name='กำหนดเวลาแผนหลัก')),
                    ('completion_days', models.PositiveSmallIntegerField(default=30, verbose_name='จำนวนวันที่ต้องจัดทำแผนให้แล้วเสร็จ')),
                    ('posting_within_days', models.PositiveSmallIntegerField(verbose_name='ปิดประกาศภายใน (วัน)')),
                    ('posting_keep_days', models.PositiveSmallIntegerField(verbose_name='ปิดประกาศไว้อย่างน้อย (วัน)')),
                    ('legal_source', models.TextField(verbose_name='ที่มาทางกฎหมาย')),
                    ('committee_quorum', models.PositiveSmallIntegerField(blank=True, help_text='เว้นว่าง = เกินกึ่งหนึ่งของกรรมการพัฒนาขององค์กร', null=True, verbose_name='จำนวนกรรมการที่ต้องเห็นชอบ')),
                    ('organization', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='rules', to='projects.organization', verbose_name='องค์กร')),
                ],
                options={
                    'db_table': 'workflow_ruleset',
                    'verbose_name': 'กฎกำหนดเวลา',
                    'verbose_name_plural': 'กฎกำหนดเวลา',
                },
            ),
                migrations.CreateModel(
                name='AuditEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('transition', 'เปลี่ยนขั้นตอน'), ('vote', 'ลงมติ'), ('deadline', 'ขยายกำหนดเวลา'), ('project_created', 'เพิ่มโครงการ'), ('project_updated', 'แก้ไขโครงการ'), ('project_deleted', 'ลบโครงการ')], max_length=20)),
                    ('action', models.CharField(blank=True, max_length=20)),
                    ('at', models.DateTimeField(auto_now_add=True)),
                    ('from_stage', models.CharField(blank=True, max_length=20)),
                    ('to_stage', models.CharField(blank=True, max_length=20)),
                    ('comment', models.TextField(blank=True)),
                    ('project_title', models.CharField(blank=True, max_length=500)),
                    ('changes', models.JSONField(blank=True, default=dict)),
                    ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='projects.operationsplan')),
                    ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.project')),
                ],
                options={
                    'db_table': 'workflow_auditevent',
                    'ordering': ['plan', '-at', '-id'],
                    'indexes': [models.Index(fields=['plan', '-at'], name='workflow_au_plan_id_d58026_idx')],
                },
            ),
                migrations.CreateModel(
                name='Membership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('planning_staff', 'เจ้าหน้าที่วิเคราะห์นโยบายและแผน'), ('committee_member', 'กรรมการพัฒนา'), ('executive', 'ผู้บริหาร'), ('administrator', 'ผู้ดูแลระบบขององค์กร')], max_length=32, verbose_name='บทบาท')),
                    ('title', models.CharField(blank=True, help_text='เช่น นายกองค์การบริหารส่วนตำบล หรือ ปลัด อบต. รักษาราชการแทน', max_length=200, verbose_name='ตำแหน่ง')),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='projects.organization', verbose_name='องค์กร')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='ผู้ใช้')),
                ],
                options={
                    'db_table': 'workflow_membership',
                    'verbose_name': 'สมาชิกและบทบาท',
                    'verbose_name_plural': 'สมาชิกและบทบาท',
                    'ordering': ['organization', 'role', 'user__username'],
                    'constraints': [models.UniqueConstraint(fields=('user', 'organization', 'role'), name='membership_unique_role')],
                },
            ),
            ],
        ),
        migrations.AlterModelTable(name='ruleset', table=None),
        migrations.AlterModelTable(name='auditevent', table=None),
        migrations.AlterModelTable(name='membership', table=None),
        migrations.RenameIndex(
            model_name='auditevent',
            new_name='auditevent_plan_at_idx',
            old_name='workflow_au_plan_id_d58026_idx',
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
