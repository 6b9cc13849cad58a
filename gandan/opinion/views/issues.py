"""One issue: its places, alerts, volume and signals (masked), its Excel export, and the officials' corrections:
rename, topic of the issue or of one signal, dismiss and reopen, merge into another issue, split some signals off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gandan.audit.services import event_record
from gandan.core.vntext import matches
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.opinion import board_queries as q
from gandan.opinion.forms import DismissForm, RenameForm, SplitForm, TopicChoiceForm, active_topics
from gandan.opinion.models import Issue, IssueStatus
from gandan.opinion.selectors import issues as sel
from gandan.opinion.services import issues as services
from gandan.opinion.sources import source_links, withhold_confidential
from gandan.web import form_add_domain_error, paginate, require_perm

VIEW, MANAGE = "opinion.view", "opinion.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGNALS_PER_PAGE = 30


def _issue(request, pk) -> Issue:
    issue = q.issue_get_for_user(request.user, pk, recent=True)
    q.places_named([issue])
    return issue


def _page(request, issue: Issue, *, status: int = 200, **forms):
    can_manage = request.user.can(MANAGE)
    page = paginate(request, sel.issue_signals_page(issue), per_page=SIGNALS_PER_PAGE)
    page["page_obj"].object_list = list(page["page_obj"].object_list)
    source_links(request.user, page["page_obj"].object_list)  # back to a source only for whom may open it
    withhold_confidential(request.user, page["page_obj"].object_list)  # a denunciation's words: granted only
    context = {
        "issue": issue,
        "can_manage": can_manage,
        "can_edit_topics": request.user.can("topics.edit"),
        "alerts": list(issue.alerts.order_by("-raised_at")),
        "volume": q.issue_volume(issue),
        "dismissal": sel.issue_dismissal(issue) if issue.status == IssueStatus.DISMISSED else None,
        "merged_issues": list(issue.merged_issues.order_by("-last_seen")),
        "split_issues": list(issue.split_issues.order_by("-last_seen")),
        "topics": list(active_topics()) if can_manage else [],
        "rename_form": forms.get("rename_form") or RenameForm(initial={"title": issue.title}),
        "topic_form": forms.get("topic_form") or TopicChoiceForm(initial={"topic": issue.topic_id}),
        "split_form": forms.get("split_form") or SplitForm(),
        "split_error": forms.get("split_error"),
        "ticked": set(forms.get("ticked") or ()),
        **page,
    }
    return render(request, "opinion/issue.html", context, status=status)


@require_safe
@login_required
def issue_detail(request, pk: int):
    require_perm(request.user, VIEW)
    return _page(request, _issue(request, pk))


@require_POST
@login_required
def issue_rename(request, pk: int):
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            services.issue_rename(issue=issue, title=form.cleaned_data["title"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The issue was renamed; the new title is kept."))
            return redirect("opinion:issue", pk=issue.pk)
    return _page(request, issue, rename_form=form, status=400)


@require_POST
@login_required
def issue_topic(request, pk: int):
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    form = TopicChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.issue_topic_set(issue=issue, topic=form.cleaned_data["topic"], by=request.user)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The topic of the issue and of its signals was set."))
            return redirect("opinion:issue", pk=issue.pk)
    return _page(request, issue, topic_form=form, status=400)


@require_POST
@login_required
def signal_topic(request, pk: int):
    signal = sel.signal_get_for_user(request.user, pk)
    require_perm(request.user, MANAGE)
    form = TopicChoiceForm(request.POST)
    target = redirect("opinion:issue", pk=signal.issue_id) if signal.issue_id else redirect("opinion:board")
    if not form.is_valid():
        messages.error(request, _("Choose a topic in use."))
        return target
    try:
        services.signal_topic_set(signal=signal, topic=form.cleaned_data["topic"], by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The signal's topic was corrected."))
    return target


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def issue_dismiss(request, pk: int):
    """GET: the confirmation with the reason to give; POST: dismiss."""
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    form = DismissForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.issue_dismiss(issue=issue, reason=form.cleaned_data["reason"], by=request.user)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The issue was dismissed. It can be reopened."))
                return redirect("opinion:issue", pk=issue.pk)
        status = 400
    return render(request, "opinion/issue_dismiss.html", {"issue": issue, "form": form}, status=status)


@require_POST
@login_required
def issue_reopen(request, pk: int):
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    try:
        services.issue_reopen(issue=issue, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The issue is open again."))
    return redirect("opinion:issue", pk=issue.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def issue_merge(request, pk: int):
    """GET: the commune's open issues to choose from (searchable), then the confirmation of the one chosen;
    POST: merge."""
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    error = ""
    raw = request.POST.get("target") if request.method == "POST" else request.GET.get("target")
    target = None
    if raw and raw.isdigit():
        target = q.issues_for_user(request.user).filter(pk=int(raw)).first()
    if request.method == "POST":
        try:
            merged = services.issue_merge(issue=issue, target=target, by=request.user)
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("The issues were merged; new signals about it join this one."))
            return redirect("opinion:issue", pk=merged.pk)
    query = request.GET.get("q", "").strip()[:100]
    candidates = (
        q.issues_for_user(request.user)
        .filter(unit_path=issue.unit_path, status=IssueStatus.OPEN)
        .exclude(pk=issue.pk)
    )
    if query:
        titles = candidates.values_list("pk", "title")[: q.SEARCH_SCAN]
        candidates = candidates.filter(pk__in=[p for p, title in titles if matches(query, title)])
    candidates = q.with_recent(candidates).order_by("-alert_level", "-last_seen", "-pk")
    context = {
        "issue": issue,
        "target": target,
        "error": error,
        "query": query,
        **paginate(request, candidates),
    }
    return render(request, "opinion/issue_merge.html", context, status=400 if error else 200)


@require_POST
@login_required
def issue_split(request, pk: int):
    issue = _issue(request, pk)
    require_perm(request.user, MANAGE)
    form = SplitForm(request.POST)
    ticked = [int(v) for v in request.POST.getlist("signals") if v.strip().isdigit()]
    if form.is_valid():
        try:
            new = services.issue_split(
                issue=issue, signal_ids=ticked, by=request.user, title=form.cleaned_data["title"]
            )
        except DomainError as error:
            return _page(
                request, issue, split_form=form, split_error=str(error.message), ticked=ticked, status=400
            )
        messages.success(request, _("The ticked signals are now a new issue."))
        return redirect("opinion:issue", pk=new.pk)
    return _page(request, issue, split_form=form, ticked=ticked, status=400)


@require_safe
@login_required
def issue_export(request, pk: int):
    """The issue's signals (their texts masked as stored) as .xlsx."""
    from gandan.opinion.excel import issue_bytes

    require_perm(request.user, VIEW)
    issue = q.issue_get_for_user(request.user, pk)
    signals = sel.issue_signals_export(issue)
    withhold_confidential(request.user, signals)
    content = issue_bytes(issue, signals)
    event_record(actor=request.user, action="opinion.issue_export", obj=issue, details={"rows": len(signals)})
    today = timezone.localdate()
    return generated_file(content, filename=f"van-de-{issue.pk}-{today:%Y-%m-%d}.xlsx", content_type=XLSX)


urlpatterns = [
    path("issues/<int:pk>/", issue_detail, name="issue"),
    path("issues/<int:pk>/export/", issue_export, name="issue_export"),
    path("issues/<int:pk>/rename/", issue_rename, name="issue_rename"),
    path("issues/<int:pk>/topic/", issue_topic, name="issue_topic"),
    path("issues/<int:pk>/dismiss/", issue_dismiss, name="issue_dismiss"),
    path("issues/<int:pk>/reopen/", issue_reopen, name="issue_reopen"),
    path("issues/<int:pk>/merge/", issue_merge, name="issue_merge"),
    path("issues/<int:pk>/split/", issue_split, name="issue_split"),
    path("signals/<int:pk>/topic/", signal_topic, name="signal_topic"),
]
