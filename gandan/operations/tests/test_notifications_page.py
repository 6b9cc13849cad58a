"""The staff list of messages a dead worker left half-sent, and the deliberate re-send."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.notify.models import Notification, NotificationStatus
from gandan.notify.selectors import notifications_needing_check_count
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

PAGE = reverse("operations:notifications")


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.GANDAN_NOTIFY_EMAIL = False


@pytest.fixture
def half_sent(db):
    return Notification.objects.create(
        key="killtest:page",
        channel="email",
        recipient="nguyenvana@example.vn",
        subject="Phiếu hẹn trả kết quả",
        body="Nội dung",
        status=NotificationStatus.NEEDS_CHECK,
        attempts=1,
        claimed_at=timezone.now() - dt.timedelta(hours=1),
    )


def test_the_province_supervisor_sees_the_messages_to_check_but_cannot_resend(province_supervisor, half_sent):
    page = client_for(province_supervisor).get(PAGE).content.decode()

    assert "nguyenvana@example.vn" in page and "Phiếu hẹn trả kết quả" in page
    assert 'name="notification"' not in page
    response = client_for(province_supervisor).post(PAGE, {"notification": half_sent.pk})
    assert response.status_code == 403
    half_sent.refresh_from_db()
    assert half_sent.status == NotificationStatus.NEEDS_CHECK


def test_the_administrator_sends_one_again_after_a_check(
    sysadmin, half_sent, capsys, django_capture_on_commit_callbacks
):
    assert notifications_needing_check_count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sysadmin).post(PAGE, {"notification": half_sent.pk}, follow=True)

    half_sent.refresh_from_db()
    assert (half_sent.status, half_sent.attempts) == (NotificationStatus.SENT, 2)
    assert notifications_needing_check_count() == 0
    assert "nguyenvana@example.vn" not in response.content.decode().split("<h1>", 1)[1]


def test_a_commune_officer_does_not_see_the_page(commune_leader):
    assert client_for(commune_leader).get(PAGE).status_code == 403


def test_a_message_not_needing_a_check_is_not_found(sysadmin, half_sent):
    Notification.objects.filter(pk=half_sent.pk).update(status=NotificationStatus.SENT)

    assert client_for(sysadmin).post(PAGE, {"notification": half_sent.pk}).status_code == 404
    assert client_for(sysadmin).post(PAGE, {"notification": "x"}).status_code == 404
