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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.accounts.scope import scope_path
from gandan.audit.services import event_record
from gandan.dossiers import services
from gandan.dossiers.forms import (
    ApologyForm,
    CompleteForm,
    IntakeForm,
    PaperLine,
    PapersForm,
    PaymentForm,
    PeriodForm,
    ReasonForm,
    ReturnForm,
    RevealForm,
    SupplementForm,
    TransferForm,
    WorklistFilterForm,
    application_answers,
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
from gandan.dossiers.services.identity import dossier_identity_reveal, mask_id_number, may_reveal_identity
from gandan.errors import Conflict, DomainError
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
    last = month_bounds(data.get("period_to")) if period is not None else None
    if period is not None and last is not None and last[1] > period[1]:
        period = (period[0], last[1])
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
        order=data.get("order") or "",
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
            ticks, answers = form.paper_ticks(), application_answers(form)
            dossier = create_once(
                request,
                lambda: _intake_decide(request.user, procedure, data, ticks, answers),
                url=_detail_url,
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
INTAKE_FIELDS = {"items": "missing", "papers": None}


def _intake_decide(user, procedure, data, form_ticks, answers):
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
        papers=form_ticks,
        application=answers,
        birth_year=data.get("birth_year"),
        sex=data.get("sex") or "",
    )


ACTION_FORMS: dict[Action, type[forms.Form] | None] = {
    Action.ACCEPT: PapersForm,
    Action.REQUEST_SUPPLEMENT: SupplementForm,
    Action.REFUSE: ReasonForm,
    Action.TRANSFER: TransferForm,
    Action.RECEIVE_SUPPLEMENT: PapersForm,
    Action.REQUEST_PAYMENT: PaymentForm,
    Action.RECORD_PAYMENT: None,
    Action.WITHDRAW: ReasonForm,
    Action.STOP: ReasonForm,
    Action.COMPLETE: CompleteForm,
    Action.RETURN_RESULT: ReturnForm,
    Action.APOLOGIZE: ApologyForm,
}


def paper_lines(dossier) -> list[PaperLine]:
    """The dossier's checklist for the desk's forms, ticked as recorded. A paper the citizen sent a file for is NOT
    ticked for him: the file is shown beside it and the officer ticks it once he has checked it, so Form 01 never
    certifies a paper nobody looked at."""
    rows = list(dossier.components.prefetch_related("files"))
    return [PaperLine.of_row(row, files=list(row.files.all())) for row in rows]


def _action_form(form_class, dossier, action, data=None, files=None):
    if form_class is TransferForm:
        return TransferForm(data, handlers=handler_choices(dossier), prefix=action)
    if issubclass(form_class, PapersForm):
        # The checklist is ticked at the desk: when accepting, when papers come back, and when asking for them before
        # the dossier is accepted. A handler asking for a corrected paper later writes it in the items.
        ticking = form_class is not SupplementForm or dossier.received_at is None
        return form_class(data, lines=paper_lines(dossier) if ticking else [], prefix=action)
    return form_class(data, files, prefix=action)


def _action_forms(dossier, user) -> list[dict]:
    """The actions this dossier's state allows and this user's roles permit, each with its (empty) form."""
    found = []
    for action in allowed_actions(Status(dossier.status)):
        if action == Action.APOLOGIZE and not may_apologize(dossier):
            continue
        if not may_act(user, action):
            continue
        form_class = ACTION_FORMS[action]
        form = _action_form(form_class, dossier, action) if form_class is not None else None
        found.append({"action": action, "form": form})
    return found


def _detail_context(request, dossier, **extra) -> dict:
    """What the dossier page shows: the record, every field the citizen typed, the checklist, the files, the
    masked ID number, the timeline and the actions the state and the user's roles allow."""
    identity = getattr(dossier, "identity", None)
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
        "attachments": dossier.attachments.select_related("paper"),
        "lookup_locked": services.dossier_lookup_locked(dossier),
        "can_unlock": request.user.can(Perm.DOSSIERS_RECEIVE),
        "id_masked": mask_id_number(identity.id_number) if identity else "",
        "reveal_form": RevealForm() if identity and may_reveal_identity(request.user, dossier) else None,
        "id_revealed": "",
    }
    context.update(extra)
    return context


@require_safe
@login_required
def detail(request, pk: int):
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    return render(request, "dossiers/detail.html", _detail_context(request, dossier))


@require_POST
@login_required
@never_cache
def reveal_identity(request, pk: int):
    """The applicant's full ID number, for this answer only: who may see it, with a reason, in the sensitive-read
    log (like a denunciator's identity). Nothing is stored that would show it again."""
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            number = dossier_identity_reveal(
                dossier=dossier, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            return render(
                request,
                "dossiers/detail.html",
                _detail_context(request, dossier, id_revealed=number, reveal_form=None),
            )
    return render(
        request, "dossiers/detail.html", _detail_context(request, dossier, reveal_form=form), status=422
    )


@require_safe
@login_required
def attachment(request, pk: int, attachment_id: int):
    """A scan the citizen sent with the dossier, for officers of the dossier's units (404 outside them): shown in
    the browser with `?inline=1` (a PDF or an image, checked at upload), otherwise downloaded; every opening is
    recorded in the audit trail."""
    require_perm(request.user, Perm.DOSSIERS_VIEW)
    dossier = dossier_get_for_user(request.user, pk)
    item = get_object_or_404(dossier.attachments, pk=attachment_id)
    return serve_stored_file(
        request,
        item.file,
        original_name=item.original_name,
        content_type=item.content_type,
        inline=request.GET.get("inline") == "1",
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
    form = (
        _action_form(form_class, dossier, action, request.POST, request.FILES)
        if form_class is not None
        else None
    )
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
            # A refusal of the action itself (not of a field) is said at the top: its form may not be on the page.
            if form is None or isinstance(error, Conflict):
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
    context = _detail_context(
        request,
        dossier,
        actions=[
            a if a["action"] != action else {"action": action, "form": form, "open": True}
            for a in _action_forms(dossier, request.user)
        ],
    )
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
