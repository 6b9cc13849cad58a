"""Staff pages of people's supervision (DOMAIN.md §6.5–6.6): the boards of my communes (the people's inspection board
and the investment supervision boards) with what each lacks, a board with its members and findings, the forms that
set up, change and dissolve a board and add a member or record that one left, and the findings with their filters
(board, state, overdue), each finding's page, its answer and its moves. Reading needs "democracy.view", changing
"democracy.manage"; everything stays inside the officer's units (404 outside)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.core.democracy.commitments import CommitmentState, commitment_can_move, is_overdue
from gandan.democracy.forms_supervision import (
    AnswerForm,
    BoardForm,
    EndForm,
    FindingFilterForm,
    FindingForm,
    MemberForm,
    MoveForm,
)
from gandan.democracy.models import Board
from gandan.democracy.selectors.supervision import (
    FindingFilter,
    board_gaps,
    board_get_for_user,
    board_members,
    board_shortfalls,
    boards_for_user,
    commune_villages,
    communes_for_boards,
    finding_get_for_user,
    finding_list,
    member_get_for_user,
    overdue_count,
)
from gandan.democracy.services.supervision import (
    board_create,
    board_dissolve,
    board_update,
    member_add,
    member_leave,
)
from gandan.democracy.services.supervision_findings import (
    finding_answer,
    finding_create,
    finding_move,
    state_label,
)
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


def _mark(findings, today) -> None:
    for f in findings:
        f.overdue = is_overdue(state=f.state, due=f.answer_due, today=today)
        f.state_text = state_label(f.state)


# --- Boards --------------------------------------------------------------------------------------------------------


@require_safe
@login_required
def board_list(request):
    """The boards of my communes: the people's inspection board and the investment boards, with their members, what
    they lack and their findings waiting for an answer (overdue ones counted apart)."""
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    boards = list(boards_for_user(request.user, include_dissolved=show_all, today=today))
    short = board_shortfalls(boards)
    for board in boards:
        board.short_by = short[board.pk]
    context = {
        "boards": boards,
        "show_all": show_all,
        "overdue": overdue_count(request.user, today=today),
        "can_manage": request.user.can(MANAGE),
        "several_communes": len({b.unit_id for b in boards}) > 1,
    }
    return render(request, "democracy/supervision_boards.html", context)


@require_safe
@login_required
def board_detail(request, pk: int):
    require_perm(request.user, VIEW)
    board = board_get_for_user(request.user, pk)
    today = timezone.localdate()
    current, former = board_members(board, today=today)
    findings = list(finding_list(request.user, FindingFilter(board=board), today=today)[:50])
    _mark(findings, today)
    context = {
        "board": board,
        "current": current,
        "former": former,
        "gaps": board_gaps(board, current) if board.dissolved_on is None else None,
        "findings": findings,
        "overdue": overdue_count(request.user, board=board, today=today),
        "can_manage": request.user.can(MANAGE) and board.dissolved_on is None,
        "inspection": board.kind == Board.Kind.INSPECTION,
    }
    return render(request, "democracy/supervision_board.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def board_new(request):
    require_perm(request.user, MANAGE)
    communes = communes_for_boards(request.user)
    kind = request.GET.get("kind")
    initial = {
        "kind": kind if kind in Board.Kind.values else Board.Kind.INSPECTION,
        "term_start": timezone.localdate(),
    }
    form = BoardForm(request.POST or None, communes=communes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board = create_once(
                request,
                lambda: board_create(by=request.user, **data),
                url=lambda b: reverse("democracy:board", args=[b.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The board was set up. Now add its members."))
            return redirect("democracy:board", pk=board.pk)
    context = {"form": form, "board": None, "no_commune": not communes.exists()}
    return render(request, "democracy/supervision_board_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def board_edit(request, pk: int):
    require_perm(request.user, MANAGE)
    board = board_get_for_user(request.user, pk)
    initial = {k: getattr(board, k) for k in ("name", "project", "term_start", "term_end")}
    form = BoardForm(request.POST or None, initial=initial)
    if board.kind == Board.Kind.INSPECTION:
        del form.fields["project"]
    if request.method == "POST" and form.is_valid():
        try:
            board_update(board=board, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The board was changed."))
            return redirect("democracy:board", pk=board.pk)
    context = {"form": form, "board": board}
    return render(request, "democracy/supervision_board_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def board_dissolve_view(request, pk: int):
    require_perm(request.user, MANAGE)
    board = board_get_for_user(request.user, pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = _("Dissolved on")
    if request.method == "POST" and form.is_valid():
        try:
            board_dissolve(board=board, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The board was dissolved; its members left the same day."))
            return redirect("democracy:board", pk=board.pk)
    context = {"form": form, "board": board, "member": None}
    return render(request, "democracy/supervision_end.html", context, status=_status(request))


# --- Members -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def member_new(request, pk: int):
    require_perm(request.user, MANAGE)
    board = board_get_for_user(request.user, pk)
    inspection = board.kind == Board.Kind.INSPECTION
    form = MemberForm(request.POST or None, villages=commune_villages(board.unit), inspection=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            member = create_once(
                request,
                lambda: member_add(board=board, by=request.user, **form.cleaned_data),
                url=lambda m: reverse("democracy:board", args=[board.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s was added to the board.") % {"name": member.full_name})
            return redirect("democracy:board", pk=board.pk)
    context = {"form": form, "board": board, "inspection": inspection}
    return render(request, "democracy/supervision_member_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def member_leave_view(request, pk: int):
    require_perm(request.user, MANAGE)
    member = member_get_for_user(request.user, pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = _("Left the board on")
    if request.method == "POST" and form.is_valid():
        try:
            member_leave(member=member, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s left the board.") % {"name": member.full_name})
            return redirect("democracy:board", pk=member.board_id)
    context = {"form": form, "board": member.board, "member": member}
    return render(request, "democracy/supervision_end.html", context, status=_status(request))


# --- Findings ------------------------------------------------------------------------------------------------------


@require_safe
@login_required
def findings_list(request):
    """Every finding of my boards, those waiting for an answer first (the answer due soonest on top), with the
    filters board, state and "only overdue", and the number overdue."""
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    boards = boards_for_user(request.user, include_dissolved=True, today=today)
    form = FindingFilterForm(request.GET or None, boards=boards)
    data = form.cleaned_data if form.is_valid() else {}
    filters = FindingFilter(
        board=data.get("board"), state=data.get("state", ""), overdue=bool(data.get("overdue"))
    )
    page = paginate(request, finding_list(request.user, filters, today=today))
    _mark(page["page_obj"], today)
    context = {
        "form": form,
        "filtered": filters.used,
        "overdue": overdue_count(request.user, today=today),
        "can_manage": request.user.can(MANAGE),
        **page,
    }
    return render(request, "democracy/supervision_findings.html", context)


@require_safe
@login_required
def finding_detail(request, pk: int):
    require_perm(request.user, VIEW)
    finding = finding_get_for_user(request.user, pk)
    today = timezone.localdate()
    _mark([finding], today)
    waiting = finding.state in (CommitmentState.OPEN, CommitmentState.IN_PROGRESS)
    can_manage = request.user.can(MANAGE)
    context = {
        "finding": finding,
        "board": finding.board,
        "can_answer": can_manage and commitment_can_move(finding.state, CommitmentState.DONE),
        "can_move": can_manage and finding.state != CommitmentState.CANCELLED,
        "waiting": waiting,
    }
    return render(request, "democracy/supervision_finding.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def finding_new(request, pk: int):
    require_perm(request.user, MANAGE)
    board = board_get_for_user(request.user, pk)
    form = FindingForm(request.POST or None, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            finding = create_once(
                request,
                lambda: finding_create(board=board, by=request.user, **form.cleaned_data),
                url=lambda f: reverse("democracy:finding", args=[f.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The finding was recorded; it waits for the government's answer."))
            return redirect("democracy:finding", pk=finding.pk)
    context = {"form": form, "board": board}
    return render(request, "democracy/supervision_finding_form.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def finding_answer_view(request, pk: int):
    require_perm(request.user, MANAGE)
    finding = finding_get_for_user(request.user, pk)
    form = AnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            finding_answer(finding=finding, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The answer was recorded: the finding is answered."))
            return redirect("democracy:finding", pk=finding.pk)
    context = {"form": form, "finding": finding, "board": finding.board, "title": _("Record the answer")}
    return render(request, "democracy/supervision_finding_step.html", context, status=_status(request))


@require_http_methods(["GET", "POST"])
@login_required
def finding_move_view(request, pk: int):
    require_perm(request.user, MANAGE)
    finding = finding_get_for_user(request.user, pk)
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = finding_move(finding=finding, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request, _("The finding is now: %(state)s.") % {"state": state_label(moved.state)}
            )
            return redirect("democracy:finding", pk=finding.pk)
    context = {"form": form, "finding": finding, "board": finding.board, "title": _("Change the state")}
    return render(request, "democracy/supervision_finding_step.html", context, status=_status(request))


urlpatterns: list = [
    path("supervision/", board_list, name="boards"),
    path("supervision/new/", board_new, name="board_new"),
    path("supervision/<int:pk>/", board_detail, name="board"),
    path("supervision/<int:pk>/edit/", board_edit, name="board_edit"),
    path("supervision/<int:pk>/dissolve/", board_dissolve_view, name="board_dissolve"),
    path("supervision/<int:pk>/members/new/", member_new, name="board_member_new"),
    path("supervision/<int:pk>/findings/new/", finding_new, name="finding_new"),
    path("supervision/members/<int:pk>/leave/", member_leave_view, name="board_member_leave"),
    path("supervision/findings/", findings_list, name="findings"),
    path("supervision/findings/<int:pk>/", finding_detail, name="finding"),
    path("supervision/findings/<int:pk>/answer/", finding_answer_view, name="finding_answer"),
    path("supervision/findings/<int:pk>/move/", finding_move_view, name="finding_move"),
]
