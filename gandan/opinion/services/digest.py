"""The alerts digest: the commune's leaders are told of new alerts, never flooded.

The engine calls `digest_request()` whenever it raises an alert; the task (`opinion_digest_task`) runs
`digest_send()`, which groups every alert not yet told by person: the commune's chairman and vice-chairmen (unit
leaders), party secretary and mass-mobilisation officer, plus the province supervisors above for an urgent alert.
Each person gets at most one message an hour, grouping all their new alerts: someone told less than an hour ago
waits, and the task is queued again for when the hour is up. Who was told of which alert is kept in the alert's
history (action "notified", `by` = the person told), so nobody hears of one alert twice.

The message says the level, the issue's title (masked when the signal was recorded), the commune, the villages, the
counts and the link; never a citizen's words."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.notify.models import InboxKind
from gandan.notify.services import inbox_post, notification_queue
from gandan.opinion.models import Alert, AlertEvent, AlertStatus
from gandan.opinion.reasons import reason_sentences
from gandan.units.models import Unit

HOUR = dt.timedelta(hours=1)
COMMUNE_ROLES = (Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.MOBILIZATION_OFFICER)
NOTIFIED = "notified"
LISTED = 20  # alerts spelled out in one message (a large import may raise many at once); the rest are counted


def _waiting(by: dt.datetime) -> bool:
    """A digest task is queued that will run by `by` (the database backend; other backends keep no queue here)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    from gandan.opinion.tasks import opinion_digest_task

    if not isinstance(opinion_digest_task.get_backend(), DatabaseBackend):
        return False
    return (
        DBTaskResult.objects.filter(task_path=opinion_digest_task.module_path, status=TaskResultStatus.READY)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lte=by))
        .exists()
    )


def digest_request() -> None:
    """Ask the worker to send the digest once the caller's transaction has committed; one waiting task is enough
    (it takes every alert not yet told)."""
    from gandan.opinion.tasks import opinion_digest_task

    def enqueue() -> None:
        if not _waiting(timezone.now()):
            opinion_digest_task.enqueue()

    transaction.on_commit(enqueue)


def _digest_later(at: dt.datetime) -> None:
    """Queue the digest again for `at` (when someone's hour is up), unless a task will run by then. A backend that
    cannot defer gets nothing: the next request sends what waits."""
    from gandan.opinion.tasks import opinion_digest_task

    def enqueue() -> None:
        if not opinion_digest_task.get_backend().supports_defer or _waiting(at):
            return
        opinion_digest_task.using(run_after=at).enqueue()

    transaction.on_commit(enqueue)


def _recipients(alerts: list[Alert]) -> dict[int, list[User]]:
    """Alert id → the people to tell: the commune's leaders, secretary and mobilisation officer (officers of the
    commune unit itself), and for an urgent alert the province supervisors of the units above."""
    paths = {a.unit_path for a in alerts}
    commune_people: dict[str, list[User]] = defaultdict(list)
    for user in (
        User.objects.filter(
            is_active=True, unit__path__in=paths, roles__role__in=[str(r) for r in COMMUNE_ROLES]
        )
        .select_related("unit")
        .distinct()
        .order_by("pk")
    ):
        commune_people[user.unit.path if user.unit else ""].append(user)
    above = {
        ".".join(path.split(".")[:i])
        for a in alerts
        if a.level >= 3
        for path in [a.unit_path]
        for i in range(1, len(path.split(".")))
    }
    supervisors: list[User] = []
    if above:
        supervisors = list(
            User.objects.filter(
                is_active=True, unit__path__in=above, roles__role=str(Role.PROVINCE_SUPERVISOR)
            )
            .select_related("unit")
            .distinct()
            .order_by("pk")
        )
    found: dict[int, list[User]] = {}
    for alert in alerts:
        people = list(commune_people.get(alert.unit_path, []))
        if alert.level >= 3:
            people += [
                s
                for s in supervisors
                if s.unit and alert.unit_path.startswith(f"{s.unit.path}.") and s not in people
            ]
        found[alert.pk] = people
    return found


def _villages(alerts: list[Alert]) -> dict[int, list[str]]:
    """Alert id → the names of the villages its issue's signals came from (not the commune itself)."""
    ids: set[int] = set()
    for alert in alerts:
        if alert.issue is not None:
            ids |= {int(k) for k in (alert.issue.places or {}) if str(k).isdigit()}
    names = dict(
        Unit.objects.filter(pk__in=ids)
        .exclude(path__in=[a.unit_path for a in alerts])
        .values_list("pk", "name")
    )
    found: dict[int, list[str]] = {}
    for alert in alerts:
        places = alert.issue.places if alert.issue is not None else {}
        found[alert.pk] = sorted(
            names[int(k)] for k in (places or {}) if str(k).isdigit() and int(k) in names
        )
    return found


def _line(alert: Alert, villages: list[str]) -> str:
    from gandan.opinion.services.alerts import alert_title

    parts = [f"[{alert.get_level_display()}] {alert_title(alert)}", alert.unit.name]
    if villages:
        parts.append(", ".join(villages))
    if alert.issue is not None:
        parts.append(
            ngettext("%(n)s signal", "%(n)s signals", alert.issue.signal_count)
            % {"n": alert.issue.signal_count}
            + ", "
            + ngettext("%(n)s person", "%(n)s people", alert.issue.people_count)
            % {"n": alert.issue.people_count}
        )
    why = reason_sentences(alert.reasons)
    if why:
        parts.append(_("why: %(why)s") % {"why": "; ".join(why)})
    return " — ".join(parts)


def _message(person: User, alerts: list[Alert], villages: dict[int, list[str]]) -> tuple[str, str, str, str]:
    """(subject, body, inbox line, inbox link) of one person's digest."""
    base = settings.GANDAN_PUBLIC_URL.rstrip("/")
    count = len(alerts)
    subject = ngettext(
        "Gần Dân: %(n)s new alert of public opinion", "Gần Dân: %(n)s new alerts of public opinion", count
    ) % {"n": count}
    lines = [subject, ""]
    for alert in alerts[:LISTED]:
        lines.append("• " + _line(alert, villages[alert.pk]))
        lines.append("  " + base + reverse("opinion:alert", args=[alert.pk]))
    if count > LISTED:
        lines.append(_("… and %(n)s more.") % {"n": count - LISTED})
    lines += ["", _("All alerts: %(link)s") % {"link": base + reverse("opinion:alerts")}]
    if count == 1:
        from gandan.opinion.services.alerts import alert_title

        alert = alerts[0]
        text = _("Alert of public opinion (%(level)s): %(title)s — %(commune)s") % {
            "level": alert.get_level_display(),
            "title": alert_title(alert),
            "commune": alert.unit.name,
        }
        link = reverse("opinion:alert", args=[alert.pk])
    else:
        communes = sorted({a.unit.name for a in alerts})
        text = subject + ": " + ", ".join(communes)
        link = reverse("opinion:alerts")
    return subject, "\n".join(lines), text, link


def digest_send(now: dt.datetime | None = None) -> int:
    """Tell each person of the alerts not yet told to them, in one message; skip whoever was told less than an
    hour ago (and queue the digest again for when that hour is up). Returns how many messages were sent."""
    now = now or timezone.now()
    window = now.astimezone(dt.UTC).strftime("%Y%m%d%H")
    sent = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        pending = list(
            Alert.objects.select_for_update(of=("self",))
            .filter(notified_at__isnull=True)
            .select_related("unit", "issue", "topic")
            .order_by("-level", "raised_at", "pk")
        )
        if not pending:
            return 0
        closed = [a for a in pending if a.status == AlertStatus.CLOSED]
        pending = [a for a in pending if a.status != AlertStatus.CLOSED]
        recipients = _recipients(pending)
        people = {u.pk: u for users in recipients.values() for u in users}
        told = set(
            AlertEvent.objects.filter(action=NOTIFIED, alert__in=pending, by__in=list(people)).values_list(
                "alert_id", "by_id"
            )
        )
        last = dict(
            AlertEvent.objects.filter(action=NOTIFIED, by__in=list(people))
            .values("by")
            .annotate(last=Max("at"))
            .values_list("by", "last")
        )
        news: dict[int, list[Alert]] = defaultdict(list)
        for alert in pending:
            for user in recipients[alert.pk]:
                if (alert.pk, user.pk) not in told:
                    news[user.pk].append(alert)
        villages = _villages(pending)
        later: list[dt.datetime] = []
        events: list[AlertEvent] = []
        for pk, alerts in news.items():
            person = people[pk]
            previous = last.get(pk)
            if previous is not None and now - previous < HOUR:
                later.append(previous + HOUR)
                continue
            subject, body, text, link = _message(person, alerts, villages)
            inbox_post(
                recipients=[person],
                kind=InboxKind.OPINION_ALERT,
                text=text,
                link=link,
                unit_path=alerts[0].unit_path,
                key=f"opinion.digest:{window}",
            )
            if person.email:
                notification_queue(
                    key=f"opinion:digest:{person.pk}:{window}",
                    channel="email",
                    recipient=person.email,
                    subject=subject,
                    body=body,
                    unit=alerts[0].unit,
                )
            events += [AlertEvent(alert=a, at=now, by=person, action=NOTIFIED) for a in alerts]
            told |= {(a.pk, pk) for a in alerts}
            sent += 1
        AlertEvent.objects.bulk_create(events)
        done = [a.pk for a in pending if all((a.pk, u.pk) in told for u in recipients[a.pk])]
        Alert.objects.filter(pk__in=done + [a.pk for a in closed]).update(notified_at=now)
        if later:
            _digest_later(min(later))
    return sent
