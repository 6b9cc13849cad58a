"""`gandan opinion ingest FILE.jsonl` and `gandan opinion issues --json`: the contract an outside evaluation uses."""

import datetime as dt
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gandan.core.vnnlp import looks_vietnamese
from gandan.opinion.models import Issue, Signal
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TEXT = "Đường liên thôn bị sạt lở sau mưa lớn, xe máy không đi được"


def line(
    ident,
    *,
    text=TEXT,
    place="Thôn Hoành Sơn, xã Yên Lãng",
    at="2026-03-02T08:00:00+07:00",
    source="hotline",
    **more,
):
    return json.dumps(
        {"id": ident, "text": text, "place": place, "at": at, "source": source, **more}, ensure_ascii=False
    )


def write(tmp_path, *lines, name="signals.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest(path):
    out, err = StringIO(), StringIO()
    call_command("opinion", "ingest", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ingest_fails(path):
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("opinion", "ingest", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue() + "\n" + str(raised.value)


def issues_json(*args):
    out = StringIO()
    call_command("opinion", "issues", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def ingested():
    return Signal.objects.filter(source_kind="ingest")


def village(name):
    return Unit.objects.current().get(name=name)


def test_a_good_file_is_imported_processed_and_listed_with_its_ids(tmp_path):
    path = write(
        tmp_path,
        line("a-1"),
        line(2, at="2026-03-02T09:30:00+07:00", people=12),
        line(
            "a-3", place="08773", source="petition", text="Khói bụi từ trạm trộn bê tông làm ô nhiễm cả xóm"
        ),
    )

    out, _err = ingest(path)

    assert ingested().count() == 3
    assert not ingested().filter(processed=False).exists()
    signal = ingested().get(source_id="2")
    assert (signal.unit.name, signal.people, signal.channel) == ("Thôn Hoành Sơn", 12, "hotline")
    assert signal.commune_path == Unit.objects.current().get(code="08773").path
    assert "Đã đọc 3 dòng: nhập mới 3, đã nhập từ trước 0" in out
    listed = issues_json()
    ids = sorted(s for issue in listed for s in issue["signals"])
    assert ids == ["2", "a-1", "a-3"]


def test_the_json_has_every_field_of_the_contract_with_its_type(tmp_path):
    ingest(write(tmp_path, line("f-1"), line("f-2", place="Yên Lãng")))

    listed = issues_json()

    assert listed
    for issue in listed:
        assert {"id", "title", "topic", "signals", "places", "first_seen", "last_seen", "alert_level",
                "alert_raised_at", "status", "signal_count", "people", "commune"} <= set(issue)  # fmt: skip
        assert isinstance(issue["id"], int) and isinstance(issue["title"], str)
        assert issue["topic"] is None or isinstance(issue["topic"], str)
        assert all(isinstance(s, str) for s in issue["signals"])
        assert issue["alert_level"] in {"none", "watch", "warning", "urgent"}
        assert issue["alert_raised_at"] is None or dt.datetime.fromisoformat(issue["alert_raised_at"]).tzinfo
        assert issue["first_seen"].endswith("+07:00") and issue["last_seen"].endswith("+07:00")
        assert issue["status"] != "merged"
    places = {place for issue in listed for place in issue["places"]}
    assert "Thôn Hoành Sơn, xã Yên Lãng" in places
    assert "Xã Yên Lãng" in places


def test_alert_levels_and_raised_time_are_printed_as_the_contract_names_them(tmp_path):
    ingest(write(tmp_path, line("al-1")))
    issue = Issue.objects.get(signals__source_id="al-1")
    raised = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    Issue.objects.filter(pk=issue.pk).update(alert_level=2, alert_raised_at=raised)

    (listed,) = [i for i in issues_json() if i["id"] == issue.pk]

    assert listed["alert_level"] == "warning"
    assert listed["alert_raised_at"] == "2026-03-02T08:00:00+07:00"


@pytest.mark.parametrize(
    "place",
    [
        "Thôn Hoành Sơn, xã Yên Lãng",
        "thon hoanh son, xa yen lang",
        "Hoành Sơn,  Yên Lãng",
        "HOANH SON, YEN LANG, tinh Phu Tho",
        "Thôn Hoành Sơn, Xã Yên Lãng, Tỉnh Phú Thọ",
        "  THÔN   hoành sơn ,XÃ yên lãng ",
        "Hoanh Son, Yen Lang, Phu Tho",
        "Thôn Hoành Sơn",  # a village: never Phường Hoành Sơn of Hà Tĩnh
        "thon hoanh son",
        "Thôn Hoành Sơn, xã Lãng Công, huyện Sông Lô, tỉnh Vĩnh Phúc",  # the address before 1/7/2025
        "thon hoanh son, xa lang cong, tinh vinh phuc",
    ],
)
def test_a_place_is_found_by_names_with_or_without_diacritics_and_kind_words(tmp_path, place):
    ingest(write(tmp_path, line("p-1", place=place)))

    assert ingested().get().unit == village("Thôn Hoành Sơn")


def test_a_commune_merged_on_1_7_2025_is_read_as_the_commune_that_took_it_over(tmp_path):
    ingest(write(tmp_path, line("m-1", place="xã Đức Bác"), line("m-2", place="Xã Đức Bác, tỉnh Vĩnh Phúc")))

    assert {signal.unit.name for signal in ingested()} == {"Xã Sông Lô"}


def test_a_place_is_found_by_its_unit_code(tmp_path):
    ingest(write(tmp_path, line("c-1", place="08773")))

    assert ingested().get().unit.code == "08773"


def test_an_unknown_village_falls_back_to_its_commune_and_is_reported(tmp_path):
    out, _err = ingest(write(tmp_path, line("v-1"), line("v-2", place="Thôn Không Có, xã Yên Lãng")))

    signal = ingested().get(source_id="v-2")
    assert signal.unit.code == "08773"
    assert "Dòng 2: không tìm thấy thôn “Thôn Không Có”" in out
    assert "1 dòng ghi vào xã" in out


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("{not json", "JSON"),
        ("[1, 2]", "JSON"),
        (line("b", text=""), "text"),
        (line("b", text="   \n  "), "text"),
        (line("b", place="Xã Không Tồn Tại"), "Không Tồn Tại"),
        (line("b", place="Thôn Hoành Sơn, xã Yên Lãng, tỉnh Không Có"), "tỉnh Không Có"),
        (line("b", place="Thôn Hoành Sơn, xã Không Tồn Tại"), "Không Tồn Tại"),
        (line("b", at="2026-03-02T08:00:00"), "+07:00"),
        (line("b", at="hôm qua"), "ISO 8601"),
        (line("b", source=""), "source"),
        (
            line(
                "",
            ),
            "id",
        ),
        (line(True), "id"),
        (line("x" * 65), "id"),
        (line("b", people=0), "people"),
        (line("b", place=8773), "place"),
        (line("b", text=["Đường hỏng"]), "text"),
        (line("b", text="😀😀😀 !!! ???"), "tiếng Việt"),
        (json.dumps({"id": "b", "text": TEXT, "at": "2026-03-02T08:00:00+07:00", "source": "x"}), "place"),
        (line("b", at="0001-01-01T00:00:00+07:00"), "2000"),  # year 1 cannot even be stored
        (line("b", at="1900-01-01T00:00:00+07:00"), "2000"),
        # more than the database's integer: cut, never misquoted
        (line("b", people=10**20), "1000000000000000000…"),
        (line("b", people=1_000_000), "people"),
        (line("b").replace("sạt lở", "sạt \\ud800 lở"), "UTF-16"),  # half of a surrogate pair, escaped
        (line("b").replace("hotline", "hot\\udfffline"), "UTF-16"),
        ("[" * 100_000 + "]" * 100_000, "JSON"),  # nested deeper than the reader goes
        (line("b", place="25"), "không phải xã"),  # the province's code
        (line("b", place="tỉnh Phú Thọ"), "không phải xã"),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_nothing_is_saved(tmp_path, bad, words):
    path = write(tmp_path, line("ok-1"), bad, line("ok-3"))

    message = ingest_fails(path)

    assert "Dòng 2:" in message and "Dòng 1:" not in message and "Dòng 3:" not in message
    assert words.casefold() in message.casefold()
    assert not ingested().exists()


def test_every_error_of_the_file_is_reported_and_nothing_saved(tmp_path):
    path = write(tmp_path, line("e-1"), "{oops", line("e-3", at="2026-03-02T08:00:00"), line("e-1"))

    message = ingest_fails(path)

    for number in (2, 3, 4):
        assert f"Dòng {number}:" in message
    assert "có 3 lỗi" in message
    assert not ingested().exists()


def test_a_time_in_the_future_is_refused(tmp_path):
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat()

    message = ingest_fails(write(tmp_path, line("t-1", at=later)))

    assert "Dòng 1:" in message
    assert not ingested().exists()


def test_a_text_over_fifty_thousand_characters_is_refused_and_a_long_one_is_cut(tmp_path):
    long_ok = ("đường hỏng " * 5000)[:50_000]
    too_long = "đ" * 50_001

    message = ingest_fails(write(tmp_path, line("l-1", text=long_ok), line("l-2", text=too_long)))
    assert "Dòng 2:" in message and "Dòng 1:" not in message and "cắt bớt" in message
    assert not ingested().exists()

    out, _err = ingest(write(tmp_path, line("l-1", text=long_ok), name="ok.jsonl"))
    assert len(ingested().get().text) <= 5000
    # ... and the importer is told which line was cut, and where the whole text stays.
    assert "Dòng 1: văn bản có 50.000 ký tự; tín hiệu chỉ giữ 5.000 ký tự đầu" in out


def test_duplicate_ids_in_a_file_are_refused(tmp_path):
    message = ingest_fails(write(tmp_path, line("d-1"), line("d-2"), line("d-1")))

    assert "Dòng 3:" in message and "dòng 1" in message and "d-1" in message
    assert not ingested().exists()


def test_running_the_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, line("i-1"), line("i-2", place="Yên Lãng"))
    ingest(path)
    before = (list(ingested().values_list("pk", "source_id", "issue_id")), Issue.objects.count())

    out, _err = ingest(path)

    assert (list(ingested().values_list("pk", "source_id", "issue_id")), Issue.objects.count()) == before
    assert "nhập mới 0, đã nhập từ trước 2" in out


@pytest.mark.skipif(
    looks_vietnamese("The road to the village is broken"), reason="the pipeline reads English as Vietnamese"
)
def test_an_english_text_is_refused(tmp_path):
    message = ingest_fails(
        write(tmp_path, line("en-1", text="The road to the village is broken after the rain"))
    )

    assert "Dòng 1:" in message
    assert not ingested().exists()


def test_since_keeps_issues_last_seen_on_or_after_the_day(tmp_path):
    ingest(
        write(
            tmp_path,
            line("s-old", at="2026-01-10T08:00:00+07:00", text="Trạm bơm thôn Tam Đa hỏng, ruộng khô nứt nẻ"),
            line(
                "s-new",
                at="2026-02-20T08:00:00+07:00",
                place="Xã Sông Lô",
                text="Đèn đường trục chính không sáng",
            ),
        )
    )

    recent = {s for issue in issues_json("--since", "15/02/2026") for s in issue["signals"]}
    also = {s for issue in issues_json("--since", "2026-02-20") for s in issue["signals"]}
    every = {s for issue in issues_json("--since", "01/01/2026") for s in issue["signals"]}

    assert "s-new" in recent and "s-old" not in recent
    assert also == recent
    assert {"s-new", "s-old"} <= every


def test_the_table_lists_issues_without_json(tmp_path):
    ingest(write(tmp_path, line("tb-1")))
    out = StringIO()

    call_command("opinion", "issues", stdout=out)

    assert "Thôn Hoành Sơn" in out.getvalue()


def test_a_commune_name_found_in_two_provinces_asks_for_the_province(tmp_path):
    from django.db.models import Count

    twice = (
        Unit.objects.current()
        .filter(kind="commune", children__isnull=True)
        .values("name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name")
        .values_list("name", flat=True)
        .first()
    )
    assert twice, "the national list has communes of the same name"

    message = ingest_fails(write(tmp_path, line("amb-1", place=twice)))

    assert "Dòng 1:" in message and "ghi thêm tỉnh" in message
    assert not ingested().exists()


def test_the_gandan_command_reaches_opinion_and_exits_non_zero_on_a_bad_file(tmp_path, capsys, monkeypatch):
    from django.core.management import base

    from gandan.cli import main

    # A command run from the command line closes the connections at its end: the test's transaction needs its own.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)

    assert main(["opinion", "ingest", str(write(tmp_path, line("g-1")))]) == 0
    main(["opinion", "issues", "--json"])
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])  # after the import's summary line
    assert ["g-1"] in [issue["signals"] for issue in listed]

    with pytest.raises(SystemExit) as exited:
        main(["opinion", "ingest", str(write(tmp_path, "{oops", name="bad.jsonl"))])
    assert exited.value.code != 0
    assert "Dòng 1:" in capsys.readouterr().err


def test_no_phone_number_or_e_mail_reaches_the_printed_issues(tmp_path):
    text = "Gọi 0912 345 678 hoặc viết an.nguyen@example.com: cống thôn Hoành Sơn tắc, nước tràn vào nhà"
    ingest(write(tmp_path, line("pii-1", text=text)))
    out = StringIO()
    call_command("opinion", "issues", stdout=out)

    printed = json.dumps(issues_json(), ensure_ascii=False) + out.getvalue()

    assert "pii-1" in printed
    assert "345" not in printed and "example.com" not in printed


def test_a_file_full_of_errors_shows_fifty_and_counts_the_rest(tmp_path):
    message = ingest_fails(write(tmp_path, *["{hỏng"] * 60))

    assert "Dòng 50:" in message and "Dòng 51:" not in message
    assert "10 lỗi khác" in message and "có 60 lỗi" in message


@pytest.mark.parametrize(
    ("stop_in", "says", "kept"),
    [("save", "chưa có gì được lưu", 0), ("process", "các tín hiệu của tệp đã được lưu", 2)],
)
def test_ctrl_c_says_what_was_kept(tmp_path, monkeypatch, stop_in, says, kept):
    """Stopped while saving, the file's transaction is rolled back; stopped while grouping, its signals are saved and
    the next run groups the rest. The officer is told which, in words, not with a traceback."""
    from gandan.opinion.services.processing import process_pending

    def ctrl_c(*args, **kwargs):
        raise KeyboardInterrupt

    where = {"save": "ingest.signal_prepare", "process": "processing.process_pending"}[stop_in]
    monkeypatch.setattr(f"gandan.opinion.services.{where}", ctrl_c)
    path = write(tmp_path, line("c1"), line("c2", at="2026-03-02T09:00:00+07:00"))
    with pytest.raises(CommandError) as stopped:
        call_command("opinion", "ingest", str(path), stdout=StringIO(), stderr=StringIO())
    assert says in str(stopped.value)
    assert stopped.value.returncode == 130
    assert Signal.objects.filter(source_kind="ingest", source_id__in=["c1", "c2"]).count() == kept
    monkeypatch.undo()
    if kept:
        assert process_pending() >= 2  # the rest is grouped by the next run


@pytest.mark.parametrize("batch", [3, 1000], ids=["in-the-batch-before", "in-the-same-batch"])
def test_a_file_changed_between_the_check_and_the_save_saves_nothing(tmp_path, monkeypatch, batch):
    """The file is read twice (checked, then saved). A line changed in between so that it repeats an id is refused
    with the rest of the file, whether the repeated id sits in the batch being saved or in the one before."""
    from gandan.opinion.services import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BATCH", batch)
    path = write(tmp_path, *(line(f"c-{n}") for n in range(1, 7)))
    checked = ingest_module.ingest_check

    def check_then_change(*args, **kwargs):
        found = checked(*args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8").replace('"c-4"', '"c-3"'), encoding="utf-8")
        return found

    monkeypatch.setattr(ingest_module, "ingest_check", check_then_change)
    message = ingest_fails(path)

    assert "Dòng 4:" in message and "tệp đã thay đổi" in message
    assert not ingested().exists()
