"""The bottom floor's data: organizations and their master data, people and roles, rules,
plans with their projects and budget lines, and the plans' history."""

from projects.models.audit import Action, AuditEvent
from projects.models.organization import (
    Department,
    EquipmentType,
    Guideline,
    Organization,
    OrganizationOwned,
    PlanPeriod,
    Program,
    Strategy,
    Village,
)
from projects.models.people import EDITOR_ROLES, Membership, Role
from projects.models.plans import (
    EDITABLE_STAGES,
    BudgetLine,
    OperationsPlan,
    OperationsPlanQuerySet,
    Project,
    ProjectQuerySet,
    Stage,
    attach_totals,
)
from projects.models.rules import RuleSet

__all__ = [
    "EDITABLE_STAGES",
    "EDITOR_ROLES",
    "Action",
    "AuditEvent",
    "BudgetLine",
    "Department",
    "EquipmentType",
    "Guideline",
    "Membership",
    "OperationsPlan",
    "OperationsPlanQuerySet",
    "Organization",
    "OrganizationOwned",
    "PlanPeriod",
    "Program",
    "Project",
    "ProjectQuerySet",
    "Role",
    "RuleSet",
    "Stage",
    "Strategy",
    "Village",
    "attach_totals",
]
