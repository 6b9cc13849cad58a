from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.units.forms import UnitFilterForm, UnitForm, UnitMergeForm
from gandan.units.models import UnitKind
from gandan.units.selectors import (
    former_units_for_user,
    unit_ancestors,
    unit_children,
    unit_get_for_user,
    unit_list_for_user,
    unit_merge_candidates,
    unit_predecessors,
)
from gandan.units.services import unit_create, unit_merge, unit_update
from gandan.web import form_add_domain_error, paginate, require_perm


@require_safe
@login_required
def unit_list(request):
    require_perm(request.user, Perm.UNITS_VIEW)
    form = UnitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = unit_list_for_user(
        request.user,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        include_former=filters.get("former", False),
        order=filters.get("order") or "path",
    )
    context = {
        "form": form,
        "filtered": bool(filters.get("q") or filters.get("kind")),
        **paginate(request, rows),
    }
    return render(request, "units/list.html", context)


@require_safe
@login_required
def unit_detail(request, pk: int):
    require_perm(request.user, Perm.UNITS_VIEW)
    unit = unit_get_for_user(request.user, pk)
    context = {
        "unit": unit,
        "ancestors": unit_ancestors(unit),
        "children": unit_children(unit),
        "predecessors": unit_predecessors(unit),
        "can_edit": request.user.can(Perm.UNITS_EDIT),
    }
    return render(request, "units/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def unit_edit(request, pk: int):
    require_perm(request.user, Perm.UNITS_EDIT)
    unit = unit_get_for_user(request.user, pk, former="confirmed")
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(unit=unit, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/form.html", {"form": form, "unit": unit, "parent": unit.parent})


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def unit_add_child(request, pk: int):
    require_perm(request.user, Perm.UNITS_EDIT)
    parent = unit_get_for_user(request.user, pk, former="confirmed")
    form = UnitForm(request.POST or None, initial={"kind": UnitKind.VILLAGE})
    if request.method == "POST" and form.is_valid():
        try:
            child = create_once(
                request,
                lambda: unit_create(parent=parent, by=request.user, **form.cleaned_data),
                url=lambda c: reverse("units:detail", kwargs={"pk": c.pk}),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": child.name})
            return redirect("units:detail", pk=child.pk)
    return render(request, "units/form.html", {"form": form, "unit": None, "parent": parent})


@require_http_methods(["GET", "POST"])
@login_required
def unit_merge_into(request, pk: int):
    require_perm(request.user, Perm.UNITS_EDIT)
    unit = unit_get_for_user(request.user, pk, former="none")
    if not unit.is_current:
        messages.error(request, _("This unit has already ended."))
        return redirect("units:detail", pk=unit.pk)
    form = UnitMergeForm(request.POST or None, candidates=unit_merge_candidates(request.user, unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit_merge(
                former=unit,
                into=data["into"],
                effective=data["effective"],
                legal_basis=data["legal_basis"],
                carry_children=data["carry_children"],
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(former)s was merged into %(into)s.") % {"former": unit.name, "into": data["into"].name},
            )
            return redirect("units:detail", pk=data["into"].pk)
    return render(request, "units/merge.html", {"form": form, "unit": unit})


@require_safe
@login_required
def former_list(request):
    require_perm(request.user, Perm.UNITS_VIEW)
    query = request.GET.get("q", "")[:100]
    rows = former_units_for_user(request.user, query=query)
    return render(request, "units/former.html", {"query": query, **paginate(request, rows)})
