"""The published JSON Schemas of a plan's JSON (projects.exports.to_json) and of its
progress JSON (notices/portal/progress_exports.to_json), version 1.

Written from the export's columns, so a column added there without a type here fails
tests/test_open_data.py instead of publishing a schema that does not describe the file.
"""

from notices.portal.progress_exports import PROGRESS_COLUMNS, PROJECT_KEYS
from projects.exports import COLUMNS
from projects.figures import BASES
from projects.models import ProgressStatus, RoundKind

VERSION = "1"
DECIMAL = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$"}
TEXT = {"type": "string"}
COLUMN_TYPES = {
    "id": {"type": "integer"},
    "strategy_number": {"type": "integer", "minimum": 1},
    "villages": {"type": "array", "items": TEXT},
    "budget": DECIMAL,
    "months": {
        "type": "array",
        "items": {"type": "integer", "minimum": 1, "maximum": 12},
        "uniqueItems": True,
    },
    "form": {"enum": ["ผด.02", "ผด.02/1"]},
}
TEXT_COLUMNS = {
    "strategy",
    "guideline",
    "program_code",
    "program",
    "equipment_type",
    "title",
    "details",
    "output_target",
    "location",
    "ownership",
    "responsible",
    "month_names",
    "plan_reference",
}


def plan_schema(schema_url: str) -> dict:
    """The schema document, whose $id is the address it is published at."""
    columns = {c.key for c in COLUMNS}
    untyped = columns - set(COLUMN_TYPES) - TEXT_COLUMNS
    if untyped:
        raise LookupError(f"no JSON type for export columns {sorted(untyped)}")
    project = {
        "type": "object",
        "required": [*(c.key for c in COLUMNS), "budget_lines"],
        "properties": {
            **{
                c.key: {
                    **COLUMN_TYPES.get(c.key, TEXT),
                    "title": c.label,
                    "description": c.description,
                }
                for c in COLUMNS
            },
            "budget_lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["group", "category", "source", "note", "amount"],
                    "properties": {
                        "group": {**TEXT, "title": "งบ"},
                        "category": {**TEXT, "title": "หมวด"},
                        "source": {**TEXT, "title": "แหล่งงบประมาณ"},
                        "note": {**TEXT, "title": "หมายเหตุ"},
                        "amount": {**DECIMAL, "title": "จำนวนเงิน (บาท)"},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }
    date = {"type": "string", "format": "date"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "แผนการดำเนินงานที่ประกาศแล้ว (รุ่น 1)",
        "description": "แผนการดำเนินงานประจำปีขององค์กรปกครองส่วนท้องถิ่น หนึ่งแผน พร้อมโครงการ"
        "และรายการงบประมาณ จำนวนเงินเป็นข้อความทศนิยมสองตำแหน่ง วันที่เป็น ISO 8601 (ค.ศ.)",
        "type": "object",
        "required": ["plan", "total", "columns", "projects"],
        "properties": {
            "plan": {
                "type": "object",
                "required": [
                    "organization",
                    "organization_slug",
                    "title",
                    "fiscal_year",
                    "supplement_number",
                    "starts_on",
                    "ends_on",
                    "announced_on",
                    "signer_name",
                    "signer_title",
                    "url",
                ],
                "properties": {
                    "organization": TEXT,
                    "organization_slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                    "title": TEXT,
                    "fiscal_year": {"type": "integer", "description": "ปีงบประมาณ พ.ศ."},
                    "supplement_number": {"type": "integer", "minimum": 0},
                    "starts_on": date,
                    "ends_on": date,
                    "announced_on": date,
                    "signer_name": TEXT,
                    "signer_title": TEXT,
                    "url": {"type": "string", "format": "uri"},
                },
            },
            "total": DECIMAL,
            "columns": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "label", "description"],
                    "properties": {"key": TEXT, "label": TEXT, "description": TEXT},
                },
            },
            "projects": {"type": "array", "items": project},
        },
    }


NULLABLE_DECIMAL = {"type": ["string", "null"], "pattern": r"^-?[0-9]+\.[0-9]{2}$"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
PROGRESS_TYPES = {
    **{key: COLUMN_TYPES[key] for key in ("id", "strategy_number")},
    "as_of": {"type": "string", "format": "date"},
    "closed_on": NULLABLE_DATE,
    "status_code": {"enum": [s.value for s in ProgressStatus]},
    "planned": DECIMAL,
    "committed": NULLABLE_DECIMAL,
    "disbursed": DECIMAL,
    "disbursed_share": NULLABLE_DECIMAL,
    "remaining": DECIMAL,
    "percent_done": DECIMAL,
    "actual_start": NULLABLE_DATE,
    "actual_end": NULLABLE_DATE,
}
PROGRESS_TEXT = {
    *(key for key in PROJECT_KEYS if key in TEXT_COLUMNS),
    "round",
    "status",
    "cancel_reason",
    "procurement_method",
}


def progress_schema(schema_url: str, plan_schema_url: str) -> dict:
    """The schema of a plan's progress JSON (notices/portal/progress_exports.to_json)."""
    untyped = {c.key for c in PROGRESS_COLUMNS} - set(PROGRESS_TYPES) - PROGRESS_TEXT
    if untyped:
        raise LookupError(f"no JSON type for progress columns {sorted(untyped)}")
    date = {"type": "string", "format": "date"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "ผลการดำเนินงานตามแผนการดำเนินงาน รอบการติดตามที่ปิดแล้วล่าสุด (รุ่น 1)",
        "description": "สถานะ ความก้าวหน้า และการเบิกจ่ายของแต่ละโครงการ ตามข้อมูลที่บันทึกไว้เมื่อปิดรอบ"
        "การติดตาม ไม่เปลี่ยนหลังปิดรอบ จำนวนเงินและร้อยละเป็นข้อความทศนิยมสองตำแหน่ง (ปัดเศษครึ่งขึ้น) "
        "วันที่เป็น ISO 8601 (ค.ศ.) ข้อมูลของแผนตรงกับ " + plan_schema_url,
        "type": "object",
        "required": ["plan", "round", "totals", "columns", "projects"],
        "properties": {
            "plan": {"type": "object"},
            "round": {
                "type": "object",
                "required": [
                    "kind",
                    "name",
                    "period_start",
                    "period_end",
                    "closed_on",
                    "report_announced",
                ],
                "properties": {
                    "kind": {"enum": [k.value for k in RoundKind]},
                    "name": TEXT,
                    "period_start": date,
                    "period_end": date,
                    "closed_on": NULLABLE_DATE,
                    "report_announced": {"type": "boolean"},
                },
            },
            "totals": {
                "type": "object",
                "required": ["projects", "planned", "disbursed", "disbursed_share"],
                "properties": {
                    "projects": {"type": "integer", "minimum": 0},
                    "planned": DECIMAL,
                    "disbursed": DECIMAL,
                    "disbursed_share": {
                        **NULLABLE_DECIMAL,
                        "title": f"เบิกจ่าย {BASES['budget']}",
                    },
                },
            },
            "columns": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "label", "description"],
                    "properties": {"key": TEXT, "label": TEXT, "description": TEXT},
                },
            },
            "projects": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [c.key for c in PROGRESS_COLUMNS],
                    "properties": {
                        c.key: {
                            **PROGRESS_TYPES.get(c.key, TEXT),
                            "title": c.label,
                            "description": c.description,
                        }
                        for c in PROGRESS_COLUMNS
                    },
                    "additionalProperties": False,
                },
            },
        },
    }
