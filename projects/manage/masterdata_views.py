"""Master data pages: one list, form, retire and delete for every kind in KINDS, and the
development-plan periods with their strategies and guidelines as one tree."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from projects.access import get_organization_for_admin
from projects.manage import masterdata
from projects.manage.forms import CopyStrategiesForm, master_form_class, parent_initial
from projects.manage.services import ManageError
from projects.manage.views import manage_render
from projects.models import PlanPeriod


def _kind(slug):
    try:
        return masterdata.KINDS[slug]
    except KeyError:
        raise Http404 from None


def _back(kind, organization):
    # Strategies and guidelines are shown in their period's tree.
    slug = "periods" if kind.parent else kind.slug
    return redirect("manage:master_list", org_id=organization.pk, kind=slug)


def master_list(request, org_id, kind):
    organization = get_organization_for_admin(request.user, org_id)
    kind = _kind(kind)
    if kind.parent:
        return redirect("manage:master_list", org_id=organization.pk, kind="periods")
    if kind.model is PlanPeriod:
        periods = PlanPeriod.objects.filter(organization=organization).prefetch_related(
            "strategies__guidelines"
        )
        return manage_render(
            request, "manage/periods.html", organization, kind=kind, periods=periods
        )
    return manage_render(
        request, "manage/master_list.html", organization, kind=kind, rows=kind.rows(organization)
    )


@require_http_methods(["GET", "POST"])
def master_edit(request, org_id, kind, pk=None):
    organization = get_organization_for_admin(request.user, org_id)
    kind = _kind(kind)
    row = get_object_or_404(kind.rows(organization), pk=pk) if pk else kind.model()
    form_class = master_form_class(kind)
    form = form_class(
        request.POST or None,
        instance=row,
        organization=organization,
        kind=kind,
        initial=parent_initial(kind, request.GET),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = masterdata.master_save(
                kind=kind, organization=organization, row=form.instance, by=request.user
            )
        except ManageError as error:
            form.add_error(None, error.message)
        else:
            if pk and saved.pk != pk:
                messages.success(
                    request,
                    f"บันทึก “{saved}” แล้ว แผนที่ประกาศแล้วยังแสดงชื่อเดิม แผนที่กำลังจัดทำใช้ชื่อใหม่",
                )
            else:
                messages.success(request, f"บันทึก “{saved}” แล้ว")
            return _back(kind, organization)
    used = masterdata.projects_using(kind, row).count() if pk else 0
    return manage_render(
        request, "manage/master_form.html", organization, kind=kind, form=form, row=row, used=used
    )


@require_POST
def master_action(request, org_id, kind, pk, action):
    if action not in ("retire", "restore", "delete"):
        raise Http404
    organization = get_organization_for_admin(request.user, org_id)
    kind = _kind(kind)
    row = get_object_or_404(kind.rows(organization), pk=pk)
    try:
        if action == "delete":
            label = str(row)
            masterdata.master_delete(kind=kind, organization=organization, row=row, by=request.user)
            messages.success(request, f"ลบ “{label}” แล้ว")
        else:
            retired = action == "retire"
            masterdata.master_retire(
                kind=kind, organization=organization, row=row, retired=retired, by=request.user
            )
            done = "เลิกใช้" if retired else "นำกลับมาใช้"
            messages.success(request, f"{done} “{row}” แล้ว")
    except ManageError as error:
        messages.error(request, error.message)
    return _back(kind, organization)


@require_POST
def period_copy(request, org_id, pk):
    organization = get_organization_for_admin(request.user, org_id)
    target = get_object_or_404(PlanPeriod, organization=organization, pk=pk)
    form = CopyStrategiesForm(request.POST, organization=organization, target=target)
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกแผนพัฒนาที่จะคัดลอกยุทธศาสตร์มา")
    else:
        try:
            count = masterdata.period_copy_strategies(
                organization=organization,
                source=form.cleaned_data["source"],
                target=target,
                by=request.user,
            )
        except ManageError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"คัดลอก {count} ยุทธศาสตร์พร้อมแนวทางการพัฒนาแล้ว")
    return redirect("manage:master_list", org_id=organization.pk, kind="periods")
