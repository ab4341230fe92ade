"""Downloads of a plan's progress: the latest closed round's entries as CSV, XLSX and JSON.

One documented list of columns (``PROGRESS_COLUMNS``), described on the plan page and in the
JSON Schema (notices/portal/api_schema.py), as the plan's own downloads do. The project's
columns are those of the plan's downloads (projects.exports.COLUMNS), so both files join on
``id``. Every row names its round and the day its figures stand at, so a CSV copied out of
context still says which round it is; XLSX and JSON say it again with the plan's metadata.
Amounts are exact ("250000.00"), percentages rounded half up to two decimals with their base
in the heading (projects.figures.BASES), dates ISO 8601.
"""

import csv
import io
import json
from decimal import Decimal

from django.utils import timezone

from projects import exports
from projects.exports import Column
from projects.figures import BASES, share
from projects.models import MonitoringRound, RoundEntry

PROJECT_KEYS = (
    "id",
    "title",
    "strategy_number",
    "strategy",
    "program_code",
    "program",
    "ownership",
    "responsible",
)


def _of_project(column: Column) -> Column:
    return Column(column.key, column.label, column.description, lambda e: column.value(e.project))


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _closed_on(round: MonitoringRound) -> str:
    return _iso(timezone.localtime(round.closed_at).date()) if round.closed_at else ""


_BY_KEY = {c.key: c for c in exports.COLUMNS}

PROGRESS_COLUMNS: list[Column] = [
    *(_of_project(_BY_KEY[key]) for key in PROJECT_KEYS),
    Column(
        "round",
        "รอบการติดตาม",
        "รอบการติดตามและประเมินผลที่ปิดแล้วล่าสุด ซึ่งเป็นที่มาของตัวเลขในแถวนี้",
        lambda e: str(e.round.get_kind_display()),
    ),
    Column(
        "as_of",
        "ข้อมูล ณ วันที่",
        "วันสุดท้ายของรอบการติดตาม (ISO 8601) การเบิกจ่ายนับถึงวันนี้",
        lambda e: _iso(e.round.period_end),
    ),
    Column(
        "closed_on",
        "วันที่ปิดรอบ",
        "วันที่ปิดรอบการติดตาม ตัวเลขของรอบไม่เปลี่ยนหลังจากวันนี้",
        lambda e: _closed_on(e.round),
    ),
    Column(
        "status_code",
        "รหัสสถานะ",
        "not_started, procuring, contracted, in_progress, done หรือ cancelled",
        lambda e: e.status,
    ),
    Column("status", "สถานะ", "สถานะของโครงการเมื่อปิดรอบ", lambda e: e.get_status_display()),
    Column("cancel_reason", "เหตุผลที่ยกเลิก", "เฉพาะโครงการที่ยกเลิก", lambda e: e.cancel_reason),
    Column(
        "procurement_method",
        "วิธีจัดซื้อจัดจ้าง",
        "วิธีเฉพาะเจาะจง วิธีคัดเลือก วิธีประกาศเชิญชวน หรือว่าง",
        lambda e: e.get_procurement_method_display(),
    ),
    Column("planned", "งบประมาณตามแผน (บาท)", "ผลรวมรายการงบประมาณของโครงการ", lambda e: e.planned),
    Column(
        "committed",
        "วงเงินตามสัญญา/ใบสั่ง (บาท)",
        "วงเงินที่ก่อหนี้ผูกพันแล้ว ว่าง = ยังไม่มีสัญญา",
        lambda e: e.committed,
    ),
    Column(
        "disbursed",
        "เบิกจ่ายแล้ว (บาท)",
        "ผลรวมการเบิกจ่ายถึงวันสุดท้ายของรอบ",
        lambda e: e.disbursed,
    ),
    Column(
        "disbursed_share",
        f"เบิกจ่าย {BASES['budget']}",
        "เบิกจ่ายแล้ว × 100 ÷ งบประมาณตามแผน ปัดเศษครึ่งขึ้นทศนิยมสองตำแหน่ง ว่าง = ไม่มีงบประมาณ",
        lambda e: share(e.disbursed, e.planned),
    ),
    Column(
        "remaining",
        "คงเหลือ (บาท)",
        "งบประมาณตามแผน − เบิกจ่ายแล้ว",
        lambda e: e.remaining,
    ),
    Column(
        "percent_done",
        "ความก้าวหน้าทางกายภาพ (ร้อยละ)",
        "ร้อยละของงานที่ทำแล้วตามที่ผู้รับผิดชอบรายงาน",
        lambda e: e.percent_done,
    ),
    Column(
        "actual_start",
        "เดือนที่เริ่มดำเนินการจริง",
        "วันแรกของเดือนที่เริ่มจริง (ISO 8601) หรือว่าง",
        lambda e: _iso(e.actual_start),
    ),
    Column(
        "actual_end",
        "เดือนที่แล้วเสร็จจริง",
        "วันแรกของเดือนที่แล้วเสร็จจริง (ISO 8601) หรือว่าง",
        lambda e: _iso(e.actual_end),
    ),
]


def round_metadata(round: MonitoringRound) -> dict:
    return {
        "kind": round.kind,
        "name": str(round.get_kind_display()),
        "period_start": _iso(round.period_start),
        "period_end": _iso(round.period_end),
        "closed_on": _closed_on(round),
        "report_announced": round.is_announced,
    }


def _cell(value):
    return "" if value is None else value


def to_csv(entries: list[RoundEntry]) -> bytes:
    """UTF-8 with a byte-order mark, as the plan's CSV, for Excel."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.label for c in PROGRESS_COLUMNS])
    for entry in entries:
        writer.writerow([exports._safe_text(_cell(c.value(entry))) for c in PROGRESS_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# Empty in CSV and XLSX, null in JSON.
NULLABLE = {"committed", "disbursed_share", "actual_start", "actual_end", "closed_on"}


def _json_value(column: Column, entry: RoundEntry):
    value = column.value(entry)
    if column.key in NULLABLE and value in (None, ""):
        return None
    return str(value) if isinstance(value, Decimal) else value


def to_json(plan, round: MonitoringRound, entries: list[RoundEntry], url: str) -> bytes:
    planned = sum((e.planned for e in entries), Decimal("0.00"))
    disbursed = sum((e.disbursed for e in entries), Decimal("0.00"))
    share_of_plan = share(disbursed, planned)
    document = {
        "plan": exports.plan_metadata(plan, url),
        "round": round_metadata(round),
        "totals": {
            "projects": len(entries),
            "planned": str(planned),
            "disbursed": str(disbursed),
            "disbursed_share": str(share_of_plan) if share_of_plan is not None else None,
        },
        "columns": [
            {"key": c.key, "label": c.label, "description": c.description} for c in PROGRESS_COLUMNS
        ],
        "projects": [{c.key: _json_value(c, e) for c in PROGRESS_COLUMNS} for e in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(plan, round: MonitoringRound, entries: list[RoundEntry], url: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการดำเนินงาน"
    sheet.append([c.label for c in PROGRESS_COLUMNS])
    for entry in entries:
        sheet.append([_cell(c.value(entry)) for c in PROGRESS_COLUMNS])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    about = book.create_sheet("เกี่ยวกับข้อมูล")
    for key, value in exports.plan_metadata(plan, url).items():
        about.append([key, value])
    for key, value in round_metadata(round).items():
        about.append([f"round_{key}", str(value)])
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
                elif isinstance(cell.value, str) and cell.value.startswith(exports.FORMULA_STARTS):
                    # Text as typed, never run as a formula (as projects.exports.to_xlsx).
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
