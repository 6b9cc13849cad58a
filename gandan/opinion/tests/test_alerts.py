"""What officials do with an alert: the list and the page (inside their units only), why it was raised in words,
and the actions — acknowledge, assign with a deadline, link a petition, close, reopen — each in the history and the
audit trail; the alert closing by itself when its petition is resolved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.models import User
from gandan.audit.models import Event
from gandan.notify.models import InboxItem
from gandan.opinion.models import Alert, AlertEvent, AlertLink, AlertStatus, IssueStatus
from gandan.petitions import services as petitions
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

REASONS = [
    {"code": "burst", "observed": 7, "expected": 0.4, "days": 2},
    {"code": "crowd", "people": 12},
    {"code": "villages", "count": 3},
    {"code": "urgency"},
    {"code": "repeat"},
]


def _user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def _day(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def alert(make_alert, home_commune):
    return make_alert(home_commune, reasons=REASONS)


def _petition(commune, desk_officer, subject="Bụi nhà máy bê tông"):
    return petitions.petition_receive(
        unit=commune,
        channel="direct",
        persons=[{"name": "Lê Văn Tư", "address": "Thôn Đồng Thịnh", "phone": "0912000111"}],
        original_text="Đề nghị xử lý bụi.",
        parts=[{"kind": "reflection", "subject": subject, "content": "Bụi bay vào nhà dân cả ngày."}],
        by=desk_officer,
    )[0]


# --- List and page ---------------------------------------------------------------------------------------------


def test_the_alert_page_says_why_in_vietnamese_sentences(alert, commune_leader):
    page = client_for(commune_leader).get(reverse("opinion:alert", args=[alert.pk])).content.decode()

    assert "7 ý kiến trong 2 ngày, bình thường 0,4" in page
    assert "đơn đông người (12 người ký)" in page
    assert "3 thôn cùng phản ánh" in page
    assert "có lời lẽ bức xúc, khẩn cấp" in page
    assert "người dân phản ánh nhiều lần" in page
    assert alert.issue.title in page


def test_another_communes_officer_neither_lists_nor_opens_the_alert(alert, other_commune_leader):
    client = client_for(other_commune_leader)

    assert client.get(reverse("opinion:alert", args=[alert.pk])).status_code == 404
    assert alert.issue.title not in client.get(reverse("opinion:alerts")).content.decode()
    assert client.get(reverse("opinion:alert_close", args=[alert.pk])).status_code == 404


def test_the_province_sees_every_commune_and_filters_by_commune(make_alert, home_commune, other_commune):
    make_alert(home_commune, title="Sạt lở đường thôn Bến")
    make_alert(other_commune, title="Nước sinh hoạt nhiễm bẩn")
    client = client_for(_user("giamsat.phutho"))

    everything = client.get(reverse("opinion:alerts")).content.decode()
    one = client.get(reverse("opinion:alerts"), {"status": "open", "unit": other_commune.pk}).content.decode()

    assert "Sạt lở đường thôn Bến" in everything and "Nước sinh hoạt nhiễm bẩn" in everything
    assert "Nước sinh hoạt nhiễm bẩn" in one and "Sạt lở đường thôn Bến" not in one


def test_open_alerts_come_first_the_most_serious_first(make_alert, home_commune, commune_leader):
    make_alert(home_commune, level=1, title="Cống thôn Bãi theo dõi")
    make_alert(home_commune, level=3, title="Đê bối xã khẩn cấp")
    make_alert(home_commune, level=3, title="Chợ tạm đóng cửa", status=AlertStatus.CLOSED)
    page = client_for(commune_leader).get(reverse("opinion:alerts"), {"status": ""}).content.decode()

    assert (
        page.index("Đê bối xã khẩn cấp")
        < page.index("Cống thôn Bãi theo dõi")
        < page.index("Chợ tạm đóng cửa")
    )


def test_the_list_says_when_there_is_nothing(commune_leader):
    Alert.objects.all().delete()
    page = client_for(commune_leader).get(reverse("opinion:alerts")).content.decode()

    assert "Không có cảnh báo nào đang mở" in page


# --- Actions -----------------------------------------------------------------------------------------------------


def test_the_chairman_acknowledges_and_it_is_in_the_history_and_the_audit_trail(alert, commune_leader):
    url = reverse("opinion:alert_acknowledge", args=[alert.pk])
    client = client_for(commune_leader)

    assert client.get(url).status_code == 200  # the confirmation
    response = client.post(url, {"note": "Đã nắm tình hình"})

    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED
    event = alert.events.get(action="acknowledge")
    assert (event.by, event.note) == (commune_leader, "Đã nắm tình hình")
    assert Event.objects.filter(action="opinion.alert_acknowledge", object_id=str(alert.pk)).exists()
    again = client.post(url, {})
    assert again.status_code == 422
    assert "Cảnh báo này đã được tiếp nhận" in again.content.decode()


def test_an_inspector_reads_the_alert_but_may_not_act(alert, inspector):
    client = client_for(inspector)

    assert client.get(reverse("opinion:alert", args=[alert.pk])).status_code == 200
    assert client.post(reverse("opinion:alert_acknowledge", args=[alert.pk])).status_code == 403
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.RAISED


def test_assigning_tells_the_officer_and_puts_the_alert_on_his_home(alert, commune_leader):
    officer = _user("danvan.songlo")
    due = timezone.localdate() + dt.timedelta(days=5)
    response = client_for(commune_leader).post(
        reverse("opinion:alert_assign", args=[alert.pk]),
        {"assignee": officer.pk, "due": _day(due), "note": "Xuống thôn nắm tình hình"},
    )

    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.assignee, alert.due) == (AlertStatus.ASSIGNED, officer, due)
    item = InboxItem.objects.get(recipient=officer, object_type="opinion.alert", object_id=str(alert.pk))
    assert item.link == reverse("opinion:alert", args=[alert.pk])
    home = client_for(officer).get(reverse("portal:staff_home")).content.decode()
    assert alert.issue.title in home and _day(due) in home
    assert Event.objects.filter(action="opinion.alert_assign", object_id=str(alert.pk)).exists()
    client_for(commune_leader).post(reverse("opinion:alert_close", args=[alert.pk]), {"note": "Đã xong"})
    item.refresh_from_db()
    assert item.read_at is not None  # a closed alert is no work left in his inbox


def test_assigning_refuses_a_past_deadline_and_an_officer_of_another_commune(alert, commune_leader):
    url = reverse("opinion:alert_assign", args=[alert.pk])
    client = client_for(commune_leader)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    past = client.post(url, {"assignee": _user("danvan.songlo").pk, "due": _day(yesterday)})
    foreign = client.post(url, {"assignee": _user("danvan.tamson").pk, "due": _day(timezone.localdate())})
    garbled = client.post(url, {"assignee": _user("danvan.songlo").pk, "due": "2026-13-45"})

    assert past.status_code == 422 and "Hạn xử lý không được ở quá khứ" in past.content.decode()
    assert foreign.status_code == 422
    assert garbled.status_code == 422
    assert Alert.objects.get(pk=alert.pk).assignee is None
    assert not alert.events.filter(action="assign").exists()


def test_the_officers_offered_are_those_of_the_commune_who_follow_public_opinion(alert, commune_leader):
    page = client_for(commune_leader).get(reverse("opinion:alert_assign", args=[alert.pk])).content.decode()

    assert _user("danvan.songlo").full_name in page
    assert _user("danvan.tamson").full_name not in page
    assert _user("motcua.songlo").full_name not in page  # the desk cannot open the alert


def test_closing_needs_a_note_keeps_the_issue_and_reopening_brings_it_back(alert, commune_leader):
    client = client_for(commune_leader)

    empty = client.post(reverse("opinion:alert_close", args=[alert.pk]), {"note": "  "})
    assert empty.status_code == 422
    closed = client.post(reverse("opinion:alert_close", args=[alert.pk]), {"note": "Nhà máy đã lắp lưới che"})
    assert closed.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED and alert.closed_at is not None
    assert alert.issue.status == IssueStatus.OPEN  # closing an alert dismisses nothing
    assert alert.events.get(action="close").by == commune_leader
    assert client.post(reverse("opinion:alert_acknowledge", args=[alert.pk])).status_code == 422

    reopened = client.post(reverse("opinion:alert_reopen", args=[alert.pk]), {"note": "Bụi lại tái diễn"})
    assert reopened.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and alert.closed_at is None
    assert list(alert.events.values_list("action", flat=True)) == ["raised", "close", "reopen"]


def test_a_petition_of_another_commune_cannot_be_linked(alert, commune_leader, other_commune):
    foreign = _petition(other_commune, _user("motcua.tamson"))
    response = client_for(commune_leader).post(
        reverse("opinion:alert_link", args=[alert.pk]), {"code": foreign.code}
    )

    assert response.status_code == 422
    assert "Không có đơn nào của xã này" in response.content.decode()
    assert not AlertLink.objects.filter(alert=alert).exists()


def test_the_alert_closes_by_itself_when_its_petition_is_resolved(
    alert, commune_leader, desk_officer, case_handler, home_commune
):
    petition = _petition(home_commune, desk_officer)
    client = client_for(commune_leader)
    response = client.post(reverse("opinion:alert_link", args=[alert.pk]), {"code": petition.code.lower()})
    assert response.status_code == 302
    link = AlertLink.objects.get(alert=alert)
    assert (link.kind, link.object_id, link.settled) == ("petition", str(petition.pk), False)
    assert petition.code in link.label
    twice = client.post(reverse("opinion:alert_link", args=[alert.pk]), {"code": petition.code})
    assert twice.status_code == 422

    petitions.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)
    petitions.petition_accept(petition=petition, by=case_handler)
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.RAISED
    petitions.petition_decide(petition=petition, by=case_handler, resolution="Đã yêu cầu nhà máy che chắn.")

    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED
    last = alert.events.order_by("-pk").first()
    assert (last.action, last.by) == ("autoclose", case_handler)
    assert petition.code in last.note
    assert Event.objects.filter(action="opinion.alert_autoclose", object_id=str(alert.pk)).exists()
    page = client.get(reverse("opinion:alert", args=[alert.pk])).content.decode()
    assert "Tự đóng" in page


def test_an_alert_with_another_case_still_open_stays_open(alert, commune_leader, desk_officer, home_commune):
    first, second = (
        _petition(home_commune, desk_officer),
        _petition(home_commune, desk_officer, "Bụi lần hai"),
    )
    client = client_for(commune_leader)
    for p in (first, second):
        client.post(reverse("opinion:alert_link", args=[alert.pk]), {"code": p.code})

    petitions.petition_file(petition=first, by=desk_officer, reason="Đơn trùng nội dung đã giải quyết")

    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.RAISED
    assert AlertLink.objects.get(alert=alert, object_id=str(first.pk)).settled
    assert not AlertEvent.objects.filter(alert=alert, action="autoclose").exists()


def test_a_change_of_level_in_the_history_says_the_level_by_name(alert, commune_leader):
    AlertEvent.objects.create(alert=alert, at=timezone.now(), action="level", note="3")
    page = client_for(commune_leader).get(reverse("opinion:alert", args=[alert.pk])).content.decode()
    history = page.split("<h2>Lịch sử</h2>", 1)[1]
    assert "<td>Khẩn</td>" in history and "<td>3</td>" not in history
