"""No personal data in anything the opinion module shows or sends: citizens' texts holding phone numbers (written
"0912 345 678", "+84 912345678", "0912.345.678"), 9- and 12-digit ID numbers, e-mails, and the name of a protected
denunciator (her denunciation recorded with a protected identity; her name then written by others in a petition and
in the reception book) go through the real doors (petitions' intake, the reception book), are processed into an
issue with an alert that officials act on, and every output is searched: the board and its tabs, the issue and
alert pages, the alerts list, the home, the inbox, the Excel exports (every cell), the leaders' digest (subject,
body, inbox line), `opinion issues` (JSON and table) and the audit trail."""

import datetime as dt
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gandan.core.vntext import fold
from gandan.notify.models import InboxItem, Notification
from gandan.opinion.models import Alert, Issue, Signal
from gandan.opinion.services import alerts as alert_services
from gandan.opinion.services.digest import digest_send
from gandan.opinion.services.processing import process_pending
from gandan.petitions.models import Petition
from gandan.petitions.services import petition_receive
from gandan.reception.services import reception_record_add
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

DENUNCIATOR = {
    "name": "Lương Thị Kín",
    "address": "Thôn Bến Đò, xã Sông Lô",
    "phone": "0966 123 789",
    "email": "kin.luong@gmail.com",
    "id_number": "025190012345",
}
# Digits of the numbers written in the texts, in whatever grouping they were written.
NUMBERS = {
    "phone 0912 345 678": "912345678",
    "the denunciator's phone": "966123789",
    "9-digit ID number": "125834967",
    "12-digit ID number": "025190012345",
    "12-digit ID number, written in groups": "001203004567",
}
EMAILS = ["kin.luong", "tranvanba84", "hoa.nguyen.bs"]
# The protected name, folded: whole, its ending, and the surname with the given name (how people shorten it).
NAMES = [r"\bluong thi kin\b", r"\bthi kin\b", r"\bluong kin\b"]


def leaks(text: str) -> list[str]:
    """The personal data found in `text` (an empty list when there is none)."""
    found = []
    for what, digits in NUMBERS.items():
        # Any grouping, and a phone's leading 0 or +84 (a number inside a longer one is not it).
        if re.search(r"(?<!\d)(?:0|\+?84[\s.\-]?)?" + r"[\s.\-–()]{0,3}".join(digits) + r"(?!\d)", text):
            found.append(what)
    lowered = text.lower()
    found += [f"e-mail {e}" for e in EMAILS if e in lowered]
    folded = fold(text)
    found += [f"protected name ({n})" for n in NAMES if re.search(n, folded)]
    return found


@pytest.fixture
def villages(home_commune):
    return {v.name: v for v in Unit.objects.filter(parent=home_commune, valid_to__isnull=True)}


def _reflection(commune, village, hours, subject, content, person):
    return petition_receive(
        unit=commune,
        channel="online",
        place=village,
        persons=[person],
        parts=[{"kind": "reflection", "subject": subject, "content": content}],
        at=timezone.now() - dt.timedelta(hours=hours),
    )[0]


def _her_denunciation(commune, villages, officer):
    """Her denunciation arrives at the desk with her identity protected."""
    return petition_receive(
        unit=commune,
        channel="direct",
        place=villages["Thôn Bến Đò"],
        persons=[DENUNCIATOR],
        parts=[{"kind": "denunciation", "subject": "Tố cáo chủ bãi rác", "content": "Chủ bãi rác đốt rác."}],
        by=officer,
    )


@pytest.fixture
def scene(home_commune, villages, desk_officer, commune_leader, settings):
    """The landfill of Gò Mả burning rubbish at night, told by six citizens of three villages with their phones,
    ID numbers and e-mails in the text, and by a denunciator whose identity is protected; processed into an issue
    whose alert the chairman acknowledges, assigns and links to a petition; the leaders' digest sent."""
    settings.LANGUAGE_CODE = "vi"
    now = timezone.now()
    denunciation = petition_receive(
        unit=home_commune,
        channel="direct",
        place=villages["Thôn Bến Đò"],
        persons=[DENUNCIATOR],
        parts=[
            {
                "kind": "denunciation",
                "subject": "Tố cáo chủ bãi rác Gò Mả đốt rác trái phép",
                "content": "Tôi là Lương Thị Kín, thôn Bến Đò, tố cáo chủ bãi rác Gò Mả đốt rác ban đêm, khói độc "
                "bay vào thôn. Liên hệ tôi: 0966 123 789, kin.luong@gmail.com, CCCD 025190012345.",
            }
        ],
        by=desk_officer,
        at=now - dt.timedelta(hours=30),
    )[0]
    linked = _reflection(
        home_commune,
        villages["Thôn Bãi Sậy"],
        26,
        "Bãi rác Gò Mả đốt rác ban đêm - liên hệ 0912 345 678",
        "Bãi rác Gò Mả đốt rác ban đêm, khói bụi ô nhiễm cả thôn Bãi Sậy. Ai cần thông tin gọi tôi 0912 345 678.",
        {"name": "Trần Văn Ba", "address": "Thôn Bãi Sậy, xã Sông Lô", "phone": "0912345678"},
    )
    _reflection(
        home_commune,
        villages["Thôn Đồng Cả"],
        20,
        "Khói bãi rác Gò Mả làm trẻ em ho",
        "Khói từ bãi rác Gò Mả đốt rác làm trẻ em thôn Đồng Cả ho, mùi hôi thối. Liên hệ +84 912345678 "
        "hoặc tranvanba84@yahoo.com.vn",
        {"name": "Trần Văn Ba", "address": "Thôn Đồng Cả, xã Sông Lô", "phone": "0912345678"},
    )
    _reflection(
        home_commune,
        villages["Thôn Bến Đò"],
        14,
        "Bãi rác Gò Mả đốt rác chưa được xử lý",
        "Bãi rác Gò Mả vẫn đốt rác gây ô nhiễm, chị Lương Thị Kín đã tố cáo mà chưa thấy xử lý. "
        "Số CMND của tôi 125834967, email hoa.nguyen.bs@gmail.com.",
        {"name": "Nguyễn Thị Hoa", "address": "Thôn Bến Đò, xã Sông Lô", "phone": "0987111222"},
    )
    for hours, name, statement in [
        (
            8,
            "Trần Văn Ba",
            "Ông Ba trình bày: khói bãi rác Gò Mả đốt rác ban đêm, đã gọi 0912.345.678 không ai nghe. "
            "Bà Lương Thị Kín cùng thôn cũng đã phản ánh.",
        ),
        (
            3,
            "Hà Văn Tám",
            "Ông Tám thôn Đồng Cả phản ánh bãi rác Gò Mả đốt rác, khói độc; CCCD 0012 0300 4567. "
            "Luong Thi Kin o thon Ben Do cung bi anh huong.",
        ),
    ]:
        reception_record_add(
            unit=home_commune,
            at=now - dt.timedelta(hours=hours),
            citizen_name=name,
            citizen_address="Xã Sông Lô",
            content=statement,
            kind="reflection",
            by=desk_officer,
        )
    assert process_pending() >= 6
    issue = Issue.objects.get(signals__source_kind="petition", signals__source_id=str(linked.pk))
    alert = Alert.objects.get(issue=issue)
    client = client_for(commune_leader)
    done = client.post(reverse("opinion:alert_acknowledge", args=[alert.pk]), {"note": "Đã nắm tình hình"})
    assert done.status_code == 302, done.content.decode()[-3000:]
    officer = next(u for u in alert_services.alert_officers(alert) if u.username == "danvan.songlo")
    due = (timezone.localdate() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    done = client.post(reverse("opinion:alert_assign", args=[alert.pk]), {"assignee": officer.pk, "due": due})
    assert done.status_code == 302, done.content.decode()[-3000:]
    for petition in (linked, denunciation):
        assert (
            client.post(reverse("opinion:alert_link", args=[alert.pk]), {"code": petition.code}).status_code
            == 302
        )
    # The leaders' digest goes to their inbox and, for those with an address, by e-mail.
    type(commune_leader).objects.filter(pk=commune_leader.pk).update(email="chutich.songlo@example.vn")
    digest_send()
    return {"issue": issue, "alert": alert, "client": client, "officer": officer, "linked": linked}


def _issues_of_our_signals() -> list[Issue]:
    return list(Issue.objects.filter(signals__isnull=False).distinct())


def test_the_search_finds_each_way_of_writing_them():
    for written in ["0912 345 678", "+84 912345678", "0912.345.678", "(+84) 912-345-678", "0966123789"]:
        assert leaks(f"gọi {written} nhé"), written
    assert leaks("CMND 125834967") and leaks("CCCD 0251 9001 2345") and leaks("số 001203004567")
    assert leaks("thư: Kin.Luong@gmail.com") and leaks("Luong Thi Kin thon Ben Do") and leaks("chị Lương Kín")
    assert leaks("Đường 3 mét, 150.000.000 đồng, ngày 12/03/2026, *** và ***") == []


def test_the_texts_really_held_personal_data_and_the_matter_is_on_the_board(scene):
    # What officers handle in the petitions keeps what the citizen wrote (they need to answer him) …
    assert "0912 345 678" in scene["linked"].content
    assert Petition.objects.filter(content__contains="Lương Thị Kín", protected=False).exists()
    # … so it is the opinion module that must keep it out: the matter itself is there, masked.
    issue = scene["issue"]
    assert issue.signal_count >= 5 and Alert.objects.get(pk=scene["alert"].pk).status == "assigned"
    page = scene["client"].get(reverse("opinion:issue", args=[issue.pk])).content.decode()
    assert page.count("Gò Mả") >= 6 and "***" in page


def test_no_page_of_the_board_shows_personal_data(scene):
    client, alert = scene["client"], scene["alert"]
    urls = [
        reverse("opinion:board"),
        reverse("opinion:board") + "?status=all",
        reverse("opinion:board") + "?q=go+ma",
        reverse("opinion:trends"),
        reverse("opinion:villages"),
        reverse("opinion:alerts"),
        reverse("opinion:alerts") + "?status=",
        reverse("opinion:alert", args=[alert.pk]),
        reverse("opinion:alert_link", args=[alert.pk]),
        *[reverse("opinion:issue", args=[i.pk]) for i in _issues_of_our_signals()],
    ]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := leaks(response.content.decode()):
            found[url] = problems
    # The home's sections of the opinion module (the petitions' own sections show their cases to their handlers).
    for who, user in (("the chairman", scene["client"]), ("the officer", client_for(scene["officer"]))):
        home = user.get(reverse("portal:staff_home")).content.decode()
        sections = re.findall(
            r'<section class="card home-section" id="opinion[^"]*".*?</section>', home, re.S
        )
        assert sections, who
        if problems := leaks("".join(sections)):
            found[f"{who}'s home"] = problems
    assert found == {}


def _cells(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    )


def test_no_excel_export_holds_personal_data(scene):
    client = scene["client"]
    exports = {"board": client.get(reverse("opinion:board_export") + "?status=all")}
    for issue in _issues_of_our_signals():
        exports[f"issue {issue.pk}"] = client.get(reverse("opinion:issue_export", args=[issue.pk]))
    texts = {
        name: _cells(b"".join(response.streaming_content) if response.streaming else response.content)
        for name, response in exports.items()
    }

    assert "Gò Mả" in texts[f"issue {scene['issue'].pk}"]  # the signals are there, masked
    assert {name: leaks(text) for name, text in texts.items() if leaks(text)} == {}


def test_the_leaders_digest_holds_no_personal_data(scene):
    messages = list(Notification.objects.filter(key__startswith="opinion:digest:"))
    items = list(
        InboxItem.objects.filter(object_type="opinion.alert")
        | InboxItem.objects.filter(key__startswith="opinion.digest:")
    )

    assert messages and items
    found = {f"message {m.pk}": leaks(f"{m.subject}\n{m.body}") for m in messages}
    found |= {f"inbox item {i.pk}": leaks(i.text) for i in items}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_command_line_prints_no_personal_data(scene):
    as_json, as_table = StringIO(), StringIO()
    call_command("opinion", "issues", "--json", stdout=as_json)
    call_command("opinion", "issues", stdout=as_table)

    listed = json.loads(as_json.getvalue())
    assert any(row["id"] == scene["issue"].pk and row["alert_level"] != "none" for row in listed)
    assert leaks(as_json.getvalue()) == []
    assert leaks(json.dumps(listed, ensure_ascii=False)) == []
    assert leaks(as_table.getvalue()) == []


def test_the_audit_trail_shows_no_personal_data(scene):
    client = scene["client"]
    today = timezone.localdate().strftime("%d/%m/%Y")
    since = (timezone.localdate() - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    pages: list[str] = []
    while True:
        response = client.get(reverse("audit:list"), {"since": since, "until": today, "page": len(pages) + 1})
        assert response.status_code == 200
        pages.append(response.content.decode())
        if f"page={len(pages) + 1}" not in pages[-1]:
            break

    everything = "\n".join(pages)
    assert (
        'data-action="opinion.alert_link"' in everything
        and 'data-action="opinion.alert_assign"' in everything
    )
    assert {n: leaks(html) for n, html in enumerate(pages, 1) if leaks(html)} == {}


def test_signals_stored_for_the_engine_are_masked_too(scene):
    texts = list(Signal.objects.values_list("text", flat=True))
    folded = list(Signal.objects.values_list("text_folded", flat=True))

    assert len(texts) >= 6
    assert [t for t in texts + folded if leaks(t)] == []


def test_a_name_written_before_its_denunciation_was_protected_is_masked_afterwards(
    home_commune, villages, desk_officer, settings, django_capture_on_commit_callbacks
):
    """A neighbour names her in a reflection on Monday; on Tuesday her denunciation arrives with a protected
    identity: the worker masks her name in Monday's signal and in its issue's title. The queued task carries the
    commune, never her name."""
    from django_tasks_db.models import DBTaskResult

    from gandan.opinion.tasks import opinion_remask_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    _reflection(
        home_commune,
        villages["Thôn Bãi Sậy"],
        30,
        "Lương Thị Kín bị đe dọa",
        "Chị Lương Thị Kín ở thôn Bến Đò bị chủ bãi rác Gò Mả đe dọa vì phản ánh đốt rác.",
        {"name": "Trần Văn Ba", "address": "Thôn Bãi Sậy, xã Sông Lô", "phone": "0912345678"},
    )
    process_pending()
    monday = Signal.objects.get(source_kind="petition", text__contains="đe dọa")
    assert "Kín" in monday.text and monday.issue.memory["about"] == ["kin"]
    queued = DBTaskResult.objects.filter(task_path=opinion_remask_task.module_path)
    queued.delete()
    with django_capture_on_commit_callbacks(execute=True):
        _her_denunciation(home_commune, villages, desk_officer)
    queued_args = queued.get().args_kwargs
    assert queued.count() == 1 and "Kín" not in json.dumps(queued_args, ensure_ascii=False)
    opinion_remask_task.call(*queued_args["args"], **queued_args["kwargs"])  # as the worker runs it

    monday.refresh_from_db()
    assert "Kín" not in monday.text and "bãi rác Gò Mả" in monday.text
    assert "Kín" not in monday.issue.title and "kin" not in monday.issue.memory["about"]


def test_the_writers_own_names_are_masked_in_their_signals(home_commune, villages, desk_officer):
    """The board is about matters, not persons: a petitioner's name written in his letter ("đại diện: Nguyễn Minh
    Thơm", found by a review on the board) and a citizen's name in the reception book's statement are masked,
    though neither is a protected denunciator."""
    _reflection(
        home_commune,
        villages["Thôn Bến Đò"],
        5,
        "Khu mộ mới",
        "Chúng tôi là các hộ dân thôn Bến Đò, đại diện: Nguyễn Minh Thơm. Đề nghị làm rõ vị trí khu mộ mới.",
        {"name": "Nguyễn Minh Thơm", "address": "Thôn Bến Đò, xã Sông Lô", "phone": "0987000111"},
    )
    reception_record_add(
        unit=home_commune,
        at=timezone.now() - dt.timedelta(hours=2),
        citizen_name="Phạm Văn Đức",
        citizen_address="Thôn Bến Đò, xã Sông Lô",
        content="Ông Phạm Văn Đức trình bày: vị trí khu mộ mới chưa công khai.",
        kind="reflection",
        by=desk_officer,
    )
    texts = " ".join(Signal.objects.values_list("text", flat=True))
    assert "khu mộ mới" in texts
    assert "Thơm" not in texts and "Phạm Văn Đức" not in texts


def test_a_company_named_after_her_is_forgotten_by_the_engine_once_she_is_protected(
    home_commune, villages, desk_officer, settings, django_capture_on_commit_callbacks
):
    """Two neighbours write of "Công ty TNHH Lương Kín" dumping rubbish before her denunciation arrives: the engine
    remembers the issue is about that named thing (to keep it whole across villages). Once her identity is
    protected, the worker masks the name in the letters and the engine's memory forgets that thing as well — the
    same as the names of whom an issue is about."""
    from gandan.opinion.services.recording import signals_remask

    for hours, village in ((40, "Thôn Bãi Sậy"), (30, "Thôn Bến Đò")):
        _reflection(
            home_commune,
            villages[village],
            hours,
            "Đổ trộm rác thải",
            "Công ty TNHH Lương Kín chở rác thải đổ trộm xuống bãi Gò Mả ban đêm, mùi hôi thối khắp xóm.",
            {"name": "Trần Văn Ba", "address": f"{village}, xã Sông Lô", "phone": "0912345678"},
        )
    process_pending()
    issue = Issue.objects.filter(signals__text__contains="Lương Kín", status="open").distinct().get()
    assert issue.memory["things"] == {"luong kin": 2}
    with django_capture_on_commit_callbacks(execute=False):
        _her_denunciation(home_commune, villages, desk_officer)

    assert signals_remask(home_commune.path) == 2

    issue.refresh_from_db()
    assert "luong kin" not in json.dumps(issue.memory) and "Kín" not in issue.title
    assert [s for s in Signal.objects.filter(issue=issue).values_list("text", flat=True) if "Kín" in s] == []


@pytest.mark.parametrize(
    ("thing", "name", "forgotten"),
    [
        ("luong kin", "Lương Thị Kín", True),  # "Công ty TNHH Lương Kín"
        ("cong ty minh khai", "Nguyễn Thị Minh Khai", True),  # her given names, without her family name
        ("ho hoa binh", "Hồ Thị Bình", False),  # the lake "hồ Hòa Bình", not Hồ Thị Bình
        ("nui danh", "Lương Thị Kín", False),
    ],
)
def test_the_things_forgotten_are_those_her_name_is_masked_in(thing, name, forgotten):
    from gandan.opinion.services.recording import things_without

    assert (thing not in things_without({thing: 3, "mo da tan lap": 2}, [name])) is forgotten
    assert things_without({thing: 3, "mo da tan lap": 2}, [name])["mo da tan lap"] == 2
