"""The alerts digest (opinion/services/digest.py): the commune's chairman, party secretary and mobilisation officer
hear of new alerts in one message, at most once an hour each; the province supervisor only of urgent ones; never
a citizen's words."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.models import User
from gandan.notify.models import InboxItem, Notification
from gandan.opinion.models import Alert, AlertEvent, Signal
from gandan.opinion.services.digest import digest_request, digest_send
from gandan.opinion.tasks import opinion_digest_task

pytestmark = pytest.mark.django_db

LEADERS = ["chutich.songlo", "bithu.songlo", "danvan.songlo"]
NOT_TOLD = ["motcua.songlo", "xuly.songlo", "thanhtra.songlo", "chutich.tamson", "danvan.tamson"]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _digests(username: str) -> list[InboxItem]:
    return list(InboxItem.objects.filter(recipient=_user(username), key__startswith="opinion.digest:"))


@pytest.fixture(autouse=True)
def _clean(db, settings):
    settings.LANGUAGE_CODE = "vi"
    Alert.objects.all().delete()
    InboxItem.objects.filter(key__startswith="opinion.digest:").delete()
    Notification.objects.filter(key__startswith="opinion:digest:").delete()


def test_a_burst_of_five_alerts_is_one_message_per_leader(make_alert, home_commune):
    alerts = [make_alert(home_commune, title=f"Vấn đề số {i}") for i in range(5)]

    assert digest_send() == 3

    for username in LEADERS:
        (item,) = _digests(username)
        assert "5" in item.text and home_commune.name in item.text
    for username in NOT_TOLD + ["giamsat.phutho"]:
        assert _digests(username) == []
    assert all(a.notified_at is not None for a in Alert.objects.filter(pk__in=[a.pk for a in alerts]))
    assert digest_send() == 0  # nothing new: nobody hears twice


def test_the_province_supervisor_hears_only_of_urgent_alerts(make_alert, home_commune):
    make_alert(home_commune, level=2, title="Đèn đường hỏng")
    digest_send()
    assert _digests("giamsat.phutho") == []

    later = timezone.now() + dt.timedelta(hours=2)
    make_alert(home_commune, level=3, title="Tập trung đông người ở cổng xã")
    digest_send(now=later)

    (item,) = _digests("giamsat.phutho")
    assert "Tập trung đông người ở cổng xã" in item.text


def test_a_second_batch_within_the_hour_waits_and_goes_when_the_hour_is_up(make_alert, home_commune):
    start = timezone.now()
    make_alert(home_commune, title="Bụi nhà máy")
    digest_send(now=start)
    second = make_alert(home_commune, title="Nước tưới không về")

    assert digest_send(now=start + dt.timedelta(minutes=20)) == 0
    assert len(_digests("chutich.songlo")) == 1
    assert Alert.objects.get(pk=second.pk).notified_at is None

    assert digest_send(now=start + dt.timedelta(minutes=61)) == 3
    items = _digests("chutich.songlo")
    assert len(items) == 2
    newest = max(items, key=lambda i: i.pk)
    assert "Nước tưới không về" in newest.text and "Bụi nhà máy" not in newest.text
    assert Alert.objects.get(pk=second.pk).notified_at is not None
    told = AlertEvent.objects.filter(alert=second, action="notified")
    assert sorted(told.values_list("by__username", flat=True)) == sorted(LEADERS)


def test_someone_told_recently_waits_while_the_others_hear_now(make_alert, home_commune, other_commune):
    start = timezone.now()
    make_alert(other_commune, level=3, title="Sạt lở bờ sông")
    digest_send(now=start)  # the province supervisor heard of Tam Sơn's urgent alert
    urgent = make_alert(home_commune, level=3, title="Khiếu kiện đông người")

    digest_send(now=start + dt.timedelta(minutes=10))

    assert [len(_digests(u)) for u in LEADERS] == [1, 1, 1]
    assert len(_digests("giamsat.phutho")) == 1
    assert Alert.objects.get(pk=urgent.pk).notified_at is None  # someone is still to hear of it
    digest_send(now=start + dt.timedelta(minutes=70))
    assert len(_digests("giamsat.phutho")) == 2
    assert [len(_digests(u)) for u in LEADERS] == [1, 1, 1]  # told once only
    assert Alert.objects.get(pk=urgent.pk).notified_at is not None


def test_the_email_says_level_title_commune_village_counts_and_link_and_nothing_personal(
    make_alert, home_commune
):
    leader = _user("chutich.songlo")
    leader.email = "chutich@songlo.example"
    leader.save(update_fields=["email"])
    alert = make_alert(home_commune, level=3, reasons=[{"code": "crowd", "people": 12}])
    village = alert.issue.places and next(iter(alert.issue.places))
    # A citizen's own words (stored unmasked here on purpose): the digest must not carry them.
    words = Signal.objects.create(
        text="Tôi là Lê Văn Tư, điện thoại 0912000111, bụi quá không chịu nổi",
        text_folded="",
        unit=home_commune,
        unit_path=home_commune.path,
        commune_path=home_commune.path,
        at=alert.raised_at,
        source_kind="test",
        source_id="1",
        issue=alert.issue,
    )
    alert.issue.representative = words
    alert.issue.save(update_fields=["representative"])

    digest_send()

    mail = Notification.objects.get(key__startswith=f"opinion:digest:{leader.pk}:")
    assert (mail.channel, mail.recipient) == ("email", "chutich@songlo.example")
    assert "[Khẩn]" in mail.body and alert.issue.title in mail.body and home_commune.name in mail.body
    from gandan.units.models import Unit

    assert Unit.objects.get(pk=int(village)).name in mail.body
    assert "7 ý kiến" in mail.body and "12 người" in mail.body
    assert f"/staff/opinion/alerts/{alert.pk}/" in mail.body
    item = _digests("chutich.songlo")[0]
    for text in (mail.body, mail.subject, item.text):
        assert "0912000111" not in text and "Lê Văn Tư" not in text and "không chịu nổi" not in text
    assert not Notification.objects.filter(
        key__startswith=f"opinion:digest:{_user('bithu.songlo').pk}:"
    ).exists()


def test_asking_for_the_digest_queues_one_task_after_the_commit(settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    waiting = DBTaskResult.objects.filter(task_path=opinion_digest_task.module_path)
    waiting.delete()

    with django_capture_on_commit_callbacks(execute=True):
        digest_request()
        digest_request()
        assert not waiting.exists()  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        digest_request()

    assert waiting.count() == 1


def test_the_task_is_queued_again_for_when_the_hour_is_up(
    settings, make_alert, home_commune, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    waiting = DBTaskResult.objects.filter(task_path=opinion_digest_task.module_path)
    waiting.delete()
    start = timezone.now()
    make_alert(home_commune)
    digest_send(now=start)
    make_alert(home_commune, title="Lần hai")

    with django_capture_on_commit_callbacks(execute=True):
        digest_send(now=start + dt.timedelta(minutes=15))

    (task,) = waiting
    assert abs(task.run_after - (start + dt.timedelta(hours=1))) < dt.timedelta(seconds=1)


def test_a_flood_of_alerts_is_still_one_short_message(make_alert, home_commune, settings):
    from gandan.opinion.services.digest import LISTED

    leader = _user("chutich.songlo")
    leader.email = "chutich@songlo.example"
    leader.save(update_fields=["email"])
    for i in range(LISTED + 3):
        make_alert(home_commune, title=f"Vấn đề số {i}")

    assert digest_send() == 3

    mail = Notification.objects.get(key__startswith=f"opinion:digest:{leader.pk}:")
    assert mail.body.count("/staff/opinion/alerts/") == LISTED + 1  # each listed alert, and the list
    assert "… và 3 cảnh báo khác." in mail.body
