"""An organization's deadlines, as data: the rule it follows and where that rule comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.organization import Organization


class RuleSet(models.Model):
    """An organization's deadlines, as data: which rule applies and where it comes from.

    Without a saved rule set an organization follows the seed's rule (RuleSet.default()).
    """

    class Preset(models.TextChoices):
        SEED = "seed", _("ตามบทนำของแผน (ระเบียบฯ พ.ศ. ๒๕๔๘ หมวด ๕)")
        REGULATION_2561 = "regulation_2561", _("ระเบียบฯ แก้ไขเพิ่มเติม (ฉบับที่ ๓) พ.ศ. ๒๕๖๑")
        CUSTOM = "custom", _("กำหนดเอง")

    class MainPlanDue(models.TextChoices):
        END_OF_DECEMBER = "end_of_december", _("ภายในเดือนธันวาคมของปีงบประมาณ")
        DAYS_AFTER_TRIGGER = "days_after_trigger", _("ภายในกี่วันนับแต่ประกาศใช้งบประมาณ")

    class ReportDaysFrom(models.TextChoices):
        """The day report_within_days count from: the 2559 amendment of ข้อ ๒๙ (๓) counts
        them from the committee's report to the executive, the 2561 one of ข้อ ๓๐ (๕) from
        the executive's presentation to the council and the development committee."""

        PRESENTED = "presented", _("นับแต่วันที่ผู้บริหารเสนอสภาท้องถิ่นและคณะกรรมการพัฒนา")
        REPORTED = "reported", _("นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร")

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="rules", verbose_name=_("องค์กร")
    )
    preset = models.CharField(_("ชุดกฎ"), max_length=20, choices=Preset.choices)
    main_plan_due = models.CharField(
        _("กำหนดเวลาแผนหลัก"), max_length=20, choices=MainPlanDue.choices
    )
    completion_days = models.PositiveSmallIntegerField(_("จำนวนวันที่ต้องจัดทำแผนให้แล้วเสร็จ"), default=30)
    posting_within_days = models.PositiveSmallIntegerField(_("ปิดประกาศภายใน (วัน)"))
    posting_keep_days = models.PositiveSmallIntegerField(_("ปิดประกาศไว้อย่างน้อย (วัน)"))
    legal_source = models.TextField(_("ที่มาทางกฎหมาย"))
    committee_quorum = models.PositiveSmallIntegerField(
        _("จำนวนกรรมการที่ต้องเห็นชอบ"),
        null=True,
        blank=True,
        help_text=_("เว้นว่าง = เกินกึ่งหนึ่งของกรรมการพัฒนาขององค์กร"),
    )

    # The monitoring report: announced within report_within_days of the day
    # report_days_from names (the executive's presentation to the council under ข้อ ๓๐ (๕)
    # as amended in 2561; the committee's report to the executive under ข้อ ๒๙ (๓) as
    # amended in 2559), kept posted report_keep_days, and due by the end of each month in
    # report_due_months (calendar month numbers: 12 = December).
    report_within_days = models.PositiveSmallIntegerField(
        _("ประกาศรายงานผลการติดตามภายใน (วัน)"), default=15
    )
    report_days_from = models.CharField(
        _("นับวันประกาศรายงานผลการติดตามจาก"),
        max_length=10,
        choices=ReportDaysFrom.choices,
        default=ReportDaysFrom.PRESENTED,
    )
    report_keep_days = models.PositiveSmallIntegerField(
        _("ปิดประกาศรายงานผลการติดตามไว้อย่างน้อย (วัน)"), default=30
    )
    report_due_months = models.JSONField(
        _("เดือนที่ต้องประกาศรายงานผลการติดตาม"),
        default=list,
        help_text=_("เลขเดือนตามปฏิทิน เช่น [12] = ภายในเดือนธันวาคม"),
    )
    report_legal_source = models.TextField(_("ที่มาทางกฎหมาย (การติดตามและประเมินผล)"), default="")
    monitoring_quorum = models.PositiveSmallIntegerField(
        _("จำนวนกรรมการติดตามฯ ที่ต้องเห็นชอบ"),
        null=True,
        blank=True,
        help_text=_("เว้นว่าง = เกินกึ่งหนึ่งของกรรมการติดตามและประเมินผลขององค์กร"),
    )

    class Meta:
        verbose_name = _("กฎกำหนดเวลา")
        verbose_name_plural = _("กฎกำหนดเวลา")

    def __str__(self):
        return f"{self.organization.short_name}: {self.get_preset_display()}"

    PRESETS = {
        Preset.SEED: {
            "main_plan_due": MainPlanDue.END_OF_DECEMBER,
            "completion_days": 30,
            "posting_within_days": 7,
            "posting_keep_days": 21,
            "report_within_days": 15,
            "report_keep_days": 30,
            "report_due_months": [4, 10],
            "report_days_from": ReportDaysFrom.REPORTED,
            "report_legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ ข้อ ๓๐ (๕): ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่น "
                "และคณะกรรมการพัฒนาท้องถิ่น และประกาศผลให้ประชาชนทราบในที่เปิดเผยภายในสิบห้าวัน "
                "นับแต่วันที่คณะกรรมการติดตามฯ รายงานผลและเสนอความเห็นต่อผู้บริหาร "
                "(ข้อ ๒๙ (๓) แก้ไขโดยระเบียบฯ (ฉบับที่ ๒) พ.ศ. ๒๕๕๙) "
                "และปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่าสามสิบวัน "
                "อย่างน้อยปีละสองครั้ง ภายในเดือนเมษายนและภายในเดือนตุลาคม"
            ),
            "legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ หมวด ๕ ตามบทนำของแผนการดำเนินงาน: จัดทำให้เสร็จภายในเดือนธันวาคม "
                "หรือภายในสามสิบวันนับแต่ตั้งงบประมาณหรือได้รับแจ้ง; ปิดประกาศภายในหนึ่งสัปดาห์ "
                "และปิดไว้อย่างน้อยสามสัปดาห์"
            ),
        },
        Preset.REGULATION_2561: {
            "main_plan_due": MainPlanDue.DAYS_AFTER_TRIGGER,
            "completion_days": 30,
            "posting_within_days": 15,
            "posting_keep_days": 30,
            "report_within_days": 15,
            "report_keep_days": 30,
            "report_due_months": [12],
            "report_days_from": ReportDaysFrom.PRESENTED,
            "report_legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ แก้ไขเพิ่มเติมถึง (ฉบับที่ ๓) พ.ศ. ๒๕๖๑ ข้อ ๓๐ (๕) "
                "(ราชกิจจานุเบกษา เล่ม ๑๓๕ ตอนพิเศษ ๒๔๖ ง วันที่ ๓ ตุลาคม ๒๕๖๑): "
                "“ผู้บริหารท้องถิ่นเสนอผลการติดตามและประเมินผลต่อสภาท้องถิ่น "
                "และคณะกรรมการพัฒนาท้องถิ่น พร้อมทั้งประกาศผลการติดตามและประเมินผลแผนพัฒนาท้องถิ่น "
                "ให้ประชาชนในท้องถิ่นทราบในที่เปิดเผยภายในสิบห้าวันนับแต่วันที่ผู้บริหารท้องถิ่น"
                "เสนอผลการติดตามและประเมินผลดังกล่าว และต้องปิดประกาศไว้เป็นระยะเวลาไม่น้อยกว่า"
                "สามสิบวันโดยอย่างน้อยปีละหนึ่งครั้งภายในเดือนธันวาคมของทุกปี”"
            ),
            "legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ แก้ไขเพิ่มเติมถึง (ฉบับที่ ๓) พ.ศ. ๒๕๖๑ ข้อ ๒๖ (๒) และข้อ ๒๗: "
                "จัดทำให้เสร็จภายในสามสิบวันนับแต่ประกาศใช้งบประมาณ; ปิดประกาศภายในสิบห้าวัน "
                "และปิดไว้อย่างน้อยสามสิบวัน"
            ),
        },
    }

    @classmethod
    def from_preset(cls, organization, preset) -> "RuleSet":
        return cls(organization=organization, preset=preset, **cls.PRESETS[preset])

    @classmethod
    def for_organization(cls, organization) -> "RuleSet":
        try:
            return organization.rules
        except cls.DoesNotExist:
            return cls.from_preset(organization, cls.Preset.SEED)
