"""A field report's page for the officers at /staff/fieldreports/<pk>/: everything about it (category and the
answers to its questions, description, place with the exact coordinates, photos, timeline, due day), the reporter's
contacts on request (audited), and the forms of the steps its state allows. Each form posts to its own address and
calls one service; a refusal comes back on the page next to the form, with nothing changed. Outside the officer's
units every address answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.accounts.rules import Perm
from gandan.core import fieldreports as rules
from gandan.errors import DomainError
from gandan.fieldreports.selectors import report_get_for_user
from gandan.fieldreports.services import report_move
from gandan.fieldreports.services.assignment import report_assign, report_contacts_read, report_note
from gandan.fieldreports.services.conversion import report_to_petition
from gandan.fieldreports.services.duplicates import report_link_duplicate
from gandan.fieldreports.services.visibility import (
    report_hide,
    report_photo_add,
    report_photo_publish,
    report_show,
)
from gandan.fieldreports.staff_forms import (
    CLOSING,
    AssignForm,
    DuplicateForm,
    MoveForm,
    NoteForm,
    PetitionForm,
    PhotoForm,
    VisibilityForm,
)
from gandan.fieldreports.staff_selectors import (
    answers_shown,
    earlier_report_by_code,
    nearby_suggestions,
    report_officers,
    report_photo,
    report_photos,
    report_timeline,
)
from gandan.kit.downloads import serve_stored_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, require_perm

ACTION_LABELS = {
    rules.Action.ACKNOWLEDGE: gettext_lazy("Begin checking"),
    rules.Action.START: gettext_lazy("Begin fixing"),
    rules.Action.SCHEDULE: gettext_lazy("Schedule the fix"),
    rules.Action.FIX: gettext_lazy("Mark fixed"),
    rules.Action.DUPLICATE: gettext_lazy("Same as an earlier report"),
    rules.Action.NOT_RESPONSIBLE: gettext_lazy("Not the commune's to handle"),
    rules.Action.NO_FURTHER_ACTION: gettext_lazy("Close with no further action"),
    rules.Action.TO_PETITION: gettext_lazy("Handle as a petition"),
    rules.Action.REOPEN: gettext_lazy("Reopen"),
}
OWN_PAGE = frozenset({rules.Action.DUPLICATE, rules.Action.TO_PETITION})  # steps with forms of their own


def _actions(report, *, open_action=None, open_form=None) -> list[dict]:
    found = []
    for action in rules.allowed_actions(report.status):
        form = None
        if action not in OWN_PAGE:
            form = open_form if action == open_action else MoveForm(action=action)
        found.append(
            {
                "action": action.value,
                "label": ACTION_LABELS[action],
                "form": form,
                "open": action == open_action,
                "closing": action in CLOSING,
                "note_required": action in rules.NOTE_REQUIRED,
            }
        )
    return found


def _page(request, report, *, status: int = 200, **extra):
    user = request.user
    handle = user.can(Perm.FIELDREPORTS_HANDLE)
    today = timezone.localdate()
    allowed = rules.allowed_actions(report.status)
    refused = extra.get("open_form") if extra.get("open_action") not in allowed else None
    context = {
        "refused_form": refused,
        "report": report,
        "answers": answers_shown(report),
        "photos": report_photos(report),
        "steps": report_timeline(report),
        "today": today,
        "overdue": report.is_open and report.due is not None and report.due < today,
        "may_handle": handle,
        "has_contacts": bool(report.reporter_name or report.reporter_phone or report.reporter_email),
        "actions": _actions(
            report, open_action=extra.pop("open_action", None), open_form=extra.pop("open_form", None)
        )
        if handle
        else [],
        "assign_form": extra.pop("assign_form", None)
        or (
            AssignForm(initial={"officer": report.assigned_to}, officers=report_officers(report))
            if handle
            else None
        ),
        "note_form": extra.pop("note_form", None) or NoteForm(auto_id="note_%s"),
        "photo_form": extra.pop("photo_form", None) or PhotoForm(auto_id="photo_%s"),
        "visibility_form": extra.pop("visibility_form", None) or VisibilityForm(auto_id="visibility_%s"),
        "duplicate_form": extra.pop("duplicate_form", None) or DuplicateForm(auto_id="duplicate_%s"),
        "suggestions": nearby_suggestions(user, report)
        if handle and rules.Action.DUPLICATE in allowed
        else [],
        "may_duplicate": handle and rules.Action.DUPLICATE in allowed,
        "may_petition": handle and rules.Action.TO_PETITION in allowed,
    }
    context.update(extra)
    return render(request, "fieldreports/detail.html", context, status=status)


def _detail_url(pk: int):
    """Where a form of the report's page sent twice leads the second time: the report's page, as the first did."""
    return lambda _result: reverse("fieldreports:detail", args=[pk])


def _handled(request, pk: int):
    require_perm(request.user, Perm.FIELDREPORTS_VIEW)
    report = report_get_for_user(request.user, pk)
    if not request.user.can(Perm.FIELDREPORTS_HANDLE):
        raise PermissionDenied
    return report


@require_safe
@login_required
@never_cache
def report_detail(request, pk: int):
    require_perm(request.user, Perm.FIELDREPORTS_VIEW)
    return _page(request, report_get_for_user(request.user, pk))


@require_POST
@login_required
def report_act(request, pk: int, action: str):
    report = _handled(request, pk)
    try:
        step = rules.Action(action)
    except ValueError:
        raise Http404 from None
    if step in OWN_PAGE:
        raise Http404
    form = MoveForm(request.POST, action=step)
    if form.is_valid():
        try:
            update = report_move(
                report=report, action=step.value, note=form.cleaned_data["note"], by=request.user
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Done. The report is now “%(status)s”; the reporter is told.")
                % {"status": update.report.get_status_display()},
            )
            return redirect("fieldreports:detail", pk=pk)
    report = report_get_for_user(request.user, pk)
    return _page(request, report, status=422, open_action=step, open_form=form)


@require_POST
@login_required
def report_assign_view(request, pk: int):
    report = _handled(request, pk)
    form = AssignForm(request.POST, officers=report_officers(report))
    if form.is_valid():
        officer = form.cleaned_data.get("officer")
        try:
            report_assign(report=report, officer=officer, by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if officer is None:
                messages.success(request, _("The report is no longer assigned to anyone."))
            else:
                messages.success(request, _("The report was assigned to %(name)s.") % {"name": officer})
            return redirect("fieldreports:detail", pk=pk)
    return _page(request, report, status=422, assign_form=form)


@require_POST
@login_required
@once_per_token
def report_note_view(request, pk: int):
    report = _handled(request, pk)
    form = NoteForm(request.POST, auto_id="note_%s")
    if form.is_valid():
        try:
            create_once(  # a note sent twice is written once
                request,
                lambda: report_note(report=report, note=form.cleaned_data["note"], by=request.user),
                url=_detail_url(pk),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The note was added to the report's timeline."))
            return redirect("fieldreports:detail", pk=pk)
    return _page(request, report, status=422, note_form=form)


@require_POST
@login_required
@never_cache
def report_contacts_view(request, pk: int):
    """The reporter's name, phone and e-mail, shown on this answer only; the read is audited."""
    report = _handled(request, pk)
    return _page(request, report, contacts=report_contacts_read(report=report, by=request.user))


@require_safe
@login_required
def report_photo_view(request, pk: int, photo_id: int):
    """A photo of a report inside the officer's units (404 otherwise), shown in the browser's own viewer."""
    require_perm(request.user, Perm.FIELDREPORTS_VIEW)
    report = report_get_for_user(request.user, pk)
    photo = report_photo(report, photo_id)
    return serve_stored_file(
        request,
        photo.file,
        original_name=f"{report.code}-{photo.pk}",
        content_type=photo.content_type,
        inline=True,
    )


@require_POST
@login_required
@once_per_token
def report_photo_add_view(request, pk: int):
    report = _handled(request, pk)
    form = PhotoForm(request.POST, request.FILES, auto_id="photo_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            create_once(  # a photo sent twice is stored once
                request,
                lambda: report_photo_add(
                    report=report, photo=data["photo"], note=data["note"], by=request.user
                ),
                url=_detail_url(pk),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("fieldreports:detail", pk=pk)
    return _page(request, report, status=422, photo_form=form)


def _visibility(request, pk: int, *, hide: bool):
    report = _handled(request, pk)
    form = VisibilityForm(request.POST, auto_id="visibility_%s")
    if form.is_valid():
        service = report_hide if hide else report_show
        try:
            service(report=report, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if hide:
                messages.success(request, _("The report is kept off the public list."))
            else:
                messages.success(request, _("The report is back on the public list."))
            return redirect("fieldreports:detail", pk=pk)
    return _page(request, report, status=422, visibility_form=form)


@require_POST
@login_required
def report_photo_publish_view(request, pk: int, photo_id: int):
    """Withhold a photo from the public, or show it again (the button beside each photo)."""
    report = _handled(request, pk)
    photo = report_photo(report, photo_id)
    public = request.POST.get("public") == "1"
    try:
        report_photo_publish(photo=photo, public=public, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The photo is shown to the public.") if public else _("The photo is withheld from the public."),
        )
    return redirect("fieldreports:detail", pk=report.pk)


@require_POST
@login_required
def report_hide_view(request, pk: int):
    return _visibility(request, pk, hide=True)


@require_POST
@login_required
def report_show_view(request, pk: int):
    return _visibility(request, pk, hide=False)


@require_POST
@login_required
def report_duplicate_view(request, pk: int):
    report = _handled(request, pk)
    form = DuplicateForm(request.POST, auto_id="duplicate_%s")
    if form.is_valid():
        original = earlier_report_by_code(request.user, report, form.cleaned_data["original"])
        try:
            if original is None:
                raise DomainError(
                    "original_unknown",
                    _("No report of your units has this code. Check it, e.g. PA-08848-26-00001."),
                    field="original",
                )
            report_link_duplicate(report=report, original=original, by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request, _("The report was closed as the same as %(code)s.") % {"code": original.code}
            )
            return redirect("fieldreports:detail", pk=pk)
    return _page(request, report, status=422, duplicate_form=form)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def report_to_petition_view(request, pk: int):
    report = _handled(request, pk)
    allowed = rules.can_move(report.status, rules.Action.TO_PETITION)
    initial = {
        "kind": "reflection",
        "subject": f"{report.category.name}: {report.village.name if report.village else report.address}"[
            :300
        ],
        "petitioner_name": report.reporter_name,
        "petitioner_address": ", ".join(
            p for p in (report.village.name if report.village else "", report.unit.name) if p
        ),
    }
    form = PetitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = create_once(  # one petition however many times the form is sent
                request,
                lambda: report_to_petition(
                    report=report,
                    kind=data["kind"],
                    subject=data["subject"],
                    petitioner_name=data["petitioner_name"],
                    petitioner_address=data["petitioner_address"],
                    note=data["note"],
                    by=request.user,
                ),
                url=_detail_url(pk),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Petition %(code)s was recorded; the report is closed as handled by it.")
                % {"code": update.report.petition_code},
            )
            return redirect("fieldreports:detail", pk=pk)
    status = 422 if request.method == "POST" else 200
    context = {"report": report, "form": form, "allowed": allowed}
    return render(request, "fieldreports/to_petition.html", context, status=status)


urlpatterns = [
    path("<int:pk>/", report_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", report_act, name="act"),
    path("<int:pk>/assign/", report_assign_view, name="assign"),
    path("<int:pk>/note/", report_note_view, name="note"),
    path("<int:pk>/contacts/", report_contacts_view, name="contacts"),
    path("<int:pk>/photos/<int:photo_id>/", report_photo_view, name="photo"),
    path("<int:pk>/photos/add/", report_photo_add_view, name="photo_add"),
    path("<int:pk>/photos/<int:photo_id>/public/", report_photo_publish_view, name="photo_public"),
    path("<int:pk>/hide/", report_hide_view, name="hide"),
    path("<int:pk>/show/", report_show_view, name="show"),
    path("<int:pk>/duplicate/", report_duplicate_view, name="duplicate"),
    path("<int:pk>/to-petition/", report_to_petition_view, name="to_petition"),
]
