"""Queueing and delivering notifications (notify/services.py, channels.py, tasks.py)."""

import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from gandan.audit.models import Event
from gandan.notify.channels import ConsoleChannel, EmailChannel, HttpGatewayChannel, channel_for
from gandan.notify.models import Notification, NotificationStatus
from gandan.notify.selectors import notifications_needing_check_count
from gandan.notify.services import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    notification_deliver,
    notification_queue,
    notification_resend,
    notifications_sweep,
)
from gandan.notify.tasks import notification_send_task

pytestmark = pytest.mark.django_db

BODY = "Hồ sơ 000.00.08848.H41-260302-0001 đã được tiếp nhận. Hẹn trả kết quả ngày 09/03/2026 tại bộ phận một cửa."
SUBJECT = "Phiếu hẹn trả kết quả"


@pytest.fixture(autouse=True)
def _notify_settings(settings):
    # The immediate backend runs an enqueued task inline, so a test sees the whole path: queue → task → send.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "ubnd@songlo.example.vn"
    settings.GANDAN_NOTIFY_EMAIL = False
    settings.GANDAN_SMS_GATEWAY_URL = ""
    settings.GANDAN_SMS_GATEWAY_TOKEN = ""


def _queue(**overrides):
    values = {
        "key": "dossiers:123:receipt",
        "channel": "email",
        "recipient": "nguyenvana@example.vn",
        "subject": SUBJECT,
        "body": BODY,
    }
    values.update(overrides)
    return notification_queue(**values)


def _events(action: str, notification: Notification):
    return Event.objects.filter(
        action=action, object_type="notify.notification", object_id=str(notification.pk)
    )


def test_queueing_twice_with_the_same_key_creates_one_row_and_sends_once(
    capsys, django_capture_on_commit_callbacks, desk_officer
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _queue(obj=desk_officer)
        second = _queue(obj=desk_officer, body="a different text for the same key")

    assert len(callbacks) == 1
    assert second.pk == first.pk
    assert Notification.objects.filter(key="dossiers:123:receipt").count() == 1
    assert capsys.readouterr().out.count(BODY) == 1
    first.refresh_from_db()
    assert (first.status, first.attempts, first.body) == (NotificationStatus.SENT, 1, BODY)
    assert first.sent_at is not None
    assert (first.object_type, first.object_id) == ("accounts.user", str(desk_officer.pk))
    assert first.unit_path == desk_officer.unit.path
    event = _events("notify.sent", first).get()
    assert (event.actor, event.actor_name, event.unit_path) == (None, "system", desk_officer.unit.path)
    assert event.details["key"] == "dossiers:123:receipt"
    assert "nguyenvana@example.vn" not in json.dumps(event.details)


def test_nothing_is_sent_before_the_callers_transaction_commits(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = _queue()

    assert len(callbacks) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert BODY not in capsys.readouterr().out

    callbacks[0]()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert BODY in capsys.readouterr().out


def test_console_delivery_prints_the_vietnamese_body_and_logs_it(
    capsys, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level("INFO", logger="gandan.notify")

    with django_capture_on_commit_callbacks(execute=True):
        _queue(channel="sms", recipient="0912345678")

    out = capsys.readouterr().out
    assert BODY in out
    assert "To: 0912345678" in out
    assert f"Subject: {SUBJECT}" in out
    assert "(sms)" in out  # the demo reader sees which channel the message was meant for
    assert any(BODY in r.getMessage() and r.levelname == "INFO" for r in caplog.records)


def test_email_goes_through_django_mail_when_enabled(settings, capsys, django_capture_on_commit_callbacks):
    settings.GANDAN_NOTIFY_EMAIL = True

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject, message.body) == (["nguyenvana@example.vn"], SUBJECT, BODY)
    assert message.from_email == "ubnd@songlo.example.vn"
    assert BODY not in capsys.readouterr().out
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT


def test_email_goes_to_the_console_while_email_is_disabled(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()

    assert mail.outbox == []
    assert BODY in capsys.readouterr().out


def test_a_subject_is_kept_on_one_line(settings, django_capture_on_commit_callbacks):
    settings.GANDAN_NOTIFY_EMAIL = True

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(subject="Phiếu hẹn\r\ntrả kết quả")

    assert notification.subject == "Phiếu hẹn trả kết quả"
    assert mail.outbox[0].subject == "Phiếu hẹn trả kết quả"


def test_a_failing_channel_is_retried_up_to_three_attempts_then_marked_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def broken_send(self, *, recipient, subject, body, key=""):
        calls.append(recipient)
        raise ConnectionError("gateway down")

    monkeypatch.setattr(ConsoleChannel, "send", broken_send)

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()

    assert len(calls) == MAX_ATTEMPTS == 3
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.FAILED, 3)
    assert notification.last_error == "ConnectionError: gateway down"
    assert notification.sent_at is None
    assert _events("notify.failed", notification).count() == 1
    assert not _events("notify.sent", notification).exists()


def test_a_channel_that_fails_once_is_sent_on_the_retry(
    monkeypatch, capsys, django_capture_on_commit_callbacks
):
    real_send = ConsoleChannel.send
    failures = [TimeoutError("timed out")]

    def flaky_send(self, **kwargs):
        if failures:
            raise failures.pop()
        real_send(self, **kwargs)

    monkeypatch.setattr(ConsoleChannel, "send", flaky_send)

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 2)
    assert notification.last_error == "TimeoutError: timed out"  # kept: it shows the message needed a retry
    assert capsys.readouterr().out.count(BODY) == 1


def test_a_duplicate_task_does_not_send_an_already_sent_notification(
    capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    notification.refresh_from_db()
    sent_at = notification.sent_at
    capsys.readouterr()

    result = notification_send_task.enqueue(notification_id=notification.pk)

    assert result.return_value == "sent"
    assert BODY not in capsys.readouterr().out
    notification.refresh_from_db()
    assert (notification.attempts, notification.sent_at) == (1, sent_at)
    assert _events("notify.sent", notification).count() == 1


def test_a_failed_notification_is_not_retried_by_a_late_task(monkeypatch, django_capture_on_commit_callbacks):
    def broken_send(self, **kwargs):
        raise OSError("down")

    monkeypatch.setattr(ConsoleChannel, "send", broken_send)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()

    assert notification_deliver(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.attempts == 3


def test_with_the_database_backend_the_send_and_its_retry_are_queued_rows(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    before = set(DBTaskResult.objects.values_list("id", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()

    queued = DBTaskResult.objects.exclude(id__in=before).get()
    assert queued.task_path == "gandan.notify.tasks.notification_send_task"
    assert queued.args_kwargs == {"args": [], "kwargs": {"notification_id": notification.pk}}

    def broken_send(self, **kwargs):
        raise OSError("down")

    monkeypatch.setattr(ConsoleChannel, "send", broken_send)
    failed_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_deliver(notification_id=notification.pk) == "retrying"

    retry = DBTaskResult.objects.exclude(id__in=before).exclude(id=queued.id).get()
    assert retry.args_kwargs == queued.args_kwargs
    # The retry waits (the database backend can defer) instead of hammering a gateway that is down.
    assert retry.run_after >= failed_at + RETRY_DELAYS[0]


def test_with_the_database_backend_the_send_commits_with_the_message_or_not_at_all(settings):
    """The queue is a table of the same database: the send task is written in the caller's transaction, so a
    message whose transaction rolls back leaves no task behind, and a committed one has its task at once."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    class Abandoned(Exception):
        pass

    # Only the send tasks queued here: the demo's year leaves the opinion engine's task and the e-mails telling
    # readers of a reply queued for the worker.
    demo = set(
        DBTaskResult.objects.filter(task_path=notification_send_task.module_path).values_list("pk", flat=True)
    )
    sends = DBTaskResult.objects.filter(task_path=notification_send_task.module_path).exclude(pk__in=demo)
    with pytest.raises(Abandoned), transaction.atomic():
        _queue(key="dossiers:1:receipt")
        raise Abandoned
    assert not Notification.objects.filter(key="dossiers:1:receipt").exists()
    assert not sends.exists()

    with transaction.atomic():
        notification = _queue(key="dossiers:2:receipt")
    (task,) = sends.all()
    assert task.args_kwargs == {"args": [], "kwargs": {"notification_id": notification.pk}}


def test_an_empty_recipient_is_recorded_as_skipped_and_not_sent(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _queue(recipient="  ")

    assert callbacks == []
    assert (notification.status, notification.recipient) == (NotificationStatus.SKIPPED, "")
    assert notification_deliver(notification_id=notification.pk) == "skipped"
    assert BODY not in capsys.readouterr().out


def test_delivering_a_missing_notification_does_nothing():
    assert notification_deliver(notification_id=987654321) == "missing"


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValidationError):
        _queue(channel="fax")


def test_a_unit_as_the_object_is_its_own_scope(home_commune, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(obj=home_commune)

    assert (notification.object_type, notification.unit_path) == ("units.unit", home_commune.path)
    assert _events("notify.sent", notification).get().unit == home_commune


@pytest.mark.parametrize(
    ("kind", "email_on", "gateway", "expected", "intended"),
    [
        ("console", True, "http://gw.example/send", ConsoleChannel, "console"),
        ("email", False, "", ConsoleChannel, "email"),
        ("email", True, "", EmailChannel, None),
        ("sms", True, "", ConsoleChannel, "sms"),
        ("sms", False, "https://gw.example/send", HttpGatewayChannel, None),
    ],
)
def test_the_channel_is_chosen_by_the_settings(settings, kind, email_on, gateway, expected, intended):
    settings.GANDAN_NOTIFY_EMAIL = email_on
    settings.GANDAN_SMS_GATEWAY_URL = gateway

    channel = channel_for(kind)

    assert type(channel) is expected
    if intended is not None:
        assert channel.intended == intended


def test_an_unknown_channel_kind_has_no_adapter():
    with pytest.raises(ValueError, match="fax"):
        channel_for("fax")


def test_the_gateway_refuses_a_url_that_is_not_http():
    with pytest.raises(ValueError):
        HttpGatewayChannel(url="file:///etc/passwd")


# --- The HTTP gateway, against a real server on 127.0.0.1 ----------------------------------------------------


class _GatewayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.received.append(
            {
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "idempotency_key": self.headers.get("Idempotency-Key"),
                "content_type": self.headers.get("Content-Type"),
                "json": json.loads(self.rfile.read(length).decode("utf-8")),
            }
        )
        self.send_response(self.server.answer)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.fixture
def gateway(settings, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GatewayHandler)
    server.received = []
    server.answer = 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GANDAN_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.GANDAN_SMS_GATEWAY_TOKEN = "gw-secret"
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_an_sms_is_posted_to_the_gateway_as_json(gateway, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(channel="sms", recipient="0912345678")

    assert len(gateway.received) == 1
    request = gateway.received[0]
    assert request["json"] == {"to": "0912345678", "text": BODY}
    assert request["path"] == "/send"
    assert request["authorization"] == "Bearer gw-secret"
    assert request["content_type"].startswith("application/json")
    assert BODY not in capsys.readouterr().out
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 1)


def test_the_gateway_is_called_without_a_token_when_none_is_set(settings, gateway):
    settings.GANDAN_SMS_GATEWAY_TOKEN = ""

    channel_for("sms").send(recipient="0912345678", subject="", body=BODY)

    assert gateway.received[0]["authorization"] is None


def test_a_gateway_answering_500_counts_as_a_failure(gateway, django_capture_on_commit_callbacks):
    gateway.answer = 500

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(channel="sms", recipient="0912345678")

    assert len(gateway.received) == MAX_ATTEMPTS
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.FAILED, MAX_ATTEMPTS)
    assert "HTTP Error 500" in notification.last_error


def test_a_gateway_redirect_is_not_taken_for_success(gateway):
    gateway.answer = 302

    with pytest.raises(OSError, match="302"):
        channel_for("sms").send(recipient="0912345678", subject="", body=BODY)


def test_a_refused_connection_is_a_failure(settings):
    # A port that was free a moment ago: nothing listens there, so the connection is refused at once.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.GANDAN_SMS_GATEWAY_URL = f"http://127.0.0.1:{port}/send"

    with pytest.raises(OSError):
        channel_for("sms").send(recipient="0912345678", subject="", body=BODY)


# --- A worker that died while sending -----------------------------------------------------------------------


def _left_sending(django_capture_on_commit_callbacks, *, minutes_ago: int, **overrides) -> Notification:
    """A notification a worker claimed `minutes_ago` and never finished (its process was killed mid-send)."""
    with django_capture_on_commit_callbacks(execute=False):
        notification = _queue(**overrides)
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING,
        attempts=1,
        claimed_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    return notification


def test_a_message_left_sending_by_a_dead_worker_is_marked_for_a_check_and_never_sent_again(
    gateway, django_capture_on_commit_callbacks
):
    notification = _left_sending(
        django_capture_on_commit_callbacks, minutes_ago=30, channel="sms", recipient="0912345678"
    )

    with django_capture_on_commit_callbacks(execute=True):
        marked = notifications_sweep()
        again = notification_send_task.enqueue(
            notification_id=notification.pk
        )  # the task run again by recovery

    assert marked == 1
    assert gateway.received == []
    assert again.return_value == NotificationStatus.NEEDS_CHECK
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.NEEDS_CHECK, 1)
    assert "may or may not have been sent" in notification.last_error
    assert notification.get_status_display() == "Cần kiểm tra"
    assert _events("notify.needs_check", notification).count() == 1
    assert notifications_needing_check_count() == 1


def test_a_message_a_live_worker_is_sending_is_left_alone(capsys, django_capture_on_commit_callbacks):
    notification = _left_sending(django_capture_on_commit_callbacks, minutes_ago=1)

    with django_capture_on_commit_callbacks(execute=True):
        marked = notifications_sweep()

    assert marked == 0
    assert BODY not in capsys.readouterr().out
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENDING, 1)


def test_two_sweeps_mark_a_lost_message_once(capsys, django_capture_on_commit_callbacks):
    notification = _left_sending(django_capture_on_commit_callbacks, minutes_ago=30)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first, second = notifications_sweep(), notifications_sweep()

    assert (first, second, len(callbacks)) == (1, 0, 0)
    assert BODY not in capsys.readouterr().out
    assert _events("notify.needs_check", notification).count() == 1


def test_the_sweep_command_and_task_mark_lost_messages(capsys, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from gandan.notify.tasks import notifications_sweep_task

    _left_sending(django_capture_on_commit_callbacks, minutes_ago=30, key="a")
    _left_sending(django_capture_on_commit_callbacks, minutes_ago=30, key="b")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_sweep")
        result = notifications_sweep_task.enqueue()

    assert result.return_value == 0  # the command took both; the task found nothing left
    assert Notification.objects.filter(key__in=["a", "b"], status=NotificationStatus.NEEDS_CHECK).count() == 2
    assert BODY not in capsys.readouterr().out


def test_a_checked_message_is_sent_again_deliberately_with_the_same_message_id(
    settings, sysadmin, django_capture_on_commit_callbacks
):
    settings.GANDAN_NOTIFY_EMAIL = True
    notification = _left_sending(django_capture_on_commit_callbacks, minutes_ago=30)
    EmailChannel().send(recipient="nguyenvana@example.vn", subject=SUBJECT, body=BODY, key=notification.key)
    with django_capture_on_commit_callbacks(execute=True):
        notifications_sweep()
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        notification_resend(notification=notification, by=sysadmin)

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"].endswith("@songlo.example.vn>")
    assert second.message()["Message-ID"] == first.extra_headers["Message-ID"]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 2)
    assert _events("notify.resent", notification).get().actor == sysadmin


def test_a_sent_message_cannot_be_sent_again_by_hand(sysadmin, django_capture_on_commit_callbacks):
    from gandan.errors import DomainError

    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT

    with pytest.raises(DomainError):
        notification_resend(notification=notification, by=sysadmin)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 1)
