"""``manage.py seed_demo``: the demonstration organization อบต.สูงเม่น, its plan and demo users.

The data itself is in ``sungmen_plan/demo/data.py``. Idempotent: every row is found by its natural
key and saved only when a value differs, so a second run changes nothing and duplicates nothing.
Demo projects edited in the app are put back to the demo values; rows added by users are left
alone. Passwords are set only when a user is created, so a changed password survives a re-run
(the table printed at the end says so).
"""

import unicodedata
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Sum

from notices.models import PlanDocument, ReportDocument
from notices.reports import report_render
from notices.services import document_render
from projects.models import (
    BudgetLine,
    Department,
    EquipmentType,
    Guideline,
    Membership,
    OperationsPlan,
    Organization,
    PlanPeriod,
    Program,
    Project,
    Role,
    Strategy,
    Village,
)
from projects.thai import FISCAL_MONTHS, baht
from sungmen_plan.demo import data
from sungmen_plan.demo.history import seed_history

Group, Category, Source = BudgetLine.Group, BudgetLine.Category, BudgetLine.Source
# Budget kind words of the demo data -> (งบ, หมวด).
KINDS = {
    "ใช้สอย": (Group.OPERATING, Category.SERVICES),
    "วัสดุ": (Group.OPERATING, Category.MATERIALS),
    "ตอบแทน": (Group.OPERATING, Category.WAGES),
    "ก่อสร้าง": (Group.INVESTMENT, Category.LAND_BUILDINGS),
    "ครุภัณฑ์": (Group.INVESTMENT, Category.EQUIPMENT),
    "อุดหนุน": (Group.SUBSIDY, Category.SUBSIDIES),
    "งบกลาง": (Group.CENTRAL, ""),
}
SOURCES = {
    "": Source.ANNUAL_ORDINANCE,
    "เงินสะสม": Source.ACCUMULATED_FUNDS,
    "อุดหนุนทั่วไป": Source.GENERAL_SUBSIDY,
    "อุดหนุนเฉพาะกิจ": Source.SPECIFIC_SUBSIDY,
}
FIRST_PAGE, PER_PAGE = 45, 4  # invented page references into the development plan


def shift(months: list[int], by: int) -> list[int]:
    """Move a run of months ``by`` months later in the fiscal year, stopping at September."""
    positions = [FISCAL_MONTHS.index(m) for m in months]
    by = min(by, len(FISCAL_MONTHS) - 1 - max(positions))
    return [FISCAL_MONTHS[p + by] for p in positions]


def spec(title, details, code, budget, months, where, **extra) -> dict:
    """One demo project; ``extra`` may give department, agency or equipment_type."""
    return dict(
        title=title, details=details, code=code, budget=budget, months=months, where=where, **extra
    )


def project_specs() -> list[dict]:
    """Every demo project as a plain dict, in the order of the demo data."""
    specs = []
    for (code, dept, kind, months), title, details, sites in data.VILLAGE_WORKS:
        for i, (n, amount, *args) in enumerate(sites):
            names = {"n": n, "village": data.VILLAGES[n]}
            title_n, details_n = title.format(*args, **names), details.format(*args, **names)
            months_n = shift(months, i % 3)
            specs.append(
                spec(title_n, details_n, code, {kind: amount}, months_n, (n,), department=dept)
            )
    for code, amount, months, name in data.DISTRICT_SUBSIDIES:
        title, details = (
            data.DISTRICT_SUBSIDY.format(name),
            data.DISTRICT_SUBSIDY_DETAILS.format(name),
        )
        specs.append(
            spec(title, details, code, {"อุดหนุน": amount}, months, "อำเภอ", department=data.PALAD)
        )
    for title, ((code, dept, budget, months, where), details) in data.OWN_PROJECTS.items():
        specs.append(spec(title, details, code, budget, months, where, department=dept))
    for title, ((agency, code, budget, months, where), details) in data.AGENCY_PROJECTS.items():
        specs.append(spec(title, details, code, budget, months, where, agency=agency))
    standards = {data.COMPUTER: data.COMPUTER_STANDARD}
    equipment = [(dept, *row) for dept, rows in data.EQUIPMENT.items() for row in rows]
    for i, (dept, etype, program, title, amount) in enumerate(equipment):
        standard = standards.get(etype, data.PRICE_STANDARD)
        details = f"จัดซื้อ{title} สำหรับใช้ในการปฏิบัติงานของ{dept} {standard}"
        code = f"{data.EQUIPMENT_GUIDELINE} {program}"
        months = shift(data.span(12, 2), i % 5)
        specs.append(
            spec(
                title,
                details,
                code,
                {"ครุภัณฑ์": amount},
                months,
                "ศพด." if program == "00210" else "อบต.",
                department=dept,
                equipment_type=etype,
            )
        )
    return specs


def budget_lines(spec: dict) -> list[dict]:
    budget = spec["budget"]
    items = [(k, a, "") for k, a in budget.items()] if isinstance(budget, dict) else budget
    lines = []
    for kind, amount, note in items:
        word, _, source = kind.partition(" ")
        group, category = KINDS[word]
        source = Source.OTHER_AGENCY if spec.get("agency") else SOURCES[source]
        values = {"amount": Decimal(amount), "source": source, "note": note}
        lines.append({**values, "group": group, "category": category})
    return lines


def check(specs: list[dict]) -> None:
    """Refuse inconsistent demo data before anything is written."""
    seen: set[str] = set()
    for s in specs:
        positions = [FISCAL_MONTHS.index(m) for m in s["months"] if m in FISCAL_MONTHS]
        problems = [
            "duplicate title" if s["title"] in seen else "",
            "months" if not s["months"] or positions != sorted(set(positions)) else "",
            "months" if len(positions) != len(s["months"]) else "",
            "amount" if any(line["amount"] <= 0 for line in budget_lines(s)) else "",
        ]
        if any(problems):
            raise CommandError(
                f"bad demo project {s['title']!r}: {', '.join(filter(None, problems))}"
            )
        seen.add(s["title"])


def display_width(text: str) -> int:
    return sum(unicodedata.category(ch) != "Mn" for ch in text)


class Command(BaseCommand):
    help = "Load the demonstration data of อบต.สูงเม่น (idempotent; not the real plan)."

    def handle(self, *args, **options):
        self.stats = Counter()
        specs = project_specs()
        check(specs)
        real = Organization.objects.filter(is_demo=False)
        if real.exists() and not options["force"]:
            raise CommandError(
                "ฐานข้อมูลนี้มีข้อมูลขององค์กรจริงแล้ว seed_demo จะเพิ่มผู้ใช้สาธิตที่มีรหัสผ่าน"
                "เปิดเผย (รวมถึงผู้ดูแลระบบ admin) ใช้ --force หากต้องการจริง"
            )
        with transaction.atomic():
            org = self.sync(Organization, {"slug": data.ORGANIZATION["slug"]}, self.org_values())
            plan = self.master_data(org)
            if plan.is_editable:  # a plan under review or announced is not rewritten
                self.projects(plan, specs)
            logins = self.users(org)
            history = seed_history(current=plan)
        self.wait_for_documents(org)
        self.report(plan, logins)
        for line in history:
            self.stdout.write(line)

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the demo even to a database that holds real organizations.",
        )

    def wait_for_documents(self, org) -> None:
        """The announced demo plan's PDF and its monitoring report are rendered here, so the
        public pages have them the moment the demo starts; the tasks queued by the
        announcements then find them ready."""
        for document in PlanDocument.objects.filter(plan__organization=org):
            document_render(plan_id=document.plan_id)
        for report in ReportDocument.objects.filter(round__plan__organization=org):
            report_render(round_id=report.round_id)

    def org_values(self) -> dict:
        values = {k: v for k, v in data.ORGANIZATION.items() if k != "slug"}
        return {**values, "kind": Organization.Kind.SAO, "is_demo": True}

    def sync(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        """Find by ``lookup``; create, or save only the fields of ``values`` that differ."""
        obj = model.objects.filter(**lookup).first()
        self.created = obj is None
        if obj is None:
            self.stats["created"] += 1
            return model.objects.create(**lookup, **values)
        changed = False
        for name, value in values.items():
            field = model._meta.get_field(name)
            new = value.pk if field.is_relation and value is not None else value
            if getattr(obj, field.attname) != new:
                setattr(obj, name, value)
                changed = True
        if changed:
            obj.save()
            self.stats["updated"] += 1
        return obj

    def master_data(self, org: Organization) -> OperationsPlan:
        period = self.sync(
            PlanPeriod,
            {"organization": org, "title": data.PERIOD["title"]},
            {"first_year": data.PERIOD["first_year"], "last_year": data.PERIOD["last_year"]},
        )
        self.guidelines = {}
        for s_no, (name, guidelines) in enumerate(data.STRATEGIES.items(), 1):
            strategy = self.sync(Strategy, {"period": period, "number": s_no}, {"name": name})
            for g_no, g_name in enumerate(guidelines, 1):
                guideline = self.sync(
                    Guideline, {"strategy": strategy, "number": g_no}, {"name": g_name}
                )
                self.guidelines[f"{s_no}.{g_no}"] = guideline
        self.programs = {
            code: self.sync(Program, {"organization": org, "code": code}, {"name": name})
            for code, name in data.PROGRAMS.items()
        }
        self.departments = {
            name: self.sync(Department, {"organization": org, "name": name}, {"order": order})
            for order, name in enumerate(data.DEPARTMENTS, 1)
        }
        self.villages = {
            n: self.sync(Village, {"organization": org, "number": n}, {"name": name})
            for n, name in data.VILLAGES.items()
        }
        self.equipment_types = {
            name: self.sync(EquipmentType, {"organization": org, "name": name}, {"order": order})
            for order, name in enumerate(data.EQUIPMENT_TYPES, 1)
        }
        return self.sync(
            OperationsPlan,
            {"organization": org, "fiscal_year": data.FISCAL_YEAR, "supplement_number": 0},
            {"period": period},
        )

    def place(self, where) -> tuple[list[Village], str]:
        """Villages and location text for a project's ``where``."""
        if where == data.ALL:
            return list(self.villages.values()), f"หมู่ที่ 1–{len(self.villages)} ตำบลสูงเม่น"
        if isinstance(where, tuple):
            villages = [self.villages[n] for n in where]
            if len(villages) == 1:
                return villages, str(villages[0])
            return villages, f"หมู่ที่ {', '.join(map(str, where))} ตำบลสูงเม่น"
        return [], data.LOCATIONS.get(where, where)

    def projects(self, plan: OperationsPlan, specs: list[dict]) -> None:
        by_strategy = sorted(
            enumerate(specs), key=lambda p: (int(p[1]["code"].split(".")[0]), p[0])
        )
        for position, (_, s) in enumerate(by_strategy):
            guideline_key, program_code = s["code"].split()
            try:
                guideline = self.guidelines[guideline_key]
                program = self.programs[program_code]
            except KeyError as error:
                raise CommandError(f"{s['title']!r}: unknown {error}") from None
            villages, location = self.place(s["where"])
            agency = s.get("agency", "")
            etype = s.get("equipment_type")
            values = {
                "strategy": guideline.strategy,
                "guideline": guideline,
                "program": program,
                "form": Project.Form.EQUIPMENT if etype else Project.Form.PROJECT,
                "equipment_type": self.equipment_types[etype] if etype else None,
                "details": s["details"],
                "location": location,
                "ownership": Project.Ownership.OTHER_AGENCY if agency else Project.Ownership.OWN,
                "agency": agency,
                "department": self.departments.get(s.get("department")),
                "months": list(s["months"]),
                "plan_reference": f"หน้า {FIRST_PAGE + position // PER_PAGE} "
                f"ลำดับที่ {position % PER_PAGE + 1}",
            }
            project = self.sync(Project, {"plan": plan, "title": s["title"]}, values)
            if self.created:
                project.villages.set(villages)
            elif {v.pk for v in project.villages.all()} != {v.pk for v in villages}:
                project.villages.set(villages)
                self.stats["updated"] += 1
            self.sync_lines(project, budget_lines(s))

    def sync_lines(self, project: Project, wanted: list[dict]) -> None:
        """Match budget lines by position: update in place, add or delete the difference."""
        existing = list(project.budget_lines.order_by("id"))
        for i, values in enumerate(wanted):
            if i < len(existing):
                self.sync(BudgetLine, {"pk": existing[i].pk}, values)
            else:
                BudgetLine.objects.create(project=project, **values)
                self.stats["created"] += 1
        for extra in existing[len(wanted) :]:
            extra.delete()
            self.stats["deleted"] += 1

    def users(self, org: Organization) -> list[tuple[str, str, str]]:
        User = get_user_model()
        logins = []
        for username, role, first, last, title in data.USERS:
            is_admin = role == Role.ADMINISTRATOR
            values = {
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            }
            user = User.objects.filter(username=username).first()
            # A new user gets the demo password; an existing one keeps (and is told) its own.
            known = user is None or user.check_password(data.PASSWORD)
            if user is None:
                user = User.objects.create_user(username, password=data.PASSWORD, **values)
                self.stats["created"] += 1
            else:
                user = self.sync(User, {"pk": user.pk}, values)
            department = data.USER_DEPARTMENTS.get(username)
            if department is not None:
                department = Department.objects.get(organization=org, name=department)
            self.sync(
                Membership,
                {"user": user, "organization": org, "role": role},
                {"title": title, "department": department},
            )
            password = data.PASSWORD if known else "(รหัสผ่านถูกเปลี่ยนแล้ว)"
            logins.append((username, role.label, password))
        return logins

    def report(self, plan: OperationsPlan, logins: list[tuple[str, str, str]]) -> None:
        write = self.stdout.write
        projects = plan.projects.all()
        lines = BudgetLine.objects.filter(project__plan=plan)
        total = lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        write(
            f"{plan.organization.short_name} {plan}: {projects.count()} โครงการ "
            f"(ครุภัณฑ์ {projects.filter(form=Project.Form.EQUIPMENT).count()}, "
            f"ของหน่วยงานอื่น {projects.filter(ownership=Project.Ownership.OTHER_AGENCY).count()}), "
            f"{lines.count()} รายการงบประมาณ รวม {baht(total)} บาท"
        )
        s = self.stats
        write(f"สร้างใหม่ {s['created']} แก้ไข {s['updated']} ลบ {s['deleted']} รายการ")
        rows = [("ชื่อผู้ใช้", "บทบาท", "รหัสผ่าน"), *logins]
        widths = [max(display_width(row[i]) for row in rows) for i in range(2)]
        for row in rows:
            cells = [
                cell + " " * (w - display_width(cell))
                for cell, w in zip(row[:2], widths, strict=True)
            ]
            write("  ".join([*cells, row[2]]))
        write(self.style.WARNING("ข้อมูลสาธิตทั้งหมด ไม่ใช่แผนการดำเนินงานจริงขององค์การบริหารส่วนตำบลสูงเม่น"))
