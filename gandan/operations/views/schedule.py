"""The schedule of jobs (docs/operations-schedule.md): the list with each job's next and last run and its result
(operations.view), "Run now" and the edit of a job's schedule and switch (operations.manage)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.core.cron import cron_clean, cron_problem
from gandan.operations.models import ScheduledJob
from gandan.operations.schedule import AlreadyQueued, job_run_now, job_update
from gandan.operations.selectors.schedule import job_get, jobs_list
from gandan.operations.words import problem_words, schedule_words
from gandan.web import require_perm


class JobForm(forms.Form):
    schedule = forms.CharField(
        label=gettext_lazy("Schedule (cron)"),
        max_length=100,
        help_text=gettext_lazy(
            "Five fields in local time: minute hour day-of-month month day-of-week. "
            "0 2 * * * = every day at 02:00; */5 * * * * = every 5 minutes; 0 7 * * 1 = Mondays at 07:00."
        ),
    )
    enabled = forms.BooleanField(label=gettext_lazy("Enabled"), required=False)

    def clean_schedule(self) -> str:
        schedule = cron_clean(self.cleaned_data["schedule"])
        problem = cron_problem(schedule)
        if problem is not None:
            raise forms.ValidationError(problem_words(problem))
        return schedule


def _row(job: ScheduledJob) -> dict:
    return {"job": job, "title": _(job.title), "words": schedule_words(job.schedule)}


@require_safe
@login_required
def schedule(request):
    require_perm(request.user, Perm.OPERATIONS_VIEW)
    jobs = [_row(job) for job in jobs_list()]
    can_manage = request.user.can(Perm.OPERATIONS_MANAGE)
    return render(request, "operations/schedule.html", {"rows": jobs, "can_manage": can_manage})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def job_edit(request, key: str):
    require_perm(request.user, Perm.OPERATIONS_MANAGE)
    job = job_get(key)
    form = JobForm(request.POST or None, initial={"schedule": job.schedule, "enabled": job.enabled})
    if request.method == "POST" and form.is_valid():
        job_update(
            job, schedule=form.cleaned_data["schedule"], enabled=form.cleaned_data["enabled"], by=request.user
        )
        messages.success(request, _("Saved: %(title)s.") % {"title": _(job.title)})
        return redirect("operations:schedule")
    return render(request, "operations/job_edit.html", {**_row(job), "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def job_run(request, key: str):
    """GET asks to confirm; POST enqueues one run."""
    require_perm(request.user, Perm.OPERATIONS_MANAGE)
    job = job_get(key)
    if request.method == "POST":
        try:
            job_run_now(job, by=request.user)
        except AlreadyQueued:
            messages.error(
                request, _("A run of this job is already waiting or running: wait for its result.")
            )
        else:
            messages.success(
                request, _("Queued: %(title)s. The worker runs it shortly.") % {"title": _(job.title)}
            )
        return redirect("operations:schedule")
    return render(request, "operations/job_run.html", _row(job))


urlpatterns = [
    path("schedule/", schedule, name="schedule"),
    path("schedule/<slug:key>/edit/", job_edit, name="job_edit"),
    path("schedule/<slug:key>/run/", job_run, name="job_run"),
]
