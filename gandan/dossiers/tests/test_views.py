"""The desk's staff pages as officials use them: the worklists, intake at the desk, the dossier page with its
actions, and the indicators. Every page needs login, keeps to the officer's commune and role, and refuses the wrong
method. The clock is frozen on Tuesday 10/03/2026; worklists are read in a new commune whose every dossier the
test made, so each count and row is known."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.scope import scoped
from gandan.core.vntext import fold
from gandan.dossiers import services
from gandan.dossiers.models import Dossier, DossierCounter, Procedure, Status, Step, SupplementRequest
from gandan.dossiers.tests.factories import local, make_commune, make_procedure, make_staff, received, submit
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

NOW = local(2026, 3, 10, 9)
LIST = "/staff/dossiers/"
INTAKE = "/staff/dossiers/new/"
INDICATORS = "/staff/dossiers/indicators/"

ROW_CODE = re.compile(r'<td><a [^>]*href="/staff/dossiers/\d+/"[^>]*>([^<]+)</a>')
TAB = re.compile(r'<a href="\?worklist=(\w+)"[^>]*>[^<]*(?:<b>(\d+)</b>)?</a>')
ACTION_FORM = re.compile(r'<form method="post" action="/staff/dossiers/\d+/act/(\w+)/"')
CHOICE = re.compile(r'<a href="\?procedure=\d+"><strong>([^<]+)</strong></a>')


def html(response) -> str:
    return response.content.decode()


def listed(response) -> list[str]:
    return ROW_CODE.findall(html(response))


def tab_counts(response) -> dict[str, int]:
    return {key: int(count) for key, count in TAB.findall(html(response)) if count}


def offered_actions(response) -> set[str]:
    return set(ACTION_FORM.findall(html(response)))


def field_errors(response, field: str) -> list[str]:
    """The error messages shown right below `field` (its id, with the form's prefix) on a form page."""
    block = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html(response), re.S
    )
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


def vietnamese(msgid: str, **params) -> str:
    """The message as a Vietnamese page shows it (translated, then HTML-escaped)."""
    with override("vi"):
        text = gettext(msgid)
        return escape(text % {k: str(v) for k, v in params.items()} if params else text)


def status_label(status: Status) -> str:
    with override("vi"):
        return str(status.label)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- Worklists ------------------------------------------------------------------------------------------------


@pytest.fixture
def quiet(frozen):
    """A new commune with one dossier in each worklist, made through the services at known times."""
    unit = make_commune()
    desk = make_staff(unit, "motcua.thu", Role.DESK_OFFICER)
    handler = make_staff(unit, "xuly.thu", Role.CASE_HANDLER)
    three_days, one_day = make_procedure(days=3), make_procedure(days=1, name="Đăng ký kết hôn")
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        overdue = received(
            three_days, unit, desk, name="Trần Văn Nam", phone="0987000111"
        )  # appointment 05/03
    with time_machine.travel(local(2026, 3, 9, 9), tick=False):
        due_soon = received(one_day, unit, desk, name="Lê Thị Mai", phone="0987000222")  # appointment 10/03
        due_soon = services.dossier_transfer(dossier=due_soon, by=desk, to_user=handler)
        waiting = received(three_days, unit, desk, name="Phạm Văn Bình", phone="0987000333")
        waiting = services.dossier_request_supplement(
            dossier=waiting, by=desk, items=["Giấy chứng sinh"], reason="Bản sao mờ"
        )
        ready = received(three_days, unit, desk, name="Hoàng Văn Sơn", phone="0987000444")
        services.dossier_transfer(dossier=ready, by=desk, to_user=handler)
        ready = services.dossier_complete(dossier=ready, by=handler)
        returned = received(three_days, unit, desk, name="Đỗ Thị Lan", phone="0987000555")
        services.dossier_transfer(dossier=returned, by=desk, to_user=handler)
        services.dossier_complete(dossier=returned, by=handler)
        returned = services.dossier_return(
            dossier=returned, by=desk, result_number="Giấy khai sinh số 12/2026"
        )
    new = submit(three_days, unit, channel=2, name="Nguyễn Thị Hòa", phone="0912345678")  # online, today
    return SimpleNamespace(
        unit=unit,
        desk=desk,
        handler=handler,
        overdue=overdue,
        due_soon=due_soon,
        waiting=waiting,
        ready=ready,
        returned=returned,
        new=new,
    )


def codes(quiet, *names: str) -> list[str]:
    return [getattr(quiet, name).code for name in names]


def test_the_tabs_count_the_dossiers_of_each_worklist(quiet):
    response = client_for(quiet.desk).get(LIST)

    assert response.status_code == 200
    assert tab_counts(response) == {
        "mine": 0,
        "new": 1,
        "due_soon": 1,
        "overdue": 1,
        "supplement": 1,
        "ready": 1,
        "unit": 4,
    }


def test_the_handler_counts_the_dossiers_handed_to_them_as_mine(quiet):
    response = client_for(quiet.handler).get(LIST, {"worklist": "mine"})

    assert tab_counts(response)["mine"] == 2
    assert listed(response) == codes(quiet, "due_soon", "ready")


# Each table below is read in one test, on one set of dossiers: building it costs more than the requests.
WORKLISTS = {
    "new": ["new"],
    "due_soon": ["due_soon"],
    "overdue": ["overdue"],
    "supplement": ["waiting"],
    "ready": ["ready"],
    "unit": ["overdue", "due_soon", "waiting", "ready"],  # the open ones, earliest appointment first
    "mine": [],
}


def test_each_worklist_lists_exactly_its_dossiers(quiet):
    client = client_for(quiet.desk)
    for worklist, expected in WORKLISTS.items():
        response = client.get(LIST, {"worklist": worklist})

        assert response.status_code == 200
        assert listed(response) == codes(quiet, *expected), worklist
        assert f'<a href="?worklist={worklist}" aria-current="page"' in html(response)


def test_all_includes_the_closed_dossiers(quiet):
    response = client_for(quiet.desk).get(LIST, {"worklist": "all"})

    assert sorted(listed(response)) == sorted(
        codes(quiet, "overdue", "due_soon", "waiting", "ready", "returned", "new")
    )


def test_the_open_list_is_the_default_and_marks_the_overdue_appointment(quiet):
    response = client_for(quiet.desk).get(LIST)

    assert listed(response) == codes(quiet, "overdue", "due_soon", "waiting", "ready")
    assert '<span class="pill pill-bad">05/03/2026</span>' in html(response)
    # Due Thursday 05/03, on Tuesday 10/03: Friday, Monday and Tuesday have passed, three working days late.
    assert '<span class="pill pill-bad">3 ngày làm việc</span>' in html(response)
    assert html(response).count("pill-bad") == 2  # only that row: its appointment and its days late
    assert 'class="tab tab-bad">' in html(response)  # and the overdue tab stands out


SEARCHES = [
    ("{code}", ["waiting"]),
    ("{code_lower}", ["waiting"]),
    ("nguyen thi hoa", ["new"]),  # without diacritics
    ("NGUYỄN THỊ HOÀ", ["new"]),  # capitals, the other tone placement
    ("0987000333", ["waiting"]),  # the phone
    ("000333", ["waiting"]),  # part of it
    ("khong ai ten nay", []),
]


def test_the_search_finds_by_code_name_or_phone(quiet):
    client = client_for(quiet.desk)
    for query, expected in SEARCHES:
        query = query.format(code=quiet.waiting.code, code_lower=quiet.waiting.code.lower())

        response = client.get(LIST, {"worklist": "all", "q": query})

        assert listed(response) == codes(quiet, *expected), query


def test_a_search_without_results_says_so(quiet):
    response = client_for(quiet.desk).get(LIST, {"worklist": "all", "q": "khong ai ten nay"})

    assert listed(response) == []
    assert vietnamese(
        "No dossiers here. Receive one with “Receive a dossier”, or widen the filters."
    ) in html(response)


FILTERS = [
    ({"status": "5"}, ["waiting"]),
    ({"status": "10"}, ["returned"]),
    ({"channel": "2"}, ["new"]),
    ({"received_from": "10/03/2026"}, ["new"]),
    ({"received_from": "2026-03-02", "received_to": "02/03/2026"}, ["overdue"]),
    (
        {"received_from": "09/03/2026", "received_to": "09/03/2026"},
        ["due_soon", "waiting", "ready", "returned"],
    ),
]


def test_the_filters_narrow_the_list(quiet):
    client = client_for(quiet.desk)
    for params, expected in FILTERS:
        response = client.get(LIST, {"worklist": "all", **params})

        assert sorted(listed(response)) == sorted(codes(quiet, *expected)), params


def test_the_list_is_sorted_as_asked(quiet):
    open_ones = [quiet.overdue, quiet.due_soon, quiet.waiting, quiet.ready]
    keys = {
        "code": lambda d: d.code,
        "submitted": lambda d: (d.submitted_at, d.pk),
        "appointment": lambda d: (d.current_appointment, d.pk),
    }
    client = client_for(quiet.desk)
    for order in ["code", "-submitted", "submitted", "appointment", "-appointment"]:
        expected = [
            d.code for d in sorted(open_ones, key=keys[order.lstrip("-")], reverse=order.startswith("-"))
        ]

        response = client.get(LIST, {"order": order})

        assert listed(response) == expected, order


def test_the_list_pages_by_fifty_and_keeps_the_filters(quiet):
    procedure = Procedure.objects.get(pk=quiet.new.procedure_id)
    for n in range(50):
        submit(procedure, quiet.unit, channel=2, phone=f"09110{n:05d}")
    client = client_for(quiet.desk)

    first = client.get(LIST, {"worklist": "new"})
    second = client.get(LIST, {"worklist": "new", "page": "2"})

    assert len(listed(first)) == 50
    assert len(listed(second)) == 1
    assert set(listed(first)).isdisjoint(listed(second))
    assert 'href="?worklist=new&amp;page=2" rel="next"' in html(first)
    assert 'href="?worklist=new&amp;page=1" rel="prev"' in html(second)
    assert tab_counts(first)["new"] == 51


def test_the_list_costs_the_same_queries_for_one_row_or_fifty(quiet):
    procedure = Procedure.objects.get(pk=quiet.new.procedure_id)
    for n in range(49):
        submit(procedure, quiet.unit, channel=2, phone=f"09110{n:05d}")
    client = client_for(quiet.desk)
    client.get(LIST)  # the session and the calendar are loaded once

    with CaptureQueriesContext(connection) as one:
        assert len(listed(client.get(LIST, {"worklist": "all", "q": quiet.waiting.code}))) == 1
    with CaptureQueriesContext(connection) as fifty:
        assert len(listed(client.get(LIST, {"worklist": "new", "q": "nguyen thi hoa"}))) == 50
    with CaptureQueriesContext(connection) as unsearched:
        assert len(listed(client.get(LIST, {"worklist": "new"}))) == 50

    # The search costs a fixed few queries, never one per row: its kind and a capped count of its matches; on
    # PostgreSQL a query of several words also counts the list once and asks the planner's estimate of each word.
    plan = 2 if connection.vendor == "sqlite" else 2 + 1 + 3
    assert len(one) <= len(unsearched) + plan
    assert len(fifty) <= len(unsearched) + plan
    if connection.vendor == "sqlite":
        assert len(fifty) == len(one)


@pytest.mark.parametrize(
    ("worklist", "msgid"),
    [
        ("unit", "No dossiers here. Receive one with “Receive a dossier”, or widen the filters."),
        ("overdue", "No overdue dossiers. Well done."),
        ("new", "No dossiers are waiting to be checked."),
    ],
)
def test_an_empty_worklist_says_what_to_do(frozen, worklist, msgid):
    desk = make_staff(make_commune(), "motcua.thu", Role.DESK_OFFICER)

    response = client_for(desk).get(LIST, {"worklist": worklist})

    assert response.status_code == 200
    assert listed(response) == []
    assert vietnamese(msgid) in html(response)
    assert set(tab_counts(response).values()) == {0}


def test_the_list_never_shows_another_communes_dossiers(quiet, desk_officer):
    response = client_for(desk_officer).get(LIST, {"worklist": "all", "q": quiet.unit.code})

    assert listed(response) == []


# --- Intake at the desk ---------------------------------------------------------------------------------------


@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


def intake_data(procedure: Procedure, **changes) -> dict:
    data = {
        "procedure": procedure.pk,
        "applicant_name": "Nguyễn Thị Hòa",
        "id_number": "025 190 012 345",
        "applicant_phone": "0912 345 678",
        "applicant_email": "",
        "applicant_address": "Thôn Bến Đò, xã Sông Lô",
        "request": "",
        "sets": "1",
        "channel": "1",
        **{f"paper_{c.pk}_received": "on" for c in procedure.components.all()},
        "decision": "accept",
        "missing": "",
        "reason": "",
    }
    data.update(changes)
    return data


def saved_rows() -> tuple[int, int, int, int]:
    """Everything an intake writes: dossiers, counter increments, timeline steps, supplement requests."""
    counters = sum(DossierCounter.objects.values_list("last", flat=True))
    return Dossier.objects.count(), counters, Step.objects.count(), SupplementRequest.objects.count()


def created(response) -> Dossier:
    match = re.fullmatch(r"/staff/dossiers/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Dossier.objects.get(pk=match.group(1))


def test_choosing_the_procedure_lists_the_catalogue_in_force(desk_officer):
    response = client_for(desk_officer).get(INTAKE)

    names = CHOICE.findall(html(response))
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in names
    assert "Hòa giải tranh chấp đất đai (Luật Đất đai 2013)" not in names  # expired in 2024
    assert len(names) == Procedure.objects.filter(valid_to__isnull=True).count()


def test_the_procedure_search_ignores_diacritics(desk_officer):
    response = client_for(desk_officer).get(INTAKE, {"q": "khai sinh"})

    every_word, _note, some_words = html(response).partition(
        vietnamese("These procedures have only some of the words searched for:")
    )
    names = CHOICE.findall(every_word)
    assert "Đăng ký khai sinh" in names
    assert all("khai sinh" in fold(name) for name in names)
    assert "Đăng ký khai tử" in CHOICE.findall(some_words)  # "khai" only: offered below, apart


def test_a_procedure_search_without_results_says_how_to_search(desk_officer):
    response = client_for(desk_officer).get(INTAKE, {"q": "khong co thu tuc nay"})

    assert CHOICE.findall(html(response)) == []
    assert vietnamese("No procedure matches. Try fewer words, without diacritics.") in html(response)


def test_the_intake_form_lists_the_papers_of_the_procedure(procedure, desk_officer):
    response = client_for(desk_officer).get(INTAKE, {"procedure": procedure.pk})

    assert response.status_code == 200
    assert "Tờ khai đăng ký khai sinh" in html(response)
    assert "Giấy chứng sinh" in html(response)
    assert f'<input type="hidden" name="procedure" value="{procedure.pk}">' in html(response)


@pytest.mark.parametrize("choice", ["abc", "999999999", "{expired}"])
def test_an_unknown_or_expired_procedure_is_404(desk_officer, choice):
    expired = Procedure.objects.get(valid_to__isnull=False)
    response = client_for(desk_officer).get(INTAKE, {"procedure": choice.format(expired=expired.pk)})

    assert response.status_code == 404


def test_a_complete_dossier_is_accepted_with_its_appointment_and_opens_its_page(procedure, desk_officer):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        response = client_for(desk_officer).post(INTAKE, intake_data(procedure))

    assert response.status_code == 302
    dossier = created(response)
    assert dossier.status == Status.ACCEPTED
    assert re.fullmatch(r"08848-260302-\d{4}", dossier.code)
    assert dossier.appointment == dossier.current_appointment == dt.date(2026, 3, 5)
    assert dossier.applicant_phone == "0912345678"
    assert dossier.identity.id_number == "025190012345"
    assert list(dossier.components.values_list("present", flat=True)) == [True, True]
    assert list(dossier.steps.values_list("action", "form")) == [("submit", ""), ("accept", "01")]
    page = client_for(desk_officer).get(response["Location"])
    assert dossier.code in html(page)
    assert "05/03/2026" in html(page)


def test_an_incomplete_dossier_gets_the_list_of_papers_form_02(procedure, desk_officer):
    data = intake_data(
        procedure,
        decision="supplement",
        missing="Giấy chứng sinh bản chính\n\n Tờ khai có chữ ký ",
        reason="Bản sao không rõ",
    )

    response = client_for(desk_officer).post(INTAKE, data)

    dossier = created(response)
    assert dossier.status == Status.SUPPLEMENT
    assert dossier.received_at is None
    request = dossier.supplements.get()
    assert request.items == ["Giấy chứng sinh bản chính", "Tờ khai có chữ ký"]
    assert request.at_intake
    assert dossier.steps.last().form == "02"


def test_an_unacceptable_dossier_is_refused_with_form_03(procedure, desk_officer):
    data = intake_data(procedure, decision="refuse", reason="Không thuộc thẩm quyền của UBND xã")

    response = client_for(desk_officer).post(INTAKE, data)

    dossier = created(response)
    assert dossier.status == Status.REFUSED
    assert dossier.decision_note == "Không thuộc thẩm quyền của UBND xã"
    assert dossier.finished_at is not None
    assert dossier.steps.last().form == "03"


PHONE_MSG = "Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678."
ID_MSG = "A citizen ID number has exactly 12 digits, e.g. 025190012345."
REQUIRED = "This field is required."


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        pytest.param({"applicant_phone": "12345"}, "applicant_phone", PHONE_MSG, id="bad-phone"),
        pytest.param({"applicant_phone": "09123456ab"}, "applicant_phone", PHONE_MSG, id="letters-in-phone"),
        pytest.param({"id_number": "02519001234"}, "id_number", ID_MSG, id="11-digit-id"),
        pytest.param({"applicant_name": ""}, "applicant_name", REQUIRED, id="empty-name"),
        pytest.param({"applicant_name": "   "}, "applicant_name", REQUIRED, id="blank-name"),
        pytest.param({"applicant_address": ""}, "applicant_address", REQUIRED, id="empty-address"),
        pytest.param(
            {"decision": "supplement", "reason": "Thiếu giấy tờ"},
            "missing",
            "List every paper the citizen must add or fix.",
            id="supplement-without-items",
        ),
        pytest.param(
            {"decision": "refuse"},
            "reason",
            "Write the reason, as the citizen will read it.",
            id="refuse-without-reason",
        ),
    ],
)
def test_invalid_intake_shows_the_error_next_to_the_field_and_saves_nothing(
    procedure, desk_officer, changes, field, msgid
):
    before = saved_rows()

    response = client_for(desk_officer).post(INTAKE, intake_data(procedure, **changes))

    assert response.status_code == 200
    assert field_errors(response, field) == [vietnamese(msgid)]
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        # A zero-width space passes the form but is nothing to the service, which refuses the decision after the
        # dossier is already written: the one transaction must take the dossier and its code back.
        pytest.param(
            {"decision": "refuse", "reason": "\u200b"},
            "reason",
            "Write the reason for refusing, as the citizen will read it.",
            id="refusal",
        ),
        pytest.param(
            {"decision": "supplement", "missing": "\u200b", "reason": "Thiếu"},
            "missing",
            "List every paper the citizen must add or fix.",
            id="supplement",
        ),
    ],
)
def test_a_decision_the_service_refuses_takes_the_new_dossier_back(
    procedure, desk_officer, changes, field, msgid
):
    before = saved_rows()

    response = client_for(desk_officer).post(INTAKE, intake_data(procedure, **changes))

    assert response.status_code == 200
    assert field_errors(response, field) == [vietnamese(msgid)]
    assert saved_rows() == before


def test_every_problem_of_the_applicant_is_shown_at_once_in_english(procedure, desk_officer):
    client = client_for(desk_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = saved_rows()

    response = client.post(INTAKE, intake_data(procedure, applicant_phone="12345", id_number="02519001234"))

    assert response.status_code == 200
    assert field_errors(response, "applicant_phone") == [PHONE_MSG]
    assert field_errors(response, "id_number") == [ID_MSG]
    assert saved_rows() == before


@pytest.mark.parametrize("user", ["case_handler", "party_secretary", "inspector"])
def test_only_the_desk_and_the_leader_receive_dossiers(request, procedure, user):
    client = client_for(request.getfixturevalue(user))

    assert client.get(INTAKE).status_code == 403
    assert client.post(INTAKE, intake_data(procedure)).status_code == 403


def test_the_leader_may_receive_a_dossier(procedure, commune_leader):
    response = client_for(commune_leader).post(INTAKE, intake_data(procedure))

    assert created(response).status == Status.ACCEPTED


def test_intake_refuses_other_methods(desk_officer):
    assert client_for(desk_officer).put(INTAKE).status_code == 405


# --- The dossier page and its actions -------------------------------------------------------------------------


@pytest.fixture
def dossier_in(frozen, procedure, desk_officer, case_handler):
    """A Sông Lô dossier of the 3-day procedure in the named state, moved there by the services."""

    def make(state: str) -> Dossier:
        if state == "new":
            return submit(procedure, desk_officer.unit, channel=2)
        if state == "overdue":  # received 02/03, appointment 05/03, in the handler's hands on 10/03
            with time_machine.travel(local(2026, 3, 2, 9), tick=False):
                dossier = received(procedure, desk_officer.unit, desk_officer)
                return services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        dossier = received(procedure, desk_officer.unit, desk_officer)
        if state == "accepted":
            return dossier
        dossier = services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        if state == "in_progress":
            return dossier
        if state == "supplement":
            return services.dossier_request_supplement(
                dossier=dossier, by=case_handler, items=["Giấy chứng sinh"], reason="Bản sao mờ"
            )
        if state == "payment":
            return services.dossier_request_payment(dossier=dossier, by=case_handler, amount=50_000)
        dossier = services.dossier_complete(dossier=dossier, by=case_handler)
        if state == "processed":
            return dossier
        assert state == "returned"
        return services.dossier_return(
            dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026"
        )

    return make


def detail_url(dossier: Dossier) -> str:
    return f"/staff/dossiers/{dossier.pk}/"


def act_url(dossier: Dossier, action: str) -> str:
    return f"/staff/dossiers/{dossier.pk}/act/{action}/"


def test_the_dossier_page_shows_the_applicant_the_papers_and_the_timeline(
    dossier_in, desk_officer, case_handler
):
    dossier = dossier_in("in_progress")

    response = client_for(desk_officer).get(detail_url(dossier))

    page = html(response)
    assert response.status_code == 200
    assert dossier.code in page
    assert "Nguyễn Thị Hòa" in page and "0912345678" in page
    assert "Tờ khai đăng ký khai sinh" in page
    assert str(case_handler) in page
    assert f'href="/staff/dossiers/{dossier.pk}/form/01.pdf"' in page
    assert page.count("<tr><td>") >= 3  # submit, accept, transfer


@pytest.mark.parametrize(
    ("state", "user", "expected"),
    [
        ("new", "desk_officer", {"accept", "request_supplement", "refuse", "withdraw"}),
        ("new", "case_handler", {"request_supplement"}),
        ("accepted", "desk_officer", {"transfer", "request_supplement", "withdraw"}),
        (
            "accepted",
            "case_handler",
            {"transfer", "request_supplement", "request_payment", "stop", "complete"},
        ),
        (
            "accepted",
            "commune_leader",
            {"transfer", "request_supplement", "request_payment", "withdraw", "stop", "complete"},
        ),
        ("supplement", "desk_officer", {"receive_supplement", "withdraw", "refuse"}),
        ("payment", "desk_officer", {"record_payment", "withdraw"}),
        ("processed", "desk_officer", {"return_result"}),
        ("processed", "case_handler", set()),
        (
            "overdue",
            "case_handler",
            {"transfer", "request_supplement", "request_payment", "stop", "complete", "apologize"},
        ),
        # The desk issues Form 04 itself (it faces the citizen), besides its own actions.
        ("overdue", "desk_officer", {"transfer", "request_supplement", "withdraw", "apologize"}),
        ("returned", "commune_leader", set()),
        ("accepted", "party_secretary", set()),
        ("accepted", "inspector", set()),
    ],
)
def test_the_page_offers_only_the_actions_the_state_and_the_role_allow(
    request, dossier_in, state, user, expected
):
    dossier = dossier_in(state)

    response = client_for(request.getfixturevalue(user)).get(detail_url(dossier))

    assert response.status_code == 200
    assert offered_actions(response) == expected


GOOD_ACTIONS = [
    # action, starting state, who, form data ({handler} is the Sông Lô handler's id), status after
    ("accept", "new", "desk_officer", {}, Status.ACCEPTED),
    ("refuse", "new", "desk_officer", {"refuse-reason": "Không thuộc thẩm quyền của xã"}, Status.REFUSED),
    (
        "transfer",
        "accepted",
        "desk_officer",
        {"transfer-to_user": "{handler}", "transfer-step_days": "1"},
        Status.IN_PROGRESS,
    ),
    (
        "request_supplement",
        "in_progress",
        "case_handler",
        {"request_supplement-items": "Giấy chứng sinh\nTờ khai", "request_supplement-reason": "Bản sao mờ"},
        Status.SUPPLEMENT,
    ),
    ("receive_supplement", "supplement", "desk_officer", {}, Status.IN_PROGRESS),
    ("request_payment", "in_progress", "case_handler", {"request_payment-amount": "50000"}, Status.PAYMENT),
    ("record_payment", "payment", "desk_officer", {}, Status.IN_PROGRESS),
    (
        "withdraw",
        "in_progress",
        "desk_officer",
        {"withdraw-reason": "Công dân xin rút ngày 10/03/2026"},
        Status.WITHDRAWN,
    ),
    ("stop", "in_progress", "case_handler", {"stop-reason": "Phát hiện giấy tờ giả"}, Status.STOPPED),
    (
        "complete",
        "in_progress",
        "case_handler",
        {"complete-result_note": "Đã cấp giấy khai sinh"},
        Status.PROCESSED,
    ),
    (
        "return_result",
        "processed",
        "desk_officer",
        {
            "return_result-result_number": "Giấy khai sinh số 125/2026",
            "return_result-method": "in_person",
            "return_result-receiver_is_applicant": "1",
        },
        Status.RETURNED,
    ),
    (
        "apologize",
        "overdue",
        "case_handler",
        {"apologize-reason": "Chờ xác minh", "apologize-new_appointment": "12/03/2026"},
        Status.IN_PROGRESS,
    ),
    (
        "apologize",
        "overdue",
        "desk_officer",
        {"apologize-reason": "Chờ ý kiến của cơ quan công an", "apologize-new_appointment": "13/03/2026"},
        Status.IN_PROGRESS,
    ),
]


@pytest.mark.parametrize(
    ("action", "state", "user", "data", "after"), GOOD_ACTIONS, ids=[f"{a[0]}-{a[2]}" for a in GOOD_ACTIONS]
)
def test_each_action_moves_the_dossier_and_returns_to_its_page(
    request, dossier_in, case_handler, action, state, user, data, after
):
    dossier = dossier_in(state)
    data = {key: value.format(handler=case_handler.pk) for key, value in data.items()}
    if action in ("accept", "receive_supplement"):  # the officer ticks every paper as received
        data.update({f"{action}-paper_{c.component_id}_received": "on" for c in dossier.components.all()})

    response = client_for(request.getfixturevalue(user)).post(act_url(dossier, action), data)

    assert response.status_code == 302
    assert response["Location"] == detail_url(dossier)
    dossier.refresh_from_db()
    assert dossier.status == after
    assert dossier.steps.last().action == action


def test_an_apology_moves_only_the_current_appointment(dossier_in, case_handler):
    dossier = dossier_in("overdue")
    data = {"apologize-reason": "Chờ xác minh", "apologize-new_appointment": "12/03/2026"}

    client_for(case_handler).post(act_url(dossier, "apologize"), data)

    dossier.refresh_from_db()
    assert (dossier.appointment, dossier.current_appointment) == (dt.date(2026, 3, 5), dt.date(2026, 3, 12))


TRANSITION = "This action is not possible while the dossier is “%(status)s”."
APOLOGY_FIRST = (
    "The dossier is past its appointment (%(day)s). Issue an apology with a new appointment (Form 04) first."
)
LATER_APPOINTMENT = "The new appointment must be today or later, and after the current one (%(day)s)."
BAD_ACTIONS = [
    # action, state, who, form data, field the error is shown at (None: at the top), message id, its parameters
    ("accept", "accepted", "desk_officer", {}, None, TRANSITION, {"status": Status.ACCEPTED}),
    ("refuse", "new", "desk_officer", {"refuse-reason": ""}, "refuse-reason", REQUIRED, {}),
    ("transfer", "accepted", "desk_officer", {"transfer-to_user": ""}, "transfer-to_user", REQUIRED, {}),
    (
        "transfer",
        "accepted",
        "desk_officer",
        {"transfer-to_user": "{stranger}"},
        "transfer-to_user",
        "Select a valid choice. That choice is not one of the available choices.",
        {},
    ),
    (
        "request_supplement",
        "in_progress",
        "case_handler",
        {"request_supplement-items": " \n ", "request_supplement-reason": "Bản sao mờ"},
        "request_supplement-items",
        "List every paper the citizen must add or fix.",
        {},
    ),
    (
        "receive_supplement",
        "in_progress",
        "desk_officer",
        {},
        None,
        TRANSITION,
        {"status": Status.IN_PROGRESS},
    ),
    (
        "request_payment",
        "in_progress",
        "case_handler",
        {"request_payment-amount": "0"},
        "request_payment-amount",
        "Ensure this value is greater than or equal to %(limit_value)s.",
        {"limit_value": 1},
    ),
    ("record_payment", "in_progress", "desk_officer", {}, None, TRANSITION, {"status": Status.IN_PROGRESS}),
    ("withdraw", "in_progress", "desk_officer", {"withdraw-reason": ""}, "withdraw-reason", REQUIRED, {}),
    ("stop", "in_progress", "case_handler", {"stop-reason": "  "}, "stop-reason", REQUIRED, {}),
    ("complete", "overdue", "case_handler", {}, None, APOLOGY_FIRST, {"day": "05/03/2026"}),
    ("return_result", "in_progress", "desk_officer", {}, None, TRANSITION, {"status": Status.IN_PROGRESS}),
    (
        "apologize",
        "overdue",
        "case_handler",
        {"apologize-reason": "Chờ xác minh", "apologize-new_appointment": "04/03/2026"},
        "apologize-new_appointment",
        LATER_APPOINTMENT,
        {"day": "05/03/2026"},
    ),
]


@pytest.mark.parametrize(
    ("action", "state", "user", "data", "field", "msgid", "params"),
    BAD_ACTIONS,
    ids=[f"{a[0]}-{a[1]}" for a in BAD_ACTIONS],
)
def test_a_refused_action_shows_the_error_with_422_and_changes_nothing(
    request, dossier_in, action, state, user, data, field, msgid, params
):
    dossier = dossier_in(state)
    stranger = User.objects.get(username="xuly.tamson")
    data = {key: value.format(stranger=stranger.pk) for key, value in data.items()}
    before = (dossier.status, dossier.current_appointment, dossier.steps.count())
    params = {k: status_label(v) if isinstance(v, Status) else v for k, v in params.items()}

    response = client_for(request.getfixturevalue(user)).post(act_url(dossier, action), data)

    assert response.status_code == 422
    message = vietnamese(msgid, **params)
    if field:
        assert field_errors(response, field) == [message]
    else:
        assert message in html(response)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.current_appointment, dossier.steps.count()) == before


@pytest.mark.parametrize(
    ("action", "state", "user"),
    [
        ("complete", "in_progress", "desk_officer"),
        ("accept", "new", "case_handler"),
        ("return_result", "processed", "case_handler"),
        ("stop", "in_progress", "desk_officer"),
        ("transfer", "accepted", "party_secretary"),
        ("withdraw", "in_progress", "inspector"),
    ],
)
def test_an_action_outside_the_role_is_403_and_changes_nothing(request, dossier_in, action, state, user):
    dossier = dossier_in(state)

    response = client_for(request.getfixturevalue(user)).post(act_url(dossier, action), {"stop-reason": "x"})

    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == Status[state.upper()]


def test_an_action_needs_post(dossier_in, desk_officer):
    dossier = dossier_in("new")

    response = client_for(desk_officer).get(act_url(dossier, "accept"))

    assert response.status_code == 405
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW


def test_an_unknown_action_is_404(dossier_in, desk_officer):
    assert client_for(desk_officer).post(act_url(dossier_in("new"), "approve_everything")).status_code == 404


def test_the_dossier_page_refuses_post(dossier_in, desk_officer):
    assert client_for(desk_officer).post(detail_url(dossier_in("new"))).status_code == 405


def test_another_communes_officer_gets_404_and_changes_nothing(dossier_in, other_commune_leader):
    dossier = dossier_in("new")
    client = client_for(other_commune_leader)

    assert client.get(detail_url(dossier)).status_code == 404
    assert client.post(act_url(dossier, "accept")).status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW


# --- Indicators -----------------------------------------------------------------------------------------------


def test_the_indicators_show_the_chosen_month(frozen, desk_officer):
    response = client_for(desk_officer).get(INDICATORS, {"month": "2026-01"})

    assert response.status_code == 200
    assert response.context["month"] == "2026-01"
    indicators = response.context["ind"]
    assert (indicators.start, indicators.end) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert "01/01/2026" in html(response) and "31/01/2026" in html(response)


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "1999-05", "march", "2026-3", ""])
def test_a_bad_month_falls_back_to_the_current_one(frozen, desk_officer, month):
    response = client_for(desk_officer).get(INDICATORS, {"month": month})

    assert response.status_code == 200
    assert response.context["month"] == "2026-03"
    assert (response.context["ind"].start, response.context["ind"].end) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    )


def test_the_indicators_count_the_commune_of_the_officer(quiet):
    response = client_for(quiet.desk).get(INDICATORS, {"month": "2026-03"})

    indicators = response.context["ind"]
    assert indicators.unit_path == quiet.unit.path
    assert (indicators.received, indicators.online) == (6, 1)
    assert indicators.counted == 5  # received by the desk (the online one is not yet)


# --- Login and roles, everywhere ------------------------------------------------------------------------------

PAGES = [
    ("get", LIST),
    ("get", f"{LIST}?worklist=overdue"),
    ("get", INTAKE),
    ("post", INTAKE),
    ("get", INDICATORS),
    ("get", "/staff/dossiers/{pk}/"),
    ("post", "/staff/dossiers/{pk}/act/accept/"),
]


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_every_page_needs_login(dossier_in, method, url):
    url = url.format(pk=dossier_in("new").pk)

    response = getattr(Client(), method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_an_officer_without_a_desk_role_gets_403(dossier_in, method, url):
    mobilization = User.objects.select_related("unit").get(username="danvan.songlo")
    url = url.format(pk=dossier_in("new").pk)

    response = getattr(client_for(mobilization), method)(url)

    assert response.status_code == 403


def test_the_hand_off_list_says_what_each_officer_is_handlers_first(dossier_in, desk_officer, commune_leader):
    """The trial officer handed a dossier to the chairman, taking him for a handler: each choice now says the
    officer's position (or roles), and the handlers come before the leaders."""
    User.objects.filter(pk=commune_leader.pk).update(full_name="An Văn Chủ")  # first by name alone
    nameless = make_staff(desk_officer.unit, "xuly2.songlo", Role.CASE_HANDLER)
    User.objects.filter(pk=nameless.pk).update(full_name="Vũ Thị Xử", position="")
    dossier = dossier_in("accepted")

    page = client_for(desk_officer).get(detail_url(dossier)).content.decode()

    select = re.search(r'<select name="transfer-to_user"[^>]*>(.*?)</select>', page, re.S)
    assert select
    options = [
        (int(pk), label.strip())
        for pk, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1))
    ]
    handles = set(User.objects.filter(roles__role=Role.CASE_HANDLER).values_list("pk", flat=True))
    kinds = [pk in handles for pk, _label in options]
    assert kinds == sorted(kinds, reverse=True) and kinds[0] and not kinds[-1]  # handlers, then leaders
    labels = dict(options)
    assert labels[commune_leader.pk] == "An Văn Chủ — Chủ tịch UBND xã"
    assert labels[nameless.pk] == "Vũ Thị Xử — Công chức xử lý"  # no position: his role


def _listed_dossiers(user, **params) -> list[Dossier]:
    page = client_for(user).get("/staff/dossiers/", params).content.decode()
    codes = re.findall(r'<a class="code" href="/staff/dossiers/\d+/">([^<]+)</a>', page)
    assert len(codes) > 3, "the demo's year fills the first page"
    found = {d.code: d for d in Dossier.objects.filter(code__in=codes)}
    return [found[c] for c in codes]


def test_the_list_of_all_dossiers_opens_on_the_newest_and_open_work_on_the_earliest_appointment(desk_officer):
    """The trial found last year's dossiers at the top of "Tất cả": the list of everything is newest first, while
    the lists of open work keep the appointment order (a dossier not yet received, with none, last)."""
    everything = _listed_dossiers(desk_officer, worklist="all")
    submitted = [d.submitted_at for d in everything]
    assert submitted == sorted(submitted, reverse=True)
    newest = scoped(Dossier.objects.all(), desk_officer, path_field="unit_path").latest("submitted_at")
    assert everything[0].submitted_at == newest.submitted_at

    open_work = _listed_dossiers(desk_officer, worklist="unit")
    appointments = [d.current_appointment or dt.date.max for d in open_work]
    assert appointments == sorted(appointments)

    oldest = _listed_dossiers(desk_officer, worklist="all", order="submitted")  # the officer may still choose
    assert [d.submitted_at for d in oldest] == sorted(d.submitted_at for d in oldest) != submitted
