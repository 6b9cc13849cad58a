"""Staff pages of citizen reception, the notices of conclusions and their tasks: issuing a notice with its task
rows after a held reception day, its page and PDF, the list of follow-up tasks and reporting a task as done.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.reception import services as services
from gandan.reception.forms import (
    MAX_TASK_ROWS,
    ConclusionForm,
    TaskDoneForm,
    TaskFilterForm,
    TaskRowForm,
)
from gandan.reception.search import CONCLUSION_TASK
from gandan.reception.selectors import (
    conclusion_notice_get_for_user,
    conclusion_task_get_for_user,
    conclusion_tasks_for_user,
    reception_day_get_for_user,
)
from gandan.reception.views.helpers import (
    HANDLE,
    MANAGE,
    VIEW,
    _errors_to_form,
    _pdf,
)
from gandan.search.services import filter_queryset
from gandan.web import paginate, require_perm

# --- Notices of conclusions and their tasks -------------------------------------------------------------------------


def _task_rows(data, count: int) -> list[TaskRowForm]:
    return [TaskRowForm(data, prefix=f"task-{i}") for i in range(count)]


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def conclusion_new(request, pk: int):
    """The notice with up to five task rows. Without JavaScript: "Add a task row" posts the form back with one more
    row, keeping what was typed and saving nothing."""
    require_perm(request.user, MANAGE)
    day = reception_day_get_for_user(request.user, pk)
    if services.day_status(day) != "held":
        messages.error(
            request, _("Mark the reception day as held before issuing the notice of its conclusions.")
        )
        return redirect("reception:day", pk=day.pk)
    status = 200
    try:
        count = min(max(int(request.POST.get("task_rows", 3)), 1), MAX_TASK_ROWS)
    except ValueError:
        count = 3
    if request.method == "POST" and "add_row" in request.POST:
        count = min(count + 1, MAX_TASK_ROWS)
        form = ConclusionForm(initial=request.POST.dict())
        rows = [
            TaskRowForm(
                initial={
                    k.split("-", 2)[2]: v for k, v in request.POST.items() if k.startswith(f"task-{i}-")
                },
                prefix=f"task-{i}",
            )
            for i in range(count)
        ]
    elif request.method == "POST":
        form, rows = ConclusionForm(request.POST), _task_rows(request.POST, count)
        if all([form.is_valid(), *[r.is_valid() for r in rows]]):
            data = form.cleaned_data
            try:
                notice = create_once(
                    request,
                    lambda: services.conclusion_notice_issue(
                        reception_day=day,
                        number=data["number"],
                        issued_on=data["issued_on"],
                        content=data["content"],
                        tasks=[r.cleaned_data for r in rows],
                        by=request.user,
                    ),
                    url=lambda n: reverse("reception:conclusion", kwargs={"pk": n.pk}),
                )
            except DomainError as error:
                _errors_to_form(form, error, rows=rows)
            else:
                messages.success(request, _("Notice %(number)s was issued.") % {"number": notice.number})
                return redirect("reception:conclusion", pk=notice.pk)
        status = 422
    else:
        form = ConclusionForm(initial={"issued_on": timezone.localdate()})
        rows = [TaskRowForm(prefix=f"task-{i}") for i in range(count)]
    context = {
        "day": day,
        "form": form,
        "rows": rows,
        "task_rows": count,
        "can_add_row": count < MAX_TASK_ROWS,
    }
    return render(request, "reception/conclusion_form.html", context, status=status)


@require_safe
@login_required
def conclusion_detail(request, pk: int):
    require_perm(request.user, VIEW)
    notice = conclusion_notice_get_for_user(request.user, pk)
    context = {
        "notice": notice,
        "tasks": notice.tasks.all(),
        "today": timezone.localdate(),
        "can_done": request.user.can(HANDLE),
    }
    return render(request, "reception/conclusion_detail.html", context)


@require_safe
@login_required
def conclusion_pdf(request, pk: int):
    require_perm(request.user, VIEW)
    notice = conclusion_notice_get_for_user(request.user, pk)
    from gandan.reception.pdf import conclusion_notice_pdf_bytes

    return _pdf(conclusion_notice_pdf_bytes(notice), f"thong-bao-ket-luan-{notice.pk}.pdf")


@require_safe
@login_required
def task_list(request):
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "open"
    rows = conclusion_tasks_for_user(request.user)
    counts = {
        "open": rows.filter(done_on__isnull=True).count(),
        "overdue": rows.filter(done_on__isnull=True, due__lt=today).count(),
    }
    rows = {
        "open": rows.filter(done_on__isnull=True),
        "overdue": rows.filter(done_on__isnull=True, due__lt=today),
        "done": rows.filter(done_on__isnull=False),
        "all": rows,
    }[show]
    query = data.get("q", "").strip()
    rows = filter_queryset(
        rows, CONCLUSION_TASK, query
    )  # the title and the responsible body, without diacritics
    orders = {
        "due": ["due", "id"],
        "-due": ["-due", "-id"],
        "-issued": ["-conclusion__issued_on", "due", "id"],
    }
    rows = rows.order_by(*orders.get(data.get("order") or "due", orders["due"]))
    context = {
        "form": form,
        "show": show,
        "counts": counts,
        "today": today,
        "can_done": request.user.can(HANDLE),
        "filtered": bool(query),
        **paginate(request, rows),
    }
    return render(request, "reception/tasks.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def task_done(request, pk: int):
    require_perm(request.user, HANDLE)
    task = conclusion_task_get_for_user(request.user, pk)
    form = TaskDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from gandan.petitions.services.resolution import petition_task_done

        try:
            petition_task_done(task=task, by=request.user, result=form.cleaned_data["result"])
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Task “%(title)s” reported as done.") % {"title": task.title})
            return redirect("reception:tasks")
    status = 422 if request.method == "POST" else 200
    return render(request, "reception/task_done.html", {"task": task, "form": form}, status=status)
