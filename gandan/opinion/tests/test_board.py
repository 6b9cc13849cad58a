"""The board of public opinion: scoped to the viewer's units, rising issues first, its filters, the communes side by
side for the province, the trends by topic, the villages, and its Excel export."""

import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gandan.opinion.curation import bar_widths, trend
from gandan.opinion.models import Topic
from gandan.opinion.tests.factories import make_issue, villages_of
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communes(home_commune, other_commune):
    song_lo, tam_son = villages_of(home_commune), villages_of(other_commune)
    env = Topic.objects.get(code="environment")
    roads = Topic.objects.get(code="roads")
    dust = make_issue(
        home_commune,
        "Bụi từ trạm trộn bê tông",
        [
            (song_lo[0], 1, "Bụi bê tông phủ kín nhà, gọi 0912345678"),
            (song_lo[1], 2, "Bụi trạm trộn"),
            (song_lo[1], 3, "Xe bê tông gây bụi"),
        ],
        topic=env,
    )
    road = make_issue(
        home_commune, "Đường liên thôn xuống cấp", [(song_lo[0], 10, "Đường ổ gà")], topic=roads
    )
    alerted = make_issue(
        home_commune, "Sạt lở bờ sông", [(song_lo[2], 12, "Sạt lở bờ sông")], alert_level=2, topic=roads
    )
    tam = make_issue(
        other_commune, "Nước thải trại lợn", [(tam_son[0], 1, "Nước thải trại lợn hôi")], topic=env
    )
    return {"dust": dust, "road": road, "alerted": alerted, "tam": tam, "song_lo": song_lo}


def _titles(response) -> list[str]:
    return [i.title for i in response.context["page_obj"].object_list]


def test_the_commune_sees_its_own_issues_rising_first(two_communes, commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:board"))
    assert response.status_code == 200
    # The alerted issue first, then the one with more signals this week than the week before, then the quiet one.
    assert _titles(response) == ["Sạt lở bờ sông", "Bụi từ trạm trộn bê tông", "Đường liên thôn xuống cấp"]
    body = response.content.decode()
    assert "Nước thải trại lợn" not in body
    assert "0912345678" not in body
    dust = response.context["page_obj"].object_list[1]
    assert (dust.recent, dust.previous, dust.trend) == (3, 0, "up")
    assert [name for name, _n in dust.villages] == [
        two_communes["song_lo"][1].name,
        two_communes["song_lo"][0].name,
    ]


def test_the_other_commune_gets_404_on_an_issue_and_the_province_sees_both(
    two_communes, other_commune_leader, province_supervisor
):
    url = reverse("opinion:issue", args=[two_communes["dust"].pk])
    assert client_for(other_commune_leader).get(url).status_code == 404
    assert client_for(province_supervisor).get(url).status_code == 200
    response = client_for(province_supervisor).get(reverse("opinion:board"))
    assert {"Nước thải trại lợn", "Bụi từ trạm trộn bê tông"} <= set(_titles(response))
    side = {row["unit"].name: row for row in response.context["communes"]}
    assert len(side) == 2 and response.context["communes_quiet"] > 10
    assert side["Xã Sông Lô"]["open"] == 3 and side["Xã Sông Lô"]["alerted"] == 1
    assert side["Xã Sông Lô"]["signals"] == 5 and side["Xã Tam Sơn"]["signals"] == 1


def test_the_commune_officer_has_no_side_by_side_table(two_communes, commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:board"))
    assert "communes" not in response.context


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "bui be tong"}, ["Bụi từ trạm trộn bê tông"]),
        ({"alert": "on"}, ["Sạt lở bờ sông"]),
        ({"period": "7"}, ["Bụi từ trạm trộn bê tông"]),
        ({"topic": "roads"}, ["Sạt lở bờ sông", "Đường liên thôn xuống cấp"]),
        ({"status": "dismissed"}, []),
    ],
)
def test_the_filters(two_communes, commune_leader, params, expected):
    if "topic" in params:
        params = {"topic": Topic.objects.get(code=params["topic"]).pk}
    response = client_for(commune_leader).get(reverse("opinion:board"), params)
    assert _titles(response) == expected


def test_the_village_filter(two_communes, commune_leader):
    village = two_communes["song_lo"][2]
    response = client_for(commune_leader).get(reverse("opinion:board"), {"village": village.pk})
    assert _titles(response) == ["Sạt lở bờ sông"]


def test_the_province_filters_one_commune(two_communes, province_supervisor, other_commune):
    response = client_for(province_supervisor).get(reverse("opinion:board"), {"unit": other_commune.pk})
    assert _titles(response) == ["Nước thải trại lợn"]


def test_the_empty_board_says_where_issues_come_from(commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:board"))
    assert "No open issue yet" in response.content.decode() or "Chưa có vấn đề" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 0


def test_trends_count_signals_per_topic_per_week(two_communes, commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:trends"))
    assert response.status_code == 200
    rows = {r["topic"].code: r for r in response.context["rows"]}
    assert rows["environment"]["total"] == 3  # Tam Sơn's signal is not counted
    assert rows["roads"]["total"] == 2
    assert len(response.context["weeks"]) == 12
    assert "<polyline" in response.content.decode()


def test_villages_list_their_open_issues(two_communes, commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:villages"))
    assert response.status_code == 200
    rows = list(response.context["page_obj"].object_list)
    song_lo = two_communes["song_lo"]
    assert rows[:3] == [song_lo[0], song_lo[1], song_lo[2]]  # 2, 2 and 1 signals in the last 30 days
    assert [i.title for i in rows[1].issues] == ["Bụi từ trạm trộn bê tông"]
    assert {i.title for i in rows[0].issues} == {"Bụi từ trạm trộn bê tông", "Đường liên thôn xuống cấp"}
    assert [v.recent for v in rows[3:]] == [0] * len(rows[3:])
    assert all(v.parent_id == two_communes["dust"].unit_id for v in rows)


def test_a_village_lists_the_open_issues_of_the_last_30_days_only(two_communes, commune_leader, home_commune):
    """An issue quiet for months stays open, but is no longer news of its village (and a commune's years of open
    issues are not all read to draw the page)."""
    village = two_communes["song_lo"][0]
    make_issue(home_commune, "Cống cũ bị tắc", [(village, 45, "Cống cũ đầu thôn bị tắc")])
    response = client_for(commune_leader).get(reverse("opinion:villages"))
    row = next(v for v in response.context["page_obj"].object_list if v.pk == village.pk)
    assert "Cống cũ bị tắc" not in {i.title for i in row.issues}
    assert {i.title for i in row.issues} == {"Bụi từ trạm trộn bê tông", "Đường liên thôn xuống cấp"}


def test_the_export_holds_the_filtered_list_without_signal_texts(two_communes, commune_leader):
    response = client_for(commune_leader).get(
        reverse("opinion:board_export"), {"topic": Topic.objects.get(code="roads").pk}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c for c in r] for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert [r[1] for r in rows] == ["Sạt lở bờ sông", "Đường liên thôn xuống cấp"]
    assert rows[0][3] == "Xã Sông Lô" and rows[0][9] == "Cảnh báo"
    text = " ".join(str(c) for r in sheet.iter_rows(values_only=True) for c in r if c)
    assert "ổ gà" not in text and "Nước thải" not in text


@given(st.lists(st.integers(0, 500), max_size=20))
def test_bars_keep_proportions(values):
    widths = bar_widths(values, 40)
    assert len(widths) == len(values)
    assert all((w == 0) == (v == 0) for v, w in zip(values, widths, strict=True))
    if any(values):
        assert widths[values.index(max(values))] == 40
        assert all(0 < w <= 40 for w in widths if w)


@given(st.integers(0, 50), st.integers(0, 50))
def test_the_trend_arrow(recent, previous):
    assert trend(recent, previous) == ("up" if recent > previous else "down" if recent < previous else "flat")


def test_signals_recorded_and_processed_reach_the_board(home_commune, commune_leader):
    from gandan.opinion.services.processing import process_pending
    from gandan.opinion.services.recording import signal_record

    village = villages_of(home_commune)[0]
    signal_record(
        text="Nhà máy xả nước thải ra mương, liên hệ 0987654321",
        unit=village,
        source_kind="test.board",
        source_id=1,
    )
    process_pending()
    response = client_for(commune_leader).get(reverse("opinion:board"))
    issues = list(response.context["page_obj"].object_list)
    assert len(issues) == 1 and issues[0].recent == 1
    assert [name for name, _n in issues[0].villages] == [village.name]
    assert "0987654321" not in response.content.decode()


def test_every_page_of_the_board_keeps_the_rising_order(home_commune, commune_leader, monkeypatch):
    """The board reads alerted and recent issues apart from the quiet ones (no signal in two weeks): every slice a
    paginator can ask for holds the issues of the one order — alerted, rising, level, quiet by latest signal,
    falling — each once."""
    from gandan.opinion import board_queries as q

    place = villages_of(home_commune)[0]
    made = [
        make_issue(home_commune, "Cảnh báo cũ", [(place, 40, "Sạt lở")], alert_level=1),
        make_issue(home_commune, "Đang tăng", [(place, 1, "Bụi"), (place, 2, "Bụi")]),
        make_issue(home_commune, "Giảm dần", [(place, 9, "Ồn"), (place, 10, "Ồn"), (place, 3, "Ồn")]),
        make_issue(home_commune, "Ngang bằng", [(place, 2, "Nước"), (place, 8, "Nước")]),
        *(make_issue(home_commune, f"Im lặng {d}", [(place, d, "Đèn")]) for d in (20, 60, 15, 300)),
        make_issue(home_commune, "Giảm hẳn", [(place, 12, "Rác")]),
    ]
    rows = q.board_rows(commune_leader, {})
    reference = [
        issue.title
        for issue in q.with_recent(q.issues_for_user(commune_leader).filter(status="open")).order_by(
            *q.RISING_ORDER
        )
    ]
    assert reference == [
        "Cảnh báo cũ",
        "Đang tăng",
        "Ngang bằng",
        "Im lặng 15",
        "Im lặng 20",
        "Im lặng 60",
        "Im lặng 300",
        "Giảm dần",
        "Giảm hẳn",
    ]
    assert len(rows) == rows.count() == len(made)
    assert [i.title for i in rows] == reference
    for start in range(len(made) + 1):
        for stop in range(start, len(made) + 2):
            assert [i.title for i in rows[start:stop]] == reference[start:stop], (start, stop)
    quiet = rows[4]
    assert (quiet.title, quiet.recent, quiet.previous, quiet.rise) == ("Im lặng 20", 0, 0, 0)
    page = client_for(commune_leader).get(reverse("opinion:board"))
    assert _titles(page) == reference
    monkeypatch.setattr(
        q, "_IN_BATCH", 2
    )  # the weeks counted a few issues at a time, as a busy province's are
    assert [(i.title, i.recent, i.previous) for i in q.board_rows(commune_leader, {})] == [
        (i.title, i.recent, i.previous) for i in rows
    ]
