from django.db import migrations, models
from django.utils import timezone

# The texts are frozen here, as they stood on either side of this migration: a later change
# of the presets in projects/models/rules.py must not change what this step did.
OLD_SEED = (
    "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
    "พ.ศ. ๒๕๔๘ ข้อ ๓๐ (๕): ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่น "
    "และคณะกรรมการพัฒนาท้องถิ่น และประกาศผลให้ประชาชนทราบในที่เปิดเผยภายในสิบห้าวัน "
    "นับแต่วันที่ได้รับผล และปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่าสามสิบวัน "
    "อย่างน้อยปีละสองครั้ง ภายในเดือนเมษายนและภายในเดือนตุลาคม"
)
NEW_SEED = (
    "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
    "พ.ศ. ๒๕๔๘ ข้อ ๓๐ (๕): ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่น "
    "และคณะกรรมการพัฒนาท้องถิ่น และประกาศผลให้ประชาชนทราบในที่เปิดเผยภายในสิบห้าวัน "
    "นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลและเสนอความเห็นต่อผู้บริหาร "
    "(ข้อ ๒๙ (๓) แก้ไขโดยระเบียบฯ (ฉบับที่ ๒) พ.ศ. ๒๕๕๙) "
    "และปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่าสามสิบวัน "
    "อย่างน้อยปีละสองครั้ง ภายในเดือนเมษายนและภายในเดือนตุลาคม"
)
OLD_2561 = (
    "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
    "พ.ศ. ๒๕๔๘ แก้ไขเพิ่มเติมถึง (ฉบับที่ ๓) พ.ศ. ๒๕๖๑ ข้อ ๓๐ (๕): ผู้บริหารท้องถิ่น"
    "เสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น "
    "และประกาศผลให้ประชาชนทราบในที่เปิดเผยภายในสิบห้าวันนับแต่วันที่ได้รับผล "
    "และปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่าสามสิบวัน อย่างน้อยปีละหนึ่งครั้ง "
    "ภายในเดือนธันวาคมของทุกปี"
)
NEW_2561 = (
    "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
    "พ.ศ. ๒๕๔๘ แก้ไขเพิ่มเติมถึง (ฉบับที่ ๓) พ.ศ. ๒๕๖๑ ข้อ ๓๐ (๕) "
    "(ราชกิจจานุเบกษา เล่ม ๑๓๕ ตอนพิเศษ ๒๔๖ ง วันที่ ๓ ตุลาคม ๒๕๖๑): "
    "“ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่น "
    "และคณะกรรมการพัฒนาท้องถิ่น พร้อมทั้งประกาศผลการติดตามและประเมินผลแผนพัฒนาท้องถิ่น "
    "ให้ประชาชนในท้องถิ่นทราบในที่เปิดเผยภายในสิบห้าวันนับแต่วันที่ผู้บริหารท้องถิ่น"
    "เสนอผลการติดตามและประเมินผลดังกล่าว และต้องปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่า"
    "สามสิบวันโดยอย่างน้อยปีละหนึ่งครั้งภายในเดือนธันวาคมของทุกปี”"
)
TEXTS = {OLD_SEED: NEW_SEED, OLD_2561: NEW_2561}


def report_days_from_preset(apps, schema_editor):
    """The seed's rule is the 2559 one: its 15 days run from the committee's report. Every
    other saved rule set keeps counting from the presentation, as it did; a legal source
    still holding a preset's old text gets the preset's new one, typed ones stay."""
    RuleSet = apps.get_model("projects", "RuleSet")
    RuleSet.objects.filter(preset="seed").update(report_days_from="reported")
    RuleSet.objects.exclude(preset="seed").update(report_days_from="presented")
    # Only where the preset is the text's own: a custom rule set keeps the text it was
    # given, which its own report_days_from (presented) might otherwise contradict.
    RuleSet.objects.filter(preset="seed", report_legal_source=OLD_SEED).update(
        report_legal_source=NEW_SEED
    )
    RuleSet.objects.filter(preset="regulation_2561", report_legal_source=OLD_2561).update(
        report_legal_source=NEW_2561
    )


def legal_sources_back(apps, schema_editor):
    RuleSet = apps.get_model("projects", "RuleSet")
    for old, new in TEXTS.items():
        RuleSet.objects.filter(report_legal_source=new).update(report_legal_source=old)


def reported_on_from_history(apps, schema_editor):
    """A round already past the committee reported on the day of its last move to
    `proposed` (workflow/rounds.py records it as changes["stage"] = [old, "proposed"]), in
    local time as every other day of the product."""
    MonitoringRound = apps.get_model("projects", "MonitoringRound")
    AuditEvent = apps.get_model("projects", "AuditEvent")
    waiting = MonitoringRound.objects.filter(stage__in=["proposed", "announced"])
    reported = {}
    for event in AuditEvent.objects.filter(
        round__in=waiting, kind="round_transition"
    ).order_by("at", "id"):
        stage = (event.changes or {}).get("stage")
        if isinstance(stage, list) and len(stage) == 2 and stage[1] == "proposed":
            reported[event.round_id] = timezone.localtime(event.at).date()  # the latest wins
    for round_id, day in reported.items():
        MonitoringRound.objects.filter(pk=round_id).update(reported_on=day)
    # An announced round's day of the council was kept on its announcement only.
    RoundAnnouncement = apps.get_model("workflow", "RoundAnnouncement")
    for round_id, day in RoundAnnouncement.objects.filter(
        presented_on__isnull=False, round__presented_on__isnull=True
    ).values_list("round_id", "presented_on"):
        MonitoringRound.objects.filter(pk=round_id).update(presented_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_department_staff_and_presentation"),
        ("workflow", "0004_monitoring_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="monitoringround",
            name="reported_on",
            field=models.DateField(
                blank=True,
                null=True,
                verbose_name="วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร",
            ),
        ),
        migrations.AddField(
            model_name="ruleset",
            name="report_days_from",
            field=models.CharField(
                choices=[
                    ("presented", "นับแต่วันที่ผู้บริหารเสนอสภาท้องถิ่นและคณะกรรมการพัฒนา"),
                    ("reported", "นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร"),
                ],
                default="presented",
                max_length=10,
                verbose_name="นับวันประกาศรายงานผลการติดตามจาก",
            ),
        ),
        migrations.RunPython(report_days_from_preset, legal_sources_back),
        migrations.RunPython(reported_on_from_history, migrations.RunPython.noop),
    ]
