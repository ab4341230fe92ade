"""What every new organization starts with: the national budget classification's standard
programs (แผนงาน) with their codes, and the standard equipment types of form ผด.02/1.

The budget groups (งบ), categories (หมวด) and sources are the national vocabulary of
BudgetLine's choices, the same for every organization, so they need no loading.
"""

from projects.models import EquipmentType, Organization, Program

PROGRAMS = {
    "00110": "บริหารงานทั่วไป",
    "00120": "การรักษาความสงบภายใน",
    "00210": "การศึกษา",
    "00220": "สาธารณสุข",
    "00230": "สังคมสงเคราะห์",
    "00240": "เคหะและชุมชน",
    "00250": "สร้างความเข้มแข็งของชุมชน",
    "00260": "การศาสนาวัฒนธรรมและนันทนาการ",
    "00310": "อุตสาหกรรมและการโยธา",
    "00320": "การเกษตร",
    "00330": "การพาณิชย์",
    "00410": "งบกลาง",
}

EQUIPMENT_TYPES = [
    "ครุภัณฑ์สำนักงาน",
    "ครุภัณฑ์ยานพาหนะและขนส่ง",
    "ครุภัณฑ์ไฟฟ้าและวิทยุ",
    "ครุภัณฑ์โฆษณาและเผยแพร่",
    "ครุภัณฑ์การเกษตร",
    "ครุภัณฑ์ก่อสร้าง",
    "ครุภัณฑ์โรงงาน",
    "ครุภัณฑ์สำรวจ",
    "ครุภัณฑ์วิทยาศาสตร์หรือการแพทย์",
    "ครุภัณฑ์งานบ้านงานครัว",
    "ครุภัณฑ์กีฬา",
    "ครุภัณฑ์คอมพิวเตอร์",
    "ครุภัณฑ์การศึกษา",
    "ครุภัณฑ์ดนตรีและนาฏศิลป์",
    "ครุภัณฑ์สนาม",
    "ครุภัณฑ์อื่น",
]


def standard_data_load(*, organization: Organization) -> None:
    """Add the standard programs and equipment types the organization does not have yet."""
    have = set(Program.objects.filter(organization=organization).values_list("code", flat=True))
    Program.objects.bulk_create(
        Program(organization=organization, code=code, name=name)
        for code, name in PROGRAMS.items()
        if code not in have
    )
    named = set(
        EquipmentType.objects.filter(organization=organization).values_list("name", flat=True)
    )
    EquipmentType.objects.bulk_create(
        EquipmentType(organization=organization, name=name, order=order)
        for order, name in enumerate(EQUIPMENT_TYPES, 1)
        if name not in named
    )
