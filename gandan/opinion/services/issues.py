"""Officials' corrections of the grouping: rename, set the topic of an issue or of one signal (the topic learns
from it), dismiss and reopen, merge into another issue of the same commune, split some signals into a new issue.

Each runs in one transaction with its audit event: nothing is half-saved. The engine keeps what officials decided
(`title_fixed`, `topic_fixed`, a signal's `topic_set_by`; a merged issue is no longer a candidate for new signals)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vnnlp import terms
from gandan.errors import DomainError
from gandan.opinion.curation import (
    TITLE_MAX,
    IssueRef,
    learned_counts,
    merge_problems,
    split_problems,
)
from gandan.opinion.models import Issue, IssueStatus, Signal, Topic, TopicTerm
from gandan.opinion.services.refresh import issue_refresh

REASON_MAX = 500
TERM_MAX = TopicTerm._meta.get_field("term").max_length or 80


def _ref(issue: Issue) -> IssueRef:
    return IssueRef(pk=issue.pk, unit_path=issue.unit_path, status=issue.status)


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _topic_usable(topic: Topic | None) -> Topic:
    if topic is None or not topic.active:
        raise DomainError("topic_invalid", _("Choose a topic in use."), field="topic")
    return topic


def topic_learn(topic: Topic, texts: list[str]) -> int:
    """Add the folded terms of `texts` to what `topic` learned (+1 per text holding a term). Returns how many
    distinct terms were touched."""
    counts = learned_counts([term[:TERM_MAX] for term in terms(text)] for text in texts)
    if not counts:
        return 0
    known = list(TopicTerm.objects.select_for_update().filter(topic=topic, term__in=list(counts)))
    for row in known:
        row.weight += counts[row.term]
    TopicTerm.objects.bulk_update(known, ["weight"], batch_size=500)
    have = {row.term for row in known}
    TopicTerm.objects.bulk_create(
        [TopicTerm(topic=topic, term=term, weight=n) for term, n in counts.items() if term not in have],
        batch_size=500,
    )
    return len(counts)


@transaction.atomic
def issue_rename(*, issue: Issue, title: str, by: User) -> Issue:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError("issue_title_empty", _("Enter the new title."), field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(
            "issue_title_long",
            _("The title is %(n)s characters long; keep it under %(max)s.")
            % {"n": len(title), "max": TITLE_MAX},
            field="title",
        )
    issue = _locked(issue)
    before = issue.title
    issue.title, issue.title_fixed = title, True
    issue.save(update_fields=["title", "title_fixed", "updated_at"])
    event_record(actor=by, action="opinion.issue_rename", obj=issue, details={"from": before, "to": title})
    return issue


@transaction.atomic
def issue_topic_set(*, issue: Issue, topic: Topic | None, by: User) -> Issue:
    """The issue and all its signals take `topic`; the engine keeps it for later signals (`topic_fixed`); the topic
    learns the terms of the signals that were not already confirmed in it."""
    topic = _topic_usable(topic)
    issue = _locked(issue)
    before = issue.topic.code if issue.topic else ""
    signals = Signal.objects.filter(issue=issue)
    teaching = list(signals.exclude(topic=topic, topic_set_by__isnull=False).values_list("text", flat=True))
    signals.update(topic=topic, topic_set_by=by)
    issue.topic, issue.topic_fixed = topic, True
    issue.save(update_fields=["topic", "topic_fixed", "updated_at"])
    topic_learn(topic, teaching)
    event_record(
        actor=by,
        action="opinion.issue_topic_set",
        obj=issue,
        details={"from": before, "to": topic.code, "signals": len(teaching)},
    )
    return issue


@transaction.atomic
def signal_topic_set(*, signal: Signal, topic: Topic | None, by: User) -> Signal:
    topic = _topic_usable(topic)
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    before = signal.topic.code if signal.topic else ""
    already = signal.topic_id == topic.pk and signal.topic_set_by_id is not None
    signal.topic, signal.topic_set_by = topic, by
    signal.save(update_fields=["topic", "topic_set_by"])
    if not already:
        topic_learn(topic, [signal.text])
    issue = signal.issue
    event_record(
        actor=by,
        action="opinion.signal_topic_set",
        obj=signal,
        unit=issue.unit if issue else signal.unit,
        details={"from": before, "to": topic.code, "issue": signal.issue_id},
    )
    return signal


@transaction.atomic
def issue_dismiss(*, issue: Issue, reason: str, by: User) -> Issue:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "issue_dismiss_reason",
            _("Say why the issue is dismissed (e.g. not a real matter, spam)."),
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise DomainError(
            "issue_dismiss_reason_long",
            _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX},
            field="reason",
        )
    issue = _locked(issue)
    if issue.status != IssueStatus.OPEN:
        raise DomainError("issue_not_open", _("Only an open issue can be dismissed."))
    issue.status = IssueStatus.DISMISSED
    issue.save(update_fields=["status", "updated_at"])
    event_record(actor=by, action="opinion.issue_dismiss", obj=issue, details={"reason": reason})
    # A dismissed issue never alerts (the engine): its alerts still open close with it.
    from gandan.opinion.services.alerts import alerts_close_for_dismissed

    alerts_close_for_dismissed(issue=issue, by=by, reason=reason)
    return issue


@transaction.atomic
def issue_reopen(*, issue: Issue, by: User) -> Issue:
    issue = _locked(issue)
    if issue.status not in (IssueStatus.DISMISSED, IssueStatus.RESOLVED):
        raise DomainError("issue_not_closed", _("Only a dismissed or resolved issue can be reopened."))
    before = issue.status
    issue.status = IssueStatus.OPEN
    issue.save(update_fields=["status", "updated_at"])
    event_record(actor=by, action="opinion.issue_reopen", obj=issue, details={"from": before})
    return issue


MERGE_MESSAGES = {
    "merge_target_missing": gettext_lazy("Choose the issue to merge into."),
    "merge_source_merged": gettext_lazy("This issue was already merged into another one."),
    "merge_into_itself": gettext_lazy("An issue cannot be merged into itself: choose another issue."),
    "merge_other_commune": gettext_lazy(
        "Only an issue of the same commune can be merged: choose one of this commune's issues."
    ),
    "merge_target_closed": gettext_lazy("Merge only into an open issue: reopen the other issue first."),
}


@transaction.atomic
def issue_merge(*, issue: Issue, target: Issue | None, by: User) -> Issue:
    """Move every signal of `issue` into `target` (same commune, open); `issue` becomes merged. Returns the
    refreshed target."""
    issue = _locked(issue)
    target = _locked(target) if target is not None else None
    problems = merge_problems(_ref(issue), _ref(target) if target else None)
    if problems or target is None:
        code = problems[0] if problems else "merge_target_missing"
        raise DomainError(code, str(MERGE_MESSAGES[code]), field="target")
    moved = Signal.objects.filter(issue=issue).update(issue=target)
    if target.topic_fixed and target.topic_id:
        Signal.objects.filter(issue=target, topic_set_by__isnull=True).update(topic=target.topic_id)
    issue.status, issue.merged_into = IssueStatus.MERGED, target
    issue.save(update_fields=["status", "merged_into", "updated_at"])
    if issue.alert_level > target.alert_level:
        target.alert_level = issue.alert_level
    if issue.alert_raised_at and (
        not target.alert_raised_at or issue.alert_raised_at < target.alert_raised_at
    ):
        target.alert_raised_at = issue.alert_raised_at
    target = issue_refresh(target)
    event_record(
        actor=by,
        action="opinion.issue_merge",
        obj=issue,
        details={"into": target.pk, "into_title": target.title, "signals": moved},
    )
    return target


SPLIT_MESSAGES = {
    "split_merged": gettext_lazy("This issue was merged into another one: split that one instead."),
    "split_none": gettext_lazy("Tick the signals to move into a new issue."),
    "split_foreign": gettext_lazy(
        "Some ticked signals are no longer in this issue; reload the page and tick again."
    ),
    "split_all": gettext_lazy(
        "Leave at least one signal in this issue (to move them all, rename the issue instead)."
    ),
}


@transaction.atomic
def issue_split(*, issue: Issue, signal_ids: list[int], by: User, title: str = "") -> Issue:
    """The chosen signals of `issue` become a new issue (`split_from` = issue); both are recomputed. Returns the
    new issue."""
    issue = _locked(issue)
    held = list(Signal.objects.filter(issue=issue).values_list("pk", flat=True))
    problems = split_problems(held, signal_ids, issue.status)
    if problems:
        raise DomainError(problems[0], str(SPLIT_MESSAGES[problems[0]]), field="signals")
    title = " ".join((title or "").split())[:TITLE_MAX]
    chosen = Signal.objects.filter(issue=issue, pk__in=set(signal_ids))
    first = chosen.order_by("at", "pk").first()
    assert first is not None
    new = Issue.objects.create(
        unit=issue.unit,
        unit_path=issue.unit_path,
        title=title or issue.title,
        title_fixed=bool(title),
        topic=issue.topic,
        topic_fixed=issue.topic_fixed,
        split_from=issue,
        first_seen=first.at,
        last_seen=first.at,
    )
    moved = chosen.update(issue=new)
    issue_refresh(new)
    issue_refresh(issue)
    event_record(
        actor=by,
        action="opinion.issue_split",
        obj=issue,
        details={"new": new.pk, "new_title": new.title, "signals": moved},
    )
    return new
