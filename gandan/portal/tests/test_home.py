"""The staff home ("Việc của tôi"): each role sees the sections of its work, each once, inside its own units, with
counts, up to five records and a link to the whole list, in a bounded number of queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gandan.accounts.rules import Role
from gandan.dossiers import services as dossiers
from gandan.dossiers.selectors import indicators_for_user
from gandan.dossiers.tests.factories import make_commune, make_procedure, make_staff, received, submit
from gandan.petitions import services as petitions
from gandan.petitions.models import Petition
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.tests_support import client_for
from gandan.units.models import GRASSROOTS_KINDS, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    settings.WHITENOISE_AUTOREFRESH = True


def home(user) -> str:
    response = client_for(user).get("/staff/")
    assert response.status_code == 200
    return response.content.decode()


def sections(html: str) -> dict[str, str]:
    """{section id: its HTML} of the home's sections, in page order."""
    found = re.findall(r'<section class="card home-section" id="([^"]+)"(.*?)</section>', html, re.S)
    return dict(found)


def counts(section: str) -> dict[str, str]:
    """{label: value} of a section's counts."""
    return {
        label.strip(): value
        for value, label in re.findall(r"<b[^>]*>([^<]*)</b> <span>([^<]*)</span>", section)
    }


def codes(section: str) -> list[str]:
    return re.findall(r'<a class="code" href="[^"]+">([^<]+)</a>', section)


def receive(unit, by, subject="Kiến nghị sửa đường liên thôn", **extra):
    return petitions.petition_receive(
        unit=unit,
        channel="direct",
        parts=[{"kind": "recommendation", "subject": subject, "content": "Đường hỏng nhiều đoạn."}],
        persons=[{"name": "Nguyễn Văn An", "address": "Thôn Đồng Thịnh", "phone": "0912345678"}],
        by=by,
        **extra,
    )[0]


def test_each_role_sees_the_sections_of_its_work(
    desk_officer, case_handler, commune_leader, party_secretary, inspector, province_supervisor
):
    shown = {
        "desk": list(sections(home(desk_officer))),
        "handler": list(sections(home(case_handler))),
        "chairman": list(sections(home(commune_leader))),
        "secretary": list(sections(home(party_secretary))),
        "inspector": list(sections(home(inspector))),
        "province": list(sections(home(province_supervisor))),
    }

    assert shown == {
        "desk": [
            "dossiers-new",
            "dossiers-ready",
            "dossiers-due_soon",
            "petitions-new",
            "democracy-votes",
            "fieldreports-new",
        ],
        "handler": [
            "dossiers-mine",
            "petitions-mine",
            "dialogues-mine",  # the demo assigned him questions
            "fieldreports-mine",
        ],
        "chairman": [
            "dossiers-indicators",
            "dossiers-overdue",
            "petitions-waiting",
            "petitions-overdue",
            "reception-week",
            "opinion-rising",
            "mobilization-work",
            "dialogues-commitments",
            "democracy-votes",
            "democracy-supervision",
            "news-comments_pending",
            "fieldreports-new",
            "fieldreports-overdue",
        ],
        "secretary": [
            "dossiers-indicators",
            "dossiers-overdue",
            "petitions-overdue",
            "reception-week",
            "opinion-rising",
            "mobilization-work",
            "dialogues-commitments",
            "democracy-supervision",
            "news-comments_pending",
        ],
        "inspector": ["petitions-deadlines", "opinion-rising"],
        "province": [
            "opinion-rising",
            "mobilization-work",
            "dialogues-commitments",
            "democracy-supervision",
            "portal-communes",
        ],
    }


def test_an_officer_with_several_roles_sees_each_section_once(home_commune):
    both = make_staff(
        home_commune, "kiemnhiem.songlo", Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.DESK_OFFICER
    )

    ids = re.findall(r'<section class="card home-section" id="([^"]+)"', home(both))

    assert len(ids) == len(set(ids))
    assert {"dossiers-new", "dossiers-indicators", "petitions-overdue", "petitions-waiting"} <= set(ids)


def test_the_desk_sees_a_new_online_dossier_and_a_result_to_return(home_commune, desk_officer, case_handler):
    procedure = make_procedure()
    online = submit(procedure, home_commune, channel=2)
    ready = received(procedure, home_commune, desk_officer)
    dossiers.dossier_transfer(dossier=ready, by=desk_officer, to_user=case_handler)
    dossiers.dossier_complete(dossier=ready, by=case_handler)

    found = sections(home(desk_officer))

    assert online.code in found["dossiers-new"]
    assert ready.code in found["dossiers-ready"]
    assert 'href="/staff/dossiers/?worklist=ready"' in found["dossiers-ready"]


def test_the_handler_finds_the_dossier_handed_to_him(home_commune, desk_officer, case_handler):
    dossier = received(make_procedure(days=1), home_commune, desk_officer)
    before = counts(sections(home(case_handler))["dossiers-mine"])["Đang trong tay tôi"]

    dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)

    mine = sections(home(case_handler))["dossiers-mine"]
    assert int(counts(mine)["Đang trong tay tôi"]) == int(before) + 1
    assert dossier.code in mine or len(codes(mine)) == 5  # five nearer deadlines may come first


def test_the_chairman_sees_the_months_indicators_and_what_waits_for_him(
    home_commune, desk_officer, commune_leader
):
    petition = receive(home_commune, desk_officer)
    today = timezone.localdate()
    ReceptionDay.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        leader=commune_leader,
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        day=today,
        place="Trụ sở UBND xã",
    )

    found = sections(home(commune_leader))

    ind = indicators_for_user(commune_leader, start=today.replace(day=1), end=today)
    assert counts(found["dossiers-indicators"])["Hồ sơ tiếp nhận"] == str(ind.received)
    assert f'href="/staff/dossiers/indicators/?month={today:%Y-%m}"' in found["dossiers-indicators"]
    waiting = counts(found["petitions-waiting"])
    unassigned = Petition.objects.filter(
        unit=home_commune, status__in=["received", "accepted"], assignee__isnull=True
    ).count()
    assert waiting["Chưa giao người xử lý"] == str(unassigned)
    assert petition.code in found["petitions-waiting"] or len(codes(found["petitions-waiting"])) == 5
    assert f"{today:%d/%m/%Y}" in found["reception-week"] and "Trụ sở UBND xã" in found["reception-week"]


def test_the_inspector_sees_petitions_past_their_deadline(home_commune, desk_officer, inspector):
    late = receive(home_commune, desk_officer, subject="Phản ánh đổ rác ra kênh mương")
    # Older than any deadline of the demo's year.
    Petition.objects.filter(pk=late.pk).update(statutory_due=timezone.localdate() - dt.timedelta(days=800))

    section = sections(home(inspector))["petitions-deadlines"]

    assert codes(section)[0] == late.code  # the oldest deadline first
    assert "quá hạn từ" in section


def test_the_mobilisation_officer_sees_petitions_by_village(home_commune, desk_officer):
    village = Unit.objects.filter(path__startswith=f"{home_commune.path}.", kind__in=GRASSROOTS_KINDS).first()
    mobilizer = make_staff(home_commune, "danvan2.songlo", Role.MOBILIZATION_OFFICER)
    before = _village_count(sections(home(mobilizer))["petitions-villages"], village)
    receive(home_commune, desk_officer, place=village)
    receive(home_commune, desk_officer, subject="Kiến nghị nạo vét mương", place=village)

    section = sections(home(mobilizer))["petitions-villages"]

    assert _village_count(section, village) == before + 2


def _village_count(section: str, village) -> int:
    """The number of petitions the mobilisation officer's table gives `village` (0 when it has no row)."""
    row = re.search(rf"<th scope=\"row\">{re.escape(village.name)}</th>(.*?)</tr>", section, re.S)
    return int(re.findall(r'<td class="num">(\d+)</td>', row.group(1))[0]) if row else 0


def test_the_province_compares_its_communes_with_links_to_the_lists(home_commune, province_supervisor):
    section = sections(home(province_supervisor))["portal-communes"]

    open_now = Petition.objects.filter(
        unit_path=home_commune.path, status__in=["received", "accepted", "suspended", "lead"]
    )
    row = re.search(r'<th scope="row">Xã Sông Lô</th>(.*?)</tr>', section, re.S)
    assert row is not None
    link = f'href="/staff/petitions/?worklist=unit&amp;unit={home_commune.pk}">{open_now.count()}</a>'
    assert link in row.group(1)
    assert "Xã Tam Sơn" in section


def test_a_commune_sees_none_of_anothers_records(
    home_commune, other_commune, desk_officer, other_commune_leader
):
    online = submit(make_procedure(), home_commune, channel=2)
    petition = receive(home_commune, desk_officer)
    tamson_desk = make_staff(other_commune, "motcua2.tamson", Role.DESK_OFFICER)

    assert online.code not in home(tamson_desk)
    assert petition.code not in home(other_commune_leader)


def test_an_empty_commune_says_so_in_plain_words(db):
    commune = make_commune()
    desk = make_staff(commune, "motcua.thunghiem", Role.DESK_OFFICER)
    handler = make_staff(commune, "xuly.thunghiem", Role.CASE_HANDLER)
    chairman = make_staff(commune, "chutich.thunghiem", Role.UNIT_LEADER)

    desk_home, handler_home, chairman_home = home(desk), home(handler), home(chairman)

    assert "Không có hồ sơ trực tuyến nào đang chờ kiểm tra." in desk_home
    assert "Mọi kết quả đã giải quyết xong đều đã trả cho công dân." in desk_home
    assert "Bạn không có hồ sơ nào đang xử lý." in handler_home
    assert "Bạn không có đơn nào đang xử lý." in handler_home
    assert "Tháng này chưa có hồ sơ nào được tiếp nhận hoặc giải quyết." in chairman_home
    assert "Tuần này chưa có lịch tiếp công dân." in chairman_home


def _queries(user) -> int:
    client = client_for(user)
    client.get("/staff/")  # warm the per-process caches (calendar, module declarations)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/staff/").status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("username", "most"),
    [
        # Measured 26, 20, 61, 23, 42, 45 with every module's section: the session, the user, the unit scope (asked
        # once per request: accounts.scope.user_paths), one count per section and one query per list of five; the
        # indicators are the chairman's; public opinion's "issues rising" for those who follow it; mass
        # mobilisation's work; dialogues' commitments; household votes' decisions to send and answer; the
        # supervision boards' recommendations; readers' opinions waiting for moderation (one count, and the five
        # oldest only when some wait).
        ("motcua.songlo", 30),
        ("xuly.songlo", 22),
        ("chutich.songlo", 66),
        ("thanhtra.songlo", 27),
        ("danvan.songlo", 46),
        ("giamsat.phutho", 50),
    ],
)
def test_the_home_costs_a_bounded_number_of_queries(username, most, django_assert_max_num_queries):
    from gandan.accounts.models import User

    user = User.objects.select_related("unit").get(username=username)
    client = client_for(user)
    client.get("/staff/")
    with django_assert_max_num_queries(most):
        client.get("/staff/")


def test_more_records_cost_no_more_queries(home_commune, desk_officer, case_handler):
    procedure = make_procedure()

    def one_of_each():
        submit(procedure, home_commune, channel=2)
        dossier = received(procedure, home_commune, desk_officer)
        dossiers.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        receive(home_commune, desk_officer)

    # A section with nothing in it skips its list of five: counted from a home where every section has records (the
    # demo's own may all be handled, depending on the hour the suite runs), five more of each cost nothing more.
    one_of_each()
    before = (_queries(desk_officer), _queries(case_handler))
    for _ in range(5):
        one_of_each()

    assert (_queries(desk_officer), _queries(case_handler)) == before
