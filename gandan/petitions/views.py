"""Staff pages for petitions: worklists, intake with the duplicate check, the case page and its actions, the
protected identity (opened with a reason), documents, and the statutory clock rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.audit.services import event_record, sensitive_read_record
from gandan.errors import DomainError
from gandan.kit.communes import add_commune_filter, commune_paths
from gandan.kit.downloads import generated_file, serve_stored_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.params import month_first
from gandan.petitions import dupcheck, services
from gandan.petitions import forms as f
from gandan.petitions.models import Clock, Kind, Petition, Status
from gandan.petitions.rules import Action, allowed_actions, may_act
from gandan.petitions.selectors import (
    Worklist,
    clock_rule_get,
    clock_rules_all,
    officers_for,
    petition_get_for_user,
    petition_list_for_user,
    petition_timeline,
    related_cases,
    tasks_open_for_user,
    villages_for_user,
    worklist_counts,
)
from gandan.petitions.services.actions import petition_act
from gandan.petitions.services.identity import has_grant
from gandan.units.selectors import communes_for_user
from gandan.web import form_add_domain_error, paginate, require_perm

SEARCH_COUNT_CAP = 1_000
WORKLIST_LABELS = {
    Worklist.MINE: gettext_lazy("Mine"),
    Worklist.NEW: gettext_lazy("New (to process)"),
    Worklist.DUE_SOON: gettext_lazy("Due soon"),
    Worklist.OVERDUE: gettext_lazy("Overdue"),
    Worklist.HANDLER_OVERDUE: gettext_lazy("Past the handler's deadline"),
    Worklist.SUSPENDED: gettext_lazy("Suspended"),
    Worklist.LEADS: gettext_lazy("Inspection leads"),
    Worklist.UNIT: gettext_lazy("All open"),
    Worklist.ALL: gettext_lazy("All, including closed"),
}


@require_safe
@login_required
def worklist(request):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    form = f.WorklistFilterForm(request.GET or None)
    show_commune = add_commune_filter(form, communes_for_user(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    current = data.get("worklist") or Worklist.UNIT
    query = (data.get("q") or "").strip()
    rows = petition_list_for_user(
        request.user,
        unit_paths=commune_paths(data.get("unit")),
        worklist=current,
        query=query,
        kind=data.get("kind", ""),
        status=data.get("status", ""),
        channel=data.get("channel", ""),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
        order=data.get("order") or "-received",
        capped_count=bool(query),
        indicator=data.get("indicator") or "",
        period=month_first(data.get("period")),
    )
    counts = worklist_counts(request.user)
    tabs = [
        {"key": k, "label": WORKLIST_LABELS[k], "count": counts.get(k), "active": k == current}
        for k in Worklist.CHOICES
    ]
    context = {
        "form": form,
        "tabs": tabs,
        "current": current,
        "today": timezone.localdate(),
        "can_receive": request.user.can(Perm.PETITIONS_RECEIVE),
        "can_reception": request.user.can(Perm.RECEPTION_MANAGE),
        "show_commune": show_commune,
        "drill_month": month_first(data.get("period")) if data.get("indicator") else None,
        **paginate(request, rows, count_cap=SEARCH_COUNT_CAP if query else None),
    }
    return render(request, "petitions/worklist.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def intake(request):
    """Record a petition. Before saving, earlier petitions that look like the same matter are shown: the officer
    links the new one to its master case, or records it as new."""
    require_perm(request.user, Perm.PETITIONS_RECEIVE)
    form = f.IntakeForm(request.POST or None, request.FILES or None, villages=villages_for_user(request.user))
    suggestions = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = data.get("duplicate_choice") or ""
        people = form.persons()
        if not choice and data["kind"] != Kind.ANONYMOUS:
            # A protected denunciation is compared on its content only (dupcheck).
            protected = data["kind"] == Kind.DENUNCIATION and not data.get("waived")
            probe = Petition(subject=data["subject"], content=data["content"], protected=protected)
            suggestions = dupcheck.find(request.user, dupcheck.text_of(probe, people), related=True)
        if not suggestions:
            created = _intake_save(request, form, people, choice)
            if created:
                return redirect("petitions:detail", pk=created[0].pk)
    return render(
        request,
        "petitions/intake.html",
        {
            "form": form,
            "same_petition": [s for s in suggestions if s.kind == "same_petition"],
            "same_matter": [s for s in suggestions if s.kind != "same_petition"],
            "suggestions": suggestions,
        },
    )


def _intake_save(request, form, people, choice):
    data = form.cleaned_data
    kind = data["kind"]
    upload = data.get("attachment")
    protected = kind == Kind.DENUNCIATION and not data.get("waived")

    def save():
        master = (
            petition_get_for_user(request.user, choice.split(":", 1)[1])
            if choice.startswith("merge:")
            else None
        )
        created = services.petition_receive(
            unit=request.user.unit,
            channel=data["channel"],
            parts=form.parts(),
            persons=[] if kind == Kind.ANONYMOUS else people,
            original_text=data.get("original_text") or "",
            waived=bool(data.get("waived")),
            waiver_note=data.get("waiver_note") or "",
            addressed_to=data.get("addressed_to") or "",
            forwarded_by=data.get("forwarded_by") or "",
            place=data.get("place"),
            sent_to_many=bool(data.get("sent_to_many")),
            above_level=bool(data.get("above_level")),
            names_violator_with_evidence=bool(data.get("names_violator_with_evidence")),
            attachments=[upload] if upload and not protected else [],
            protected_attachments=[upload] if upload and protected else [],
            master=master,
            by=request.user,
        )
        if related:  # the same matter from other people: linked, each a case of its own
            services.petition_relate(petition=created[0], related=related, by=request.user)
        return created

    related = [petition_get_for_user(request.user, pk) for pk in _ids(request.POST.getlist("relate"))]
    try:  # the petitions, the merge and the form's token are saved together, or none of them
        created = create_once(
            request, save, url=lambda c: reverse("petitions:detail", kwargs={"pk": c[0].pk})
        )
    except DomainError as error:
        form_add_domain_error(form, error, rename=lambda name: name.split(".")[-1])  # "parts.0.kind" → "kind"
        return None
    except Http404:
        form.add_error(None, _("The case chosen as master is not one of your unit's."))
        return None
    codes = ", ".join(p.code for p in created)
    messages.success(request, _("Recorded: %(codes)s.") % {"codes": codes})
    return created


# --- the case page -----------------------------------------------------------------------------------------------

ACTION_FORMS = {
    Action.ACCEPT: f.AcceptForm,
    Action.NOT_ACCEPT: f.NumberedReasonForm,
    Action.GUIDE: f.ToBodyForm,
    Action.FORWARD: f.ToBodyForm,
    Action.FILE: f.ReasonForm,
    Action.MERGE: f.MergeForm,
    Action.EXTEND_CLASSIFY: f.ReasonForm,
    Action.ASSIGN: f.AssignForm,
    Action.TRANSFER: f.TransferForm,
    Action.ADD_TASK: f.TaskForm,
    Action.DIALOGUE: f.DialogueForm,
    Action.EXTEND: f.NumberedReasonForm,
    Action.SUSPEND: f.SuspendForm,
    Action.RESUME: f.ResumeForm,
    Action.DECIDE: f.DecideForm,
    Action.TERMINATE: f.NumberedReasonForm,
    Action.WITHDRAW: f.ReasonForm,
}


def _form(action: Action, petition, data=None):
    form_class = ACTION_FORMS[action]
    kwargs = {"prefix": str(action)}
    if form_class in (f.AssignForm, f.TransferForm):
        kwargs["officers"] = officers_for(petition, "petitions.handle")
    elif form_class is f.TaskForm:
        kwargs["officers"] = officers_for(petition, "petitions.view")
    return form_class(data, **kwargs)


def _actions(petition, user, *, open_action=None, open_form=None) -> list[dict]:
    found = []
    for action in allowed_actions(petition.status_rule, petition.kind_rule):
        if not may_act(user, action):
            continue
        if action is Action.EXTEND and not petition.complexity_criteria:
            continue
        if (
            action is Action.EXTEND_CLASSIFY
            and not petition.clocks.filter(
                role=Clock.Role.INTAKE, stopped_on__isnull=True, rule__key="denunciation.classify"
            ).exists()
        ):
            continue
        form = open_form if action == open_action else _form(action, petition)
        found.append({"action": action, "form": form, "open": action == open_action})
    return found


def _ids(values: list[str]) -> list[int]:
    """The petition ids ticked in a form (at most twenty; anything not a number is ignored)."""
    return sorted({int(v) for v in values[:20] if v.isdigit() and len(v) < 12})


def _detail_context(request, petition, **extra) -> dict:
    user = request.user
    suggestions = []
    if petition.status == Status.RECEIVED:
        people = [
            {"name": p.name, "address": p.address, "phone": p.phone, "id_number": p.id_number}
            for p in petition.petitioners.all()[:1]
        ]
        suggestions = dupcheck.find(
            user, dupcheck.text_of(petition, people), exclude_id=petition.pk, limit=8, related=True
        )
    linked = related_cases(user, petition)
    suggestions = [s for s in suggestions if s.petition not in linked]
    granted = petition.protected and has_grant(user, petition)
    context = {
        "petition": petition,
        "petitioners": [] if petition.protected else petition.petitioners.all(),
        "clocks": petition.clocks.select_related("rule"),
        "documents": petition.documents.all(),
        "tasks": petition.tasks.select_related("assignee"),
        "dialogues": petition.dialogues.all(),
        "escalations": petition.escalations.select_related("to_unit"),
        "steps": petition_timeline(petition),
        "attachments": petition.attachments.filter(protected=False),
        "parts": petition.parts.all(),
        "duplicates": petition.duplicates.all(),
        "suggestions": [s for s in suggestions if s.kind == "same_petition"],
        "same_matter": [s for s in suggestions if s.kind != "same_petition"],
        "related": linked,
        "granted": granted,
        "grants": petition.grants.select_related("user") if granted else [],
        "identity_form": f.IdentityOpenForm() if granted else None,
        "grant_form": f.GrantForm(officers=officers_for(petition, "petitions.receive"))
        if granted and (petition.resolver_id == user.pk or user.can(Perm.PETITIONS_ASSIGN))
        else None,
        "actions": _actions(
            petition, user, open_action=extra.pop("open_action", None), open_form=extra.pop("open_form", None)
        ),
        "today": timezone.localdate(),
        "can_redact": services.may_redact(user, petition),
        "lookup_locked": services.petition_lookup_locked(petition),
        "can_unlock": user.can(Perm.PETITIONS_RECEIVE),
    }
    context.update(extra)
    return context


@require_safe
@login_required
@never_cache
def detail(request, pk: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


@require_POST
@login_required
def relate(request, pk: int):
    """Link this petition to another on the same matter from other people (the duplicate check's second answer)."""
    require_perm(request.user, Perm.PETITIONS_RECEIVE)
    petition = petition_get_for_user(request.user, pk)
    ids = _ids(request.POST.getlist("related"))
    if not ids:
        messages.error(request, _("Choose the case on the same matter to link."))
        return redirect("petitions:detail", pk=pk)
    try:
        others = [petition_get_for_user(request.user, other_id) for other_id in ids]
        services.petition_relate(petition=petition, related=others, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Linked as the same matter."))
    return redirect("petitions:detail", pk=pk)


@require_POST
@login_required
def unlock_lookup(request, pk: int):
    """The citizen called: the officer clears the public lookup's lock on this code (audited)."""
    require_perm(request.user, Perm.PETITIONS_RECEIVE)
    petition = petition_get_for_user(request.user, pk)
    services.petition_lookup_unlock(petition=petition, by=request.user)
    messages.success(request, _("The public lookup of %(code)s works again.") % {"code": petition.code})
    return redirect("petitions:detail", pk=pk)


@require_POST
@login_required
@once_per_token
def act(request, pk: int, action: str):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    try:
        action = Action(action)
    except ValueError:
        raise Http404 from None
    if action not in ACTION_FORMS:
        raise Http404
    if not may_act(request.user, action):
        raise PermissionDenied
    form = _form(action, petition, request.POST)
    if form.is_valid():
        try:
            # A task or a dialogue sent twice is recorded once; a second state change is answered with the page.
            result = create_once(
                request,
                lambda: petition_act(
                    petition=petition, action=action, by=request.user, data=form.cleaned_data
                ),
                url=lambda _result: reverse("petitions:detail", kwargs={"pk": pk}),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            updated = result if isinstance(result, Petition) else petition_get_for_user(request.user, pk)
            messages.success(
                request, _("Done. The case is now “%(status)s”.") % {"status": updated.get_status_display()}
            )
            return redirect("petitions:detail", pk=pk)
    petition = petition_get_for_user(request.user, pk)
    context = _detail_context(request, petition, open_action=action, open_form=form)
    return render(request, "petitions/detail.html", context, status=422)


@require_POST
@login_required
@never_cache
def identity(request, pk: int):
    """Open the protected identity: a grant holder, a reason, an audit row. The page is never cached."""
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    form = f.IdentityOpenForm(request.POST)
    if form.is_valid():
        try:
            opened = services.identity_open(
                petition=petition, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            return render(
                request,
                "petitions/identity.html",
                {
                    "petition": petition,
                    "identity": opened,
                    "attachments": petition.attachments.filter(protected=True),
                    "waive_form": f.WaiveForm(),
                },
            )
    context = _detail_context(request, petition, identity_form=form)
    return render(request, "petitions/detail.html", context, status=422)


@require_POST
@login_required
def grant(request, pk: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    form = f.GrantForm(request.POST, officers=officers_for(petition, "petitions.receive"))
    if form.is_valid():
        try:
            services.identity_grant(
                petition=petition,
                by=request.user,
                user=form.cleaned_data["user"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Access granted."))
            return redirect("petitions:detail", pk=pk)
    return render(
        request, "petitions/detail.html", _detail_context(request, petition, grant_form=form), status=422
    )


@require_POST
@login_required
def waive(request, pk: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    form = f.WaiveForm(request.POST)
    if form.is_valid():
        try:
            services.identity_waive(petition=petition, by=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The waiver is recorded: the denunciator is now named on the case."))
    else:
        messages.error(request, _("Describe the written waiver (date, signed by whom)."))
    return redirect("petitions:detail", pk=pk)


@require_safe
@login_required
def attachment(request, pk: int, attachment_id: int):
    """An attachment of the case, as a download. Outside the officer's units: 404. The protected ones (the original
    letter, handwriting) only for grant holders, each opening written to the sensitive-read log like the identity;
    ordinary ones are recorded in the audit trail."""
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    item = get_object_or_404(petition.attachments, pk=attachment_id)
    if item.protected and not has_grant(request.user, petition):
        raise Http404

    def audit():
        if item.protected:
            # The reason names the attachment by number: its original name may itself identify the denunciator.
            sensitive_read_record(
                actor=request.user,
                obj=petition,
                what="denunciator_attachment",
                reason=_("Opened protected attachment no. %(id)s") % {"id": item.pk},
            )
        else:
            event_record(
                actor=request.user,
                action="petitions.attachment_read",
                obj=petition,
                details={"attachment": item.pk},
            )

    return serve_stored_file(
        request, item.file, original_name=item.original_name, content_type=item.content_type, audit=audit
    )


@require_safe
@login_required
def document_pdf(request, pk: int, document_id: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    document = get_object_or_404(petition.documents.select_related("petition__unit"), pk=document_id)
    from gandan.petitions.pdf import document_pdf_bytes

    return generated_file(
        document_pdf_bytes(document),
        filename=f"{petition.code}-{document.form}.pdf",
        content_type="application/pdf",
        inline=True,
    )


@require_http_methods(["GET", "POST"])
@login_required
def task_done(request, task_id: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    task = get_object_or_404(tasks_open_for_user(request.user), pk=task_id)
    form = f.TaskDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.petition_task_done(task=task, by=request.user, result=form.cleaned_data["result"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The task is reported as done."))
            return (
                redirect("petitions:detail", pk=task.petition_id)
                if task.petition_id
                else redirect("petitions:tasks")
            )
    return render(
        request,
        "petitions/task_done.html",
        {"task": task, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_safe
@login_required
def tasks(request):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    rows = tasks_open_for_user(request.user)
    if request.GET.get("mine"):
        rows = rows.filter(assignee=request.user)
    return render(request, "petitions/tasks.html", {"today": timezone.localdate(), **paginate(request, rows)})


# --- statutory clock rules ----------------------------------------------------------------------------------------


@require_safe
@login_required
def clock_rules(request):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    rows = clock_rules_all()
    return render(
        request,
        "petitions/clock_rules.html",
        {"rules": rows, "can_edit": request.user.can(Perm.CLOCK_RULES_EDIT), "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def clock_rule_correct(request, pk: int):
    require_perm(request.user, Perm.CLOCK_RULES_EDIT)
    rule = clock_rule_get(pk)
    initial = {
        "days": rule.days,
        "unit": rule.unit,
        "suspension": rule.suspension,
        "legal_basis": rule.legal_basis,
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
    }
    form = f.ClockRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.clock_rule_correct(
                key=rule.key,
                days=d["days"],
                unit=d["unit"],
                suspension=d["suspension"],
                legal_basis=d["legal_basis"],
                valid_from=d["valid_from"],
                valid_to=d.get("valid_to"),
                note=d.get("note") or "",
                by=request.user,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "A new version of the time limit is recorded. Cases already received keep "
                    "the version they got."
                ),
            )
            return redirect("petitions:clock_rules")
    return render(
        request,
        "petitions/clock_rule_form.html",
        {"rule": rule, "form": form},
        status=422 if request.method == "POST" else 200,
    )
