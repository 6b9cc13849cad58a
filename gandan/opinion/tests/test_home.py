"""Opinion on the staff home (opinion/module.py): "Issues rising" for those who follow public opinion, the alerts
assigned to an officer with their deadlines, the inbox's reminders, and the audit trail's words for alert actions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from gandan.accounts.models import User
from gandan.notify.models import InboxItem
from gandan.notify.services import inbox_deadlines_post
from gandan.opinion import module
from gandan.opinion.models import Alert, AlertStatus
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def _user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


@pytest.fixture(autouse=True)
def _clean(db, settings):
    settings.LANGUAGE_CODE = "vi"
    Alert.objects.all().delete()


def _section(user, key):
    with override("vi"):
        return next((s for s in module.home_sections(user) if s.key == key), None)


def test_issues_rising_lists_the_communes_open_alerts_only(make_alert, home_commune, other_commune):
    ours = make_alert(home_commune, level=3, title="Khiếu kiện đất đai thôn Đồng")
    make_alert(other_commune, title="Chợ Tam Sơn ùn tắc")
    make_alert(home_commune, title="Đã xử lý xong", status=AlertStatus.CLOSED)

    section = _section(_user("chutich.songlo"), "opinion.rising")

    assert section.title == "Vấn đề đang nổi lên"
    assert [r.name for r in section.rows] == [f"{ours.issue.title} — {home_commune.name}"]
    assert [c.value for c in section.counts] == [1, 1]
    assert section.see_all == reverse("opinion:board")


def test_the_province_sees_the_rising_issues_of_its_communes(make_alert, home_commune, other_commune):
    make_alert(home_commune, title="Một")
    make_alert(other_commune, level=3, title="Hai")

    section = _section(_user("giamsat.phutho"), "opinion.rising")

    assert [r.name.split(" — ")[0] for r in section.rows] == ["Hai", "Một"]  # the most serious first


def test_the_home_page_shows_the_section_and_only_to_those_who_follow_opinion(make_alert, home_commune):
    make_alert(home_commune, title="Bụi bê tông thôn Bãi")

    assert (
        "Bụi bê tông thôn Bãi"
        in client_for(_user("danvan.songlo")).get(reverse("portal:staff_home")).content.decode()
    )
    desk = client_for(_user("motcua.songlo")).get(reverse("portal:staff_home")).content.decode()
    assert "Bụi bê tông thôn Bãi" not in desk and "Vấn đề đang nổi lên" not in desk


def test_the_officer_sees_the_alerts_assigned_to_him_with_their_deadlines(make_alert, home_commune):
    officer = _user("danvan.songlo")
    today = timezone.localdate()
    late = make_alert(
        home_commune,
        title="Quá hạn",
        status=AlertStatus.ASSIGNED,
        assignee=officer,
        due=today - dt.timedelta(days=1),
    )
    make_alert(
        home_commune,
        title="Của người khác",
        status=AlertStatus.ASSIGNED,
        assignee=_user("bithu.songlo"),
        due=today,
    )

    section = _section(officer, "opinion.mine")

    assert [(r.due, r.late) for r in section.rows] == [(late.due, True)]
    assert _section(_user("chutich.songlo"), "opinion.mine") is None  # nothing assigned: no section


def test_an_alert_due_tomorrow_is_reminded_in_the_inbox_once(make_alert, home_commune):
    officer = _user("danvan.songlo")
    today = timezone.localdate()
    alert = make_alert(
        home_commune, status=AlertStatus.ASSIGNED, assignee=officer, due=today + dt.timedelta(days=1)
    )
    make_alert(home_commune, status=AlertStatus.CLOSED, assignee=officer, due=today)

    inbox_deadlines_post(today=today)
    inbox_deadlines_post(today=today)

    (item,) = InboxItem.objects.filter(recipient=officer, object_type="opinion.alert")
    assert item.object_id == str(alert.pk) and item.link == reverse("opinion:alert", args=[alert.pk])


def test_the_audit_trail_names_alert_actions_and_links_the_alert(make_alert, home_commune, commune_leader):
    from gandan.audit.labels import action_labels

    alert = make_alert(home_commune)
    with override("vi"):
        assert action_labels()["opinion.alert_assign"] == "Giao xử lý cảnh báo dư luận"
    assert module.audit_objects(commune_leader, "opinion.alert", [str(alert.pk)]) == {
        str(alert.pk): (str(alert), reverse("opinion:alert", args=[alert.pk]))
    }
    assert module.audit_objects(_user("chutich.tamson"), "opinion.alert", [str(alert.pk)]) == {}
