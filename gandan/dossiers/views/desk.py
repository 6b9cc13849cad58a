"""Staff pages of the one-stop desk: worklists, intake at the desk, the dossier page and its actions."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.accounts.scope import scope_path
from gandan.audit.services import event_record
from gandan.dossiers import services
from gandan.dossiers.forms import (
    ApologyForm,
    CompleteForm,
    IntakeForm,
    PaymentForm,
    PeriodForm,
    ReasonForm,
    ReturnForm,
    SupplementForm,
    TransferForm,
    WorklistFilterForm,
)
from gandan.dossiers.models import Channel
from gandan.dossiers.rules import ACTION_PERMS, Action, Status, allowed_actions, may_act
from gandan.dossiers.selectors import (
    Worklist,
    days_late,
    dossier_get_for_user,
    dossier_list_for_user,
    handler_choices,
    indicators_by_unit,
    indicators_for_user,
    may_apologize,
    procedures_found,
    procedures_in_force,
    worklist_counts,
)
from gandan.dossiers.services.actions import dossier_act
from gandan.dossiers.services.common import check_transition
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import serve_stored_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_bounds
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm


@require_safe
@login_required
def worklist(request):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    form = WorklistFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    current = data.get("worklist") or Worklist.UNIT
    indicator = data.get("indicator") or ""
    period = month_bounds(data.get("period")) if indicator else None
    if period is not None:
        current = Worklist.ALL  # an indicator counts closed dossiers too
    rows = dossier_list_for_user(
        request.user,
        unit_paths=commune_paths(data.get("unit")),
        indicator=indicator,
        period=period,
        worklist=current,
        query=data.get("q", ""),
        status=data.get("status"),
        channel=data.get("channel"),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
        order=data.get("order") or "appointment",
    )
    labels = {
        Worklist.MINE: _("Mine"),
        Worklist.NEW: _("New (to check)"),
        Worklist.DUE_SOON: _("Due soon"),
        Worklist.OVERDUE: _("Overdue"),
        Worklist.SUPPLEMENT: _("Waiting for papers"),
        Worklist.READY: _("Ready to return"),
        Worklist.UNIT: _("All open"),
        Worklist.ALL: _("All, including closed"),
    }
    counts = worklist_counts(request.user)
    tabs = [
        {"key": k, "label": labels[k], "count": counts.get(k), "active": k == current}
        for k in Worklist.CHOICES
    ]
    context = {
        "form": form,
        "tabs": tabs,
        "current": current,
        "today": timezone.localdate(),
        "can_receive": request.user.can(Perm.DOSSIERS_RECEIVE),
        "show_commune": show_commune,
        "indicator": indicator if period else "",
        "period": period,
        **paginate(request, rows),
    }
    today = context["today"]
    for row in context["page_obj"]:
        row.days_late = days_late(row, today=today)  # the same rule as the dossier page and the API
    return render(request, "dossiers/worklist.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def intake(request):
    """At the desk: choose the procedure, fill in the applicant, tick the papers, decide (Form 01/02/03)."""
    require_perm(request.user, Perm.DOSSIERS_RECEIVE)
    procedures = procedures_in_force()
    procedure = None
    if request.GET.get("procedure") or request.POST.get("procedure"):
        try:
            procedure = procedures.get(pk=int(request.GET.get("procedure") or request.POST.get("procedure")))
        except (ValueError, procedures.model.DoesNotExist):
            raise Http404 from None
    if procedure is None:
        query = request.GET.get("q", "")[:100]
        groups = procedures_found(procedures, query=query, unit_path=scope_path(request.user))
        return render(request, "dossiers/intake_choose.html", {"groups": groups, "q": query})
    form = IntakeForm(request.POST or None, procedure=procedure)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = create_once(
                request, lambda: _intake_decide(request.user, procedure, data), url=_detail_url
            )
        except DomainError as error:
            form_add_domain_error(form, error, rename=INTAKE_FIELDS)
        else:
            messages.success(request, _("Dossier %(code)s was recorded.") % {"code": dossier.code})
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/intake_form.html", {"form": form, "procedure": procedure})


def _detail_url(dossier) -> str:
    return reverse("dossiers:detail", kwargs={"pk": dossier.pk})


# The services' names for what the intake form calls otherwise, so their errors show next to the right field.
INTAKE_FIELDS = {"items": "missing"}


def _intake_decide(user, procedure, data):
    return services.dossier_intake(
        decision=data["decision"],
        supplement_items=(data.get("missing") or "").splitlines(),
        reason=data.get("reason") or "",
        by=user,
        procedure=procedure,
        unit=user.unit,
        channel=data["channel"],
        applicant_name=data["applicant_name"],
        applicant_phone=data["applicant_phone"],
        applicant_address=data["applicant_address"],
        applicant_email=data.get("applicant_email") or "",
        id_number=data.get("id_number") or "",
        request=data.get("request") or "",
        sets=data.get("sets") or 1,
        present_component_ids=data.get("components") or [],
        birth_year=data.get("birth_year"),
        sex=data.get("sex") or "",
    )


ACTION_FORMS: dict[Action, type[forms.Form] | None] = {
    Action.ACCEPT: None,
    Action.REQUEST_SUPPLEMENT: SupplementForm,
    Action.REFUSE: ReasonForm,
    Action.TRANSFER: TransferForm,
    Action.RECEIVE_SUPPLEMENT: None,
    Action.REQUEST_PAYMENT: PaymentForm,
    Action.RECORD_PAYMENT: None,
    Action.WITHDRAW: ReasonForm,
    Action.STOP: ReasonForm,
    Action.COMPLETE: CompleteForm,
    Action.RETURN_RESULT: ReturnForm,
    Action.APOLOGIZE: ApologyForm,
}


def _action_forms(dossier, user) -> list[dict]:
    """The actions this dossier's state allows and this user's roles permit, each with its (empty) form."""
    found = []
    for action in allowed_actions(Status(dossier.status)):
        if action == Action.APOLOGIZE and not may_apologize(dossier):
            continue
        if not may_act(user, action):
            continue
        form_class = ACTION_FORMS[action]
        form: forms.Form | None = None
        if form_class is TransferForm:
            form = TransferForm(handlers=handler_choices(dossier), prefix=action)
        elif form_class is not None:
            form = form_class(prefix=action)
        found.append({"action": action, "form": form})
    return found


@require_safe
@login_required
def detail(request, pk: int):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    context = {
        "dossier": dossier,
        "steps": dossier.steps.select_related("actor"),
        "handoffs": dossier.handoffs.all(),
        "components": dossier.components.all(),
        "supplements": dossier.supplements.all(),
        "apologies": dossier.apologies.all(),
        "actions": _action_forms(dossier, request.user),
        "days_late": days_late(dossier),
        "rating": getattr(dossier, "rating", None),
        "return_record": getattr(dossier, "return_record", None),
        "attachments": dossier.attachments.all(),
        "lookup_locked": services.dossier_lookup_locked(dossier),
        "can_unlock": request.user.can(Perm.DOSSIERS_RECEIVE),
    }
    return render(request, "dossiers/detail.html", context)


@require_safe
@login_required
def attachment(request, pk: int, attachment_id: int):
    """A scan the citizen sent with the dossier, as a download, for officers of the dossier's units (404 outside
    them); every opening is recorded in the audit trail."""
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    item = get_object_or_404(dossier.attachments, pk=attachment_id)
    return serve_stored_file(
        request,
        item.file,
        original_name=item.original_name,
        content_type=item.content_type,
        audit=lambda: event_record(
            actor=request.user,
            action="dossiers.attachment_read",
            obj=dossier,
            details={"attachment": item.pk},
        ),
    )


@require_safe
@login_required
def result_file(request, pk: int):
    """The result document's scan or electronic file kept with the return record, for officers in scope (404
    outside them or when there is none); every opening is audited."""
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    record = getattr(dossier, "return_record", None)
    if record is None or not record.file:
        raise Http404
    return serve_stored_file(
        request,
        record.file,
        original_name=record.file_name,
        content_type=record.file_type,
        audit=lambda: event_record(
            actor=request.user, action="dossiers.result_file_read", obj=dossier, details={}
        ),
    )


@require_POST
@login_required
def unlock_lookup(request, pk: int):
    """The citizen called: the desk clears the public lookup's lock on this code (audited)."""
    require_perm(request.user, Perm.DOSSIERS_RECEIVE)
    dossier = dossier_get_for_user(request.user, pk)
    services.dossier_lookup_unlock(dossier=dossier, by=request.user)
    messages.success(request, _("The public lookup of %(code)s works again.") % {"code": dossier.code})
    return redirect("dossiers:detail", pk=dossier.pk)


@require_POST
@login_required
def act(request, pk: int, action: str):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    try:
        action = Action(action)
    except ValueError:
        raise Http404 from None
    if action not in ACTION_PERMS:
        raise Http404
    if not may_act(request.user, action):
        raise PermissionDenied
    form_class = ACTION_FORMS[action]
    form: forms.Form | None = None
    if form_class is TransferForm:
        form = TransferForm(request.POST, handlers=handler_choices(dossier), prefix=action)
    elif form_class is not None:
        form = form_class(request.POST, request.FILES, prefix=action)
    if action not in allowed_actions(Status(dossier.status)):
        # Not possible in this state (a page left open while someone else acted): say so, whatever the form held.
        try:
            check_transition(dossier, action)
        except DomainError as error:
            messages.error(request, str(error.message))
    elif form is None or form.is_valid():
        try:
            updated = dossier_act(
                dossier=dossier, action=action, by=request.user, data=form.cleaned_data if form else {}
            )
        except DomainError as error:
            # A refused action answers 422 like a refused form: the page again, with the reason, nothing saved.
            if form is None:
                messages.error(request, str(error.message))
            else:
                form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Done. The dossier is now “%(status)s”.") % {"status": updated.get_status_display()},
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    # Show the page again with this action's form and its errors; nothing was saved.
    context = {
        "dossier": dossier,
        "steps": dossier.steps.all(),
        "handoffs": dossier.handoffs.all(),
        "components": dossier.components.all(),
        "supplements": dossier.supplements.all(),
        "apologies": dossier.apologies.all(),
        "days_late": days_late(dossier),
        "actions": [
            a if a["action"] != action else {"action": action, "form": form, "open": True}
            for a in _action_forms(dossier, request.user)
        ],
        "rating": getattr(dossier, "rating", None),
        "return_record": getattr(dossier, "return_record", None),
        "attachments": dossier.attachments.all(),
    }
    return render(request, "dossiers/detail.html", context, status=422)


@require_safe
@login_required
def indicators(request):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    month = (
        form.cleaned_data.get("month")
        if form.is_valid() and form.cleaned_data.get("month")
        else today.strftime("%Y-%m")
    )
    year, mon = (int(x) for x in month.split("-"))
    if not (2000 <= year <= 2100 and 1 <= mon <= 12):
        year, mon = today.year, today.month
    start = dt.date(year, mon, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    result = indicators_for_user(request.user, start=start, end=end)
    by_unit = indicators_by_unit(request.user, start=start, end=end)
    # A link only for a commune the worklist's filter offers (a former unit's figures have no list of their own).
    unit_ids = dict(communes_for_user(request.user).values_list("path", "id"))
    context = {
        "form": form,
        "month": f"{year:04d}-{mon:02d}",
        "ind": result,
        "channels": Channel,
        # (name, figures, unit id): each number links to the worklist of the dossiers it counts, in that unit.
        "by_unit": [(name, row, unit_ids.get(row.unit_path)) for name, row in by_unit],
    }
    return render(request, "dossiers/indicators.html", context)
