"""The officers' in-app inbox: who is told of what (hand-offs, results ready, assignments, new petitions, deadlines),
the unread badge, opening an item, marking all read, and the idempotent deadline reminders."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.dossiers import services as dossiers
from gandan.dossiers.tests.factories import make_procedure, make_staff, received
from gandan.errors import DomainError
from gandan.notify.models import InboxItem, InboxKind
from gandan.notify.selectors import inbox_unread_count
from gandan.notify.services import inbox_deadlines_post, inbox_post
from gandan.petitions import services as petitions
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    settings.WHITENOISE_AUTOREFRESH = True


def posted_since(mark: int) -> list[tuple[str, str, str]]:
    """(recipient, kind, object id) of every item posted after the row id `mark`."""
    return sorted(
        InboxItem.objects.filter(pk__gt=mark).values_list("recipient__username", "kind", "object_id")
    )


def last_id() -> int:
    return InboxItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def receive(unit, by, *, subject="Tranh chấp ranh giới đất ở thôn Đồng Thịnh"):
    return petitions.petition_receive(
        unit=unit,
        channel="direct",
        parts=[
            {"kind": "complaint", "subject": subject, "content": "Gia đình ông B lấn chiếm 2 mét đất vườn."}
        ],
        persons=[{"name": "Nguyễn Thị Hoa", "address": "Thôn Đồng Thịnh", "phone": "0912345678"}],
        by=by,
    )[0]


def test_a_handoff_tells_the_receiving_handler_only(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(), home_commune, desk_officer)
    mark = last_id()

    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)

    assert posted_since(mark) == [("xuly.songlo", InboxKind.HANDOFF, str(dossier.pk))]
    item = InboxItem.objects.get(pk__gt=mark)
    assert dossier.code in item.text and item.link == reverse("dossiers:detail", args=[dossier.pk])


def test_a_finished_result_tells_the_desk_officers_of_the_commune(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    mark = last_id()

    dossiers.dossier_complete(dossier=dossier, by=case_handler, result_note="Đã ký")

    # The desk officer of xã Sông Lô, and not the one of xã Tam Sơn (nor the handler who finished it).
    assert posted_since(mark) == [("motcua.songlo", InboxKind.RESULT_READY, str(dossier.pk))]


def test_a_new_petition_tells_the_units_leader_desk_and_inspector_but_not_who_recorded_it(
    home_commune, desk_officer
):
    mark = last_id()

    petition = receive(home_commune, desk_officer)

    assert posted_since(mark) == [
        ("chutich.songlo", InboxKind.NEW_PETITION, str(petition.pk)),
        ("thanhtra.songlo", InboxKind.NEW_PETITION, str(petition.pk)),
    ]
    assert petition.code in InboxItem.objects.filter(pk__gt=mark).first().text


def test_a_petition_sent_online_tells_the_desk_too(home_commune):
    mark = last_id()

    petition = receive(home_commune, None)

    assert [who for who, _k, _o in posted_since(mark)] == [
        "chutich.songlo",
        "motcua.songlo",
        "thanhtra.songlo",
    ]
    assert {o for _w, _k, o in posted_since(mark)} == {str(petition.pk)}


def test_a_protected_denunciation_tells_no_name(home_commune, desk_officer):
    mark = last_id()
    petitions.petition_receive(
        unit=home_commune,
        channel="direct",
        parts=[
            {
                "kind": "denunciation",
                "subject": "Tố cáo Trần Văn Kín thu tiền",
                "content": "Thu tiền trái phép.",
            }
        ],
        persons=[{"name": "Trần Văn Kín", "address": "Thôn Nhạo Sơn", "phone": "0912000111"}],
        by=desk_officer,
    )

    texts = list(InboxItem.objects.filter(pk__gt=mark).values_list("text", flat=True))
    assert texts and all("Kín" not in t for t in texts)


def test_assigning_a_petition_tells_the_handler_only(
    home_commune, desk_officer, commune_leader, case_handler
):
    petition = receive(home_commune, desk_officer)
    mark = last_id()

    petitions.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)

    assert posted_since(mark) == [("xuly.songlo", InboxKind.ASSIGNMENT, str(petition.pk))]


def test_handing_a_petition_over_tells_the_new_handler(
    home_commune, desk_officer, commune_leader, case_handler, inspector
):
    petition = receive(home_commune, desk_officer)
    petitions.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)
    mark = last_id()

    petitions.petition_transfer(petition=petition, by=commune_leader, assignee=inspector, note="Cần xác minh")

    assert posted_since(mark) == [("thanhtra.songlo", InboxKind.ASSIGNMENT, str(petition.pk))]


def test_a_refused_change_posts_nothing(home_commune, desk_officer, other_commune_leader):
    dossier = received(make_procedure(), home_commune, desk_officer)
    mark = last_id()

    with pytest.raises(DomainError):
        dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=other_commune_leader)

    assert posted_since(mark) == []


def test_the_unread_count_is_one_query_and_shows_in_the_header(case_handler, django_assert_num_queries):
    before = inbox_unread_count(case_handler)
    inbox_post(recipients=[case_handler], kind=InboxKind.DEADLINE, text="Hồ sơ A đến hạn", link="/staff/")
    inbox_post(recipients=[case_handler], kind=InboxKind.DEADLINE, text="Hồ sơ B đến hạn", link="/staff/")

    with django_assert_num_queries(1):
        assert inbox_unread_count(case_handler) == before + 2
    page = client_for(case_handler).get("/staff/").content.decode()
    assert f'<span class="badge" title="chưa đọc">{before + 2}</span>' in page


def test_opening_an_item_marks_it_read_and_follows_its_link(case_handler):
    inbox_post(recipients=[case_handler], kind=InboxKind.HANDOFF, text="Hồ sơ X", link="/staff/dossiers/")
    item = InboxItem.objects.filter(recipient=case_handler).first()
    client = client_for(case_handler)
    before = inbox_unread_count(case_handler)

    response = client.post(reverse("portal:inbox_open", args=[item.pk]))

    assert response.status_code == 302 and response["Location"] == "/staff/dossiers/"
    item.refresh_from_db()
    assert item.read_at is not None
    assert inbox_unread_count(case_handler) == before - 1


def test_nobody_opens_another_officers_item(case_handler, desk_officer):
    inbox_post(recipients=[case_handler], kind=InboxKind.HANDOFF, text="Hồ sơ X", link="/staff/")
    item = InboxItem.objects.filter(recipient=case_handler).first()

    response = client_for(desk_officer).post(reverse("portal:inbox_open", args=[item.pk]))

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read(case_handler, desk_officer):
    inbox_post(
        recipients=[case_handler, desk_officer], kind=InboxKind.DEADLINE, text="Đến hạn", link="/staff/"
    )
    client = client_for(case_handler)

    response = client.post(reverse("portal:inbox_read_all"), follow=True)

    assert inbox_unread_count(case_handler) == 0
    assert inbox_unread_count(desk_officer) >= 1  # someone else's items stay unread
    assert "Đã đánh dấu tất cả thông báo là đã đọc." in response.content.decode()


def test_the_inbox_lists_newest_first_in_vietnamese(case_handler):
    inbox_post(recipients=[case_handler], kind=InboxKind.HANDOFF, text="Cũ hơn", link="/staff/")
    inbox_post(recipients=[case_handler], kind=InboxKind.HANDOFF, text="Mới nhất", link="/staff/")

    page = client_for(case_handler).get(reverse("portal:inbox")).content.decode()

    assert page.index("Mới nhất") < page.index("Cũ hơn")
    assert "Đánh dấu tất cả đã đọc" in page


def test_an_empty_inbox_says_so(db, home_commune):
    newcomer = make_staff(home_commune, "moi.songlo", Role.CASE_HANDLER)

    page = client_for(newcomer).get(reverse("portal:inbox")).content.decode()

    assert "Bạn chưa có thông báo nào" in page


def test_a_keyed_post_is_posted_once_per_recipient(case_handler, desk_officer):
    first = inbox_post(
        recipients=[case_handler], kind=InboxKind.DEADLINE, text="Đến hạn", link="/", key="k:1"
    )
    again = inbox_post(
        recipients=[case_handler, desk_officer], kind=InboxKind.DEADLINE, text="Đến hạn", link="/", key="k:1"
    )

    assert (first, again) == (1, 1)  # only the desk officer is new the second time
    assert InboxItem.objects.filter(key__startswith="k:1:").count() == 2


# --- Deadline reminders -----------------------------------------------------------------------------------------


def test_handlers_are_reminded_of_a_dossier_due_and_only_once_a_day(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossier.refresh_from_db()
    due = dossier.current_appointment
    mine = InboxItem.objects.filter(
        recipient=case_handler, kind=InboxKind.DEADLINE, object_id=str(dossier.pk)
    )

    first = inbox_deadlines_post(today=due)
    second = inbox_deadlines_post(today=due)

    assert first >= 1 and second == 0
    assert mine.count() == 1 and dossier.code in mine.get().text
    inbox_deadlines_post(
        today=due + dt.timedelta(days=1)
    )  # past the appointment: no reminder (it is overdue)
    assert mine.count() == 1


def test_a_dossier_due_later_is_not_reminded_yet(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(days=10), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossier.refresh_from_db()

    inbox_deadlines_post(today=dossier.current_appointment - dt.timedelta(days=7))

    assert not InboxItem.objects.filter(kind=InboxKind.DEADLINE, object_id=str(dossier.pk)).exists()


def test_the_command_reminds_a_petitions_handler_once(
    home_commune, desk_officer, commune_leader, case_handler
):
    petition = receive(home_commune, desk_officer)
    petitions.petition_assign(
        petition=petition, by=commune_leader, assignee=case_handler, handler_due=petition.statutory_due
    )
    day = petition.statutory_due.isoformat()
    out = io.StringIO()

    call_command("notify_deadlines", "--date", day, stdout=out)
    call_command("notify_deadlines", "--date", day, stdout=out)

    items = InboxItem.objects.filter(
        kind=InboxKind.DEADLINE, object_type="petitions.petition", object_id=str(petition.pk)
    )
    assert list(items.values_list("recipient__username", flat=True)) == ["xuly.songlo"]
    assert "0 reminder(s)" in out.getvalue().splitlines()[-1]


def test_an_inactive_handler_gets_no_reminder(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossier.refresh_from_db()
    User.objects.filter(pk=case_handler.pk).update(is_active=False)

    inbox_deadlines_post(today=dossier.current_appointment)

    assert not InboxItem.objects.filter(kind=InboxKind.DEADLINE, object_id=str(dossier.pk)).exists()


def test_the_task_posts_the_same_reminders_as_the_command(settings, home_commune, desk_officer, case_handler):
    from gandan.notify.tasks import inbox_deadlines_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A Tuesday: a one-working-day procedure received now is due tomorrow, within the reminder's window.
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
        dossier = received(make_procedure(days=1), home_commune, desk_officer)
        dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)

        first, second = (
            inbox_deadlines_task.enqueue().return_value,
            inbox_deadlines_task.enqueue().return_value,
        )

    assert first >= 1 and second == 0
    mine = InboxItem.objects.filter(
        recipient=case_handler, kind=InboxKind.DEADLINE, object_id=str(dossier.pk)
    )
    assert mine.count() == 1


def test_returning_the_result_settles_the_desks_result_ready_items(home_commune, desk_officer, case_handler):
    """The trial's desk officer had hundreds of unread "result ready" items for dossiers long returned."""
    dossier = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossiers.dossier_complete(dossier=dossier, by=case_handler, result_note="Đã ký")
    ready = InboxItem.objects.filter(kind=InboxKind.RESULT_READY, object_id=str(dossier.pk))
    assert ready.filter(read_at__isnull=True).exists()
    other = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=other, by=desk_officer, to_user=case_handler)
    dossiers.dossier_complete(dossier=other, by=case_handler, result_note="Đã ký")
    before = inbox_unread_count(desk_officer)

    dossiers.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 1/2026")

    assert not ready.filter(read_at__isnull=True).exists()
    assert inbox_unread_count(desk_officer) == before - 1  # the other dossier's item still waits


def test_finishing_a_dossier_settles_its_deadline_reminders(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(), home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossier.refresh_from_db()
    inbox_deadlines_post(today=dossier.current_appointment)
    reminder = InboxItem.objects.get(
        recipient=case_handler, kind=InboxKind.DEADLINE, object_id=str(dossier.pk)
    )
    assert reminder.read_at is None

    dossiers.dossier_complete(dossier=dossier, by=case_handler, result_note="Đã ký")

    reminder.refresh_from_db()
    assert reminder.read_at is not None
