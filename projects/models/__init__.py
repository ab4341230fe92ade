"""The bottom floor's data: organizations and their master data, people and roles, rules,
plans with their projects and budget lines, and the plans' history."""

from projects.models.audit import Action, AuditEvent
from projects.models.imports import PendingImport
from projects.models.organization import (
    ACTIVE,
    Department,
    EquipmentType,
    FormerSlug,
    Guideline,
    Organization,
    OrganizationOwned,
    PlanPeriod,
    Program,
    Strategy,
    UnitKind,
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
    "ACTIVE",
    "EDITABLE_STAGES",
    "EDITOR_ROLES",
    "Action",
    "AuditEvent",
    "BudgetLine",
    "Department",
    "EquipmentType",
    "FormerSlug",
    "Guideline",
    "Membership",
    "OperationsPlan",
    "OperationsPlanQuerySet",
    "Organization",
    "OrganizationOwned",
    "PendingImport",
    "PlanPeriod",
    "Program",
    "Project",
    "ProjectQuerySet",
    "Role",
    "RuleSet",
    "Stage",
    "Strategy",
    "UnitKind",
    "Village",
    "attach_totals",
]
