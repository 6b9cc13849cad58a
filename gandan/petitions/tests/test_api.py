"""The petitions' JSON API under /api/v1/petitions/: the public lookup, the scoped list and detail, intake, actions
and reception sessions. No answer ever carries a protected denunciator's identity; errors are JSON {"code",
"message", "errors"}; nothing a person can send gives a 500 (checked with hypothesis)."""

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils.translation import gettext, override
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gandan.petitions import services
from gandan.petitions.models import Petition, PetitionCounter, ProtectedIdentity, Status
from gandan.portal.models import ThrottleHit
from gandan.reception.models import ReceptionDay
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/petitions"
NAME, PHONE, ADDRESS = "Trần Văn Quyết", "0987654321", "Thôn Cao Phong, xã Sông Lô"
EMAIL, CITIZEN_ID = "quyet.tran@example.com", "025085001234"
PERSON = {"name": NAME, "address": ADDRESS, "phone": PHONE, "email": EMAIL, "id_number": CITIZEN_ID}
FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def post_json(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def is_error(response, status: int, code: str) -> bool:
    body = response.json()
    return response.status_code == status and body["code"] == code and body["message"] and "errors" in body


def saved_rows() -> tuple[int, int, int]:
    return (
        Petition.objects.count(),
        ProtectedIdentity.objects.count(),
        sum(PetitionCounter.objects.values_list("last", flat=True)),
    )


@pytest.fixture
def complaint(receive):
    return receive("complaint", persons=[PERSON])


@pytest.fixture
def elsewhere(receive, other_commune, other_commune_leader):
    """A petition of xã Tam Sơn."""
    return receive(
        "reflection", unit=other_commune, by=other_commune_leader, subject="Đèn đường thôn Tam Sơn hỏng"
    )


# --- The lookup (public) --------------------------------------------------------------------------------------------


def lookup(client: Client, code: str, digits: str):
    """As a citizen's app asks: the digits in the body, never in the address."""
    return client.post(
        f"{API}/lookup", {"code": code, "phone_last4": digits}, content_type="application/json"
    )


def test_the_lookup_shows_the_status_and_the_public_steps_but_nothing_personal(
    complaint, commune_leader, case_handler
):
    services.petition_assign(
        petition=complaint, by=commune_leader, assignee=case_handler, note=f"Gặp ông {NAME}"
    )
    services.petition_accept(petition=complaint, by=case_handler)

    response = lookup(Client(), complaint.code, PHONE[-4:])

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "code",
        "kind",
        "kind_label",
        "status",
        "status_label",
        "unit",
        "received_at",
        "statutory_due",
        "handled_to",
        "timeline",
    }
    assert (body["code"], body["kind"], body["status"], body["unit"]) == (
        complaint.code,
        "complaint",
        "accepted",
        "Xã Sông Lô",
    )
    assert body["statutory_due"]
    assert [step["action"] for step in body["timeline"]] == ["receive", "accept"]  # not the assignment
    assert set(body["timeline"][0]) == {"at", "action", "label", "status", "status_label"}
    text = json.dumps(body, ensure_ascii=False)
    for personal in (NAME, PHONE, ADDRESS, CITIZEN_ID, EMAIL, str(case_handler), str(commune_leader)):
        assert personal not in text, personal


def test_wrong_digits_and_an_unknown_code_are_the_same_404(complaint):
    wrong = lookup(Client(), complaint.code, "0000")
    unknown = lookup(Client(), "DT-08848-26-99999", PHONE[-4:])

    assert is_error(wrong, 404, "not_found") and is_error(unknown, 404, "not_found")
    assert wrong.json() == unknown.json()


@pytest.mark.parametrize(
    ("code", "digits"),
    [("{code}", "12a4"), ("{code}", "123"), ("{code}", "12345"), ("DT-0", "4321"), ("{code}", "")],
)
def test_malformed_lookups_are_422_and_not_counted_as_guesses(complaint, code, digits):
    response = lookup(Client(), code.format(code=complaint.code), digits)

    assert is_error(response, 422, "invalid_input")
    assert ThrottleHit.objects.count() == 0


def test_after_10_wrong_guesses_the_api_refuses_even_the_right_digits(complaint):
    client = Client()
    for guess in range(10):
        assert (
            lookup(client, f"DT-08848-26-{guess:05d}", PHONE[-4:]).status_code == 404
        )  # wrong guesses on other codes

    response = lookup(client, complaint.code, PHONE[-4:])

    assert is_error(response, 429, "too_many_attempts")
    assert "status" not in response.json()
    assert lookup(Client(REMOTE_ADDR="10.0.0.7"), complaint.code, PHONE[-4:]).status_code == 200


@FUZZ
@example(code="DT-08848-\x00-0001", digits="1234")  # PostgreSQL refuses a NUL in a text parameter
@given(
    code=st.one_of(st.text(max_size=80), st.integers().map(str)),
    digits=st.one_of(st.text(max_size=8), st.integers(min_value=-(10**30), max_value=10**30).map(str)),
)
def test_no_lookup_input_gives_a_server_error(db, code, digits):
    ThrottleHit.objects.all().delete()  # each example reaches the lookup itself, not the throttle

    response = lookup(Client(), code, digits)

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


# --- The list and one petition -------------------------------------------------------------------------------------


def test_the_list_is_scoped_to_the_users_area(complaint, elsewhere, desk_officer, other_commune_leader):
    mine = client_for(desk_officer).get(f"{API}/", {"limit": 1000}).json()
    theirs = client_for(other_commune_leader).get(f"{API}/", {"limit": 1000}).json()

    assert complaint.code in {row["code"] for row in mine["items"]}
    assert elsewhere.code not in {row["code"] for row in mine["items"]}
    assert all(row["unit"] == "08848" for row in mine["items"])
    assert elsewhere.code in {row["code"] for row in theirs["items"]}
    assert complaint.code not in {row["code"] for row in theirs["items"]}
    assert mine["count"] == Petition.objects.filter(unit_path__startswith="25.08848").count()


def test_a_row_has_only_the_case_fields(complaint, desk_officer):
    row = client_for(desk_officer).get(f"{API}/", {"limit": 1000}).json()["items"][0]

    assert set(row) == {
        "id",
        "code",
        "kind",
        "status",
        "channel",
        "subject",
        "received_at",
        "statutory_due",
        "petitioner_display",
        "signers",
        "unit",
    }


def test_the_list_filters_by_kind_status_and_dates(complaint, receive, desk_officer, case_handler):
    reflection = receive("reflection")
    services.petition_accept(petition=reflection, by=case_handler)
    client = client_for(desk_officer)

    by_kind = client.get(f"{API}/", {"kind": "reflection", "limit": 1000}).json()
    by_status = client.get(f"{API}/", {"status": "accepted", "limit": 1000}).json()
    by_day = client.get(f"{API}/", {"received_from": "2000-01-01", "received_to": "2000-12-31"}).json()
    open_only = client.get(f"{API}/", {"worklist": "new", "limit": 1000}).json()

    assert reflection.code in {r["code"] for r in by_kind["items"]} and {
        r["kind"] for r in by_kind["items"]
    } == {"reflection"}
    assert {r["status"] for r in by_status["items"]} == {"accepted"}
    assert reflection.code in {r["code"] for r in by_status["items"]}
    assert by_day["count"] == 0
    assert complaint.code in {r["code"] for r in open_only["items"]}
    assert reflection.code not in {r["code"] for r in open_only["items"]}


def test_the_list_searches_by_code(complaint, desk_officer):
    body = client_for(desk_officer).get(f"{API}/", {"q": complaint.code}).json()

    assert [row["code"] for row in body["items"]] == [complaint.code]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "petition"},
        {"status": "open"},
        {"channel": "fax"},
        {"worklist": "everything"},
        {"order": "petitioner_display"},
        {"limit": 0},
        {"offset": -1},
        {"limit": 10**20},
        {"received_from": "31/02/2026"},
        {"q": "x" * 101},
    ],
)
def test_bad_list_parameters_are_422(desk_officer, params):
    assert is_error(client_for(desk_officer).get(f"{API}/", params), 422, "invalid_input")


def test_one_petition_with_its_public_steps_and_clocks(complaint, desk_officer):
    body = client_for(desk_officer).get(f"{API}/{complaint.pk}").json()

    assert (body["code"], body["status"]) == (complaint.code, "received")
    with override("vi"):
        assert body["kind_label"] == gettext("Complaint")
    assert [step["action"] for step in body["timeline"]] == ["receive"]
    assert body["clocks"][0]["rule"] == "complaint.accept" and body["clocks"][0]["due"] == str(
        complaint.statutory_due
    )
    assert "actor_name" not in json.dumps(body) and str(desk_officer) not in json.dumps(
        body, ensure_ascii=False
    )


def test_another_communes_petition_is_404(complaint, elsewhere, desk_officer, other_commune_leader):
    assert is_error(client_for(other_commune_leader).get(f"{API}/{complaint.pk}"), 404, "not_found")
    assert is_error(client_for(desk_officer).get(f"{API}/{elsewhere.pk}"), 404, "not_found")
    assert is_error(client_for(desk_officer).get(f"{API}/{10**30}"), 404, "not_found")
    assert is_error(Client().get(f"{API}/{complaint.pk}"), 401, "unauthenticated")
    assert is_error(Client().get(f"{API}/"), 401, "unauthenticated")


# --- Intake ------------------------------------------------------------------------------------------------------------


def intake(**changes) -> dict:
    body = {
        "channel": "direct",
        "parts": [
            {
                "kind": "complaint",
                "subject": "Khiếu nại quyết định thu hồi đất",
                "content": "Tôi không đồng ý với mức bồi thường.",
            }
        ],
        "persons": [PERSON],
    }
    body.update(changes)
    return body


DENUNCIATION = intake(
    channel="post",
    parts=[
        {
            "kind": "denunciation",
            "subject": "Tố cáo trưởng thôn Cao Phong thu tiền trái quy định",
            "content": "Trưởng thôn Cao Phong thu của mỗi hộ 500.000 đồng làm đường, không có quyết định.",
        }
    ],
    original_text=f"Tôi là {NAME}, CCCD {CITIZEN_ID}, điện thoại {PHONE}, ở {ADDRESS}. Tôi tố cáo trưởng thôn…",
)


def test_the_desk_records_a_petition_and_gets_its_code(desk_officer):
    response = post_json(client_for(desk_officer), f"{API}/", intake())

    assert response.status_code == 201
    [row] = response.json()
    assert re.fullmatch(r"DT-08848-\d{2}-\d{5}", row["code"])
    assert (row["status"], row["channel"], row["petitioner_display"], row["unit"]) == (
        "received",
        "direct",
        NAME,
        "08848",
    )
    assert Petition.objects.get(pk=row["id"]).petitioners.get().id_number == CITIZEN_ID


def test_a_mixed_letter_becomes_one_petition_per_matter(desk_officer):
    parts = [
        {"kind": "complaint", "subject": "Khiếu nại thu hồi đất", "content": "Không đồng ý bồi thường."},
        {
            "kind": "recommendation",
            "subject": "Kiến nghị làm đường",
            "content": "Đề nghị bê tông hoá đường thôn.",
        },
    ]

    response = post_json(client_for(desk_officer), f"{API}/", intake(parts=parts))

    assert response.status_code == 201
    assert [row["kind"] for row in response.json()] == ["complaint", "recommendation"]


def test_a_protected_denunciators_identity_is_in_no_api_answer(commune_leader, case_handler):
    client = client_for(commune_leader)

    created = post_json(client, f"{API}/", DENUNCIATION)
    petition_id = created.json()[0]["id"]
    answers = {
        "intake": created,
        "list": client.get(f"{API}/", {"limit": 1000}),
        "search": client.get(f"{API}/", {"q": NAME}),
        "detail": client.get(f"{API}/{petition_id}"),
        "assign": post_json(client, f"{API}/{petition_id}/actions/assign", {"assignee_id": case_handler.pk}),
        "accept": post_json(
            client,
            f"{API}/{petition_id}/actions/accept",
            {"complexity_criteria": 1, "complexity_note": "Phải xác minh ở hai thôn."},
        ),
        "decide": post_json(
            client,
            f"{API}/{petition_id}/actions/decide",
            {"resolution": "Tố cáo đúng một phần; kiểm điểm trưởng thôn."},
        ),
    }

    petition = Petition.objects.get(pk=petition_id)
    assert petition.protected and ProtectedIdentity.objects.get(petition=petition).persons[0]["name"] == NAME
    for where, response in answers.items():
        assert response.status_code in {200, 201}, (where, response.content)
        raw, text = response.content.decode(), json.dumps(response.json(), ensure_ascii=False)
        for value in (NAME, ADDRESS, PHONE, CITIZEN_ID, EMAIL):
            assert value not in raw and value not in text, (where, value)
    assert answers["detail"].json()["petitioner_display"] == petition.petitioner_display != NAME
    # The name does not find the case: it is not on it (the demo's petitions may share the name).
    assert petition.code not in {row["code"] for row in answers["search"].json()["items"]}
    assert answers["decide"].json()["status"] == "resolved"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"parts": []}, id="no-parts"),
        pytest.param({"parts": "Khiếu nại"}, id="parts-not-a-list"),
        pytest.param({"persons": [{"name": "x" * 201}]}, id="name-too-long"),
        pytest.param({"channel": "online"}, id="online-is-the-citizens"),
        pytest.param({"channel": "fax"}, id="unknown-channel"),
        pytest.param({"signers": 0}, id="no-signers"),
        pytest.param({"unit_id": "Sông Lô"}, id="unit-not-a-number"),
        pytest.param({"waived": "maybe"}, id="waived-not-a-boolean"),
    ],
)
def test_a_malformed_body_is_422_with_the_field_named_and_saves_nothing(desk_officer, body):
    before = saved_rows()

    response = post_json(client_for(desk_officer), f"{API}/", intake(**body))

    assert is_error(response, 422, "invalid_input")
    assert response.json()["errors"][0]["field"].split(".")[0] == next(iter(body))
    assert saved_rows() == before


def test_a_body_that_is_not_json_is_a_json_400(desk_officer):
    before = saved_rows()

    response = client_for(desk_officer).post(f"{API}/", "kind=complaint", content_type="application/json")

    assert is_error(response, 400, "http_error")
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"persons": [{**PERSON, "phone": "12345"}]}, "petitioners_invalid", "persons.0.phone"),
        ({"persons": [{**PERSON, "id_number": "02519006789"}]}, "petitioners_invalid", "persons.0.id_number"),
        ({"persons": []}, "petitioners_invalid", "persons.0.name"),
        (
            {"parts": [{"kind": "petition", "subject": "Đơn", "content": "Nội dung"}]},
            "petition_invalid",
            "parts.0.kind",
        ),
        (
            {"parts": [{"kind": "complaint", "subject": " \u200b ", "content": "Nội dung"}]},
            "petition_invalid",
            "parts.0.subject",
        ),
        ({"channel": "forwarded"}, "forwarded_by_required", "forwarded_by"),
        ({"unit_id": 999_999_999}, "unit_invalid", "unit_id"),
        ({"place_id": 999_999_999}, "place_invalid", "place_id"),
    ],
)
def test_a_refused_intake_is_400_with_the_field_and_saves_nothing(desk_officer, changes, code, field):
    before = saved_rows()

    response = post_json(client_for(desk_officer), f"{API}/", intake(**changes))

    assert is_error(response, 400, code)
    assert response.json()["errors"][0]["field"] == field
    assert saved_rows() == before


def test_another_communes_unit_cannot_be_chosen(desk_officer, other_commune):
    response = post_json(client_for(desk_officer), f"{API}/", intake(unit_id=other_commune.pk))

    assert is_error(response, 400, "unit_invalid")


@pytest.mark.parametrize("user", ["case_handler", "party_secretary", "province_supervisor"])
def test_only_the_desk_the_inspector_and_the_leader_record_petitions(request, user):
    before = saved_rows()

    response = post_json(client_for(request.getfixturevalue(user)), f"{API}/", intake())

    assert is_error(response, 403, "forbidden")
    assert saved_rows() == before


def test_intake_needs_login():
    assert is_error(post_json(Client(), f"{API}/", intake()), 401, "unauthenticated")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
INTAKE_FIELDS = [
    "channel",
    "parts",
    "persons",
    "original_text",
    "waived",
    "waiver_note",
    "signers",
    "addressed_to",
    "forwarded_by",
    "unit_id",
    "place_id",
    "sent_to_many",
    "above_level",
    "names_violator_with_evidence",
]
PART = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["complaint", "denunciation", "anonymous", "reflection"])
        | st.text(max_size=12),
        "subject": st.text(max_size=60),
        "content": st.text(max_size=80),
    }
)
PERSON_VALUES = st.fixed_dictionaries(
    {
        "name": st.text(max_size=40),
        "address": st.text(max_size=40),
        "phone": st.text(max_size=22) | st.integers(min_value=0).map(str),
        "email": st.text(max_size=30),
        "id_number": st.text(max_size=20) | st.integers(min_value=0).map(str),
        "representative": st.booleans(),
    }
)


@FUZZ
@given(body=st.dictionaries(st.sampled_from(INTAKE_FIELDS) | st.text(max_size=10), JSON_VALUES, max_size=12))
def test_no_intake_body_gives_a_server_error(desk_officer, body):
    response = post_json(client_for(desk_officer), f"{API}/", body)

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


@FUZZ
@example(
    parts=[{"kind": "complaint", "subject": "\x00", "content": "\x00"}],
    persons=[],
    signers=5,
    channel="direct",
)
@given(
    parts=st.lists(PART, min_size=1, max_size=3),
    persons=st.lists(PERSON_VALUES, max_size=6),
    signers=st.none() | st.integers(min_value=1, max_value=100_000),
    channel=st.sampled_from(["direct", "post", "reception", "forwarded", "leader"]),
)
def test_no_intake_field_value_gives_a_server_error(desk_officer, parts, persons, signers, channel):
    body = {
        "parts": parts,
        "persons": persons,
        "signers": signers,
        "channel": channel,
        "forwarded_by": "Báo Phú Thọ",
    }

    response = post_json(client_for(desk_officer), f"{API}/", body)

    assert response.status_code in {201, 400, 422}, response.content
    if response.status_code == 201:
        assert all(re.fullmatch(r"DT-08848-\d{2}-\d{5}", row["code"]) for row in response.json())


# --- Actions -------------------------------------------------------------------------------------------------------------


def act(user, petition: Petition, action: str, **body):
    return post_json(client_for(user), f"{API}/{petition.pk}/actions/{action}", body)


@pytest.mark.parametrize(
    ("action", "body", "user", "status"),
    [
        ("accept", {}, "case_handler", "accepted"),
        (
            "not_accept",
            {"reason": "Đã hết thời hiệu khiếu nại.", "number": "12/TB-UBND"},
            "desk_officer",
            "not_accepted",
        ),
        ("guide", {"to_body": "Thanh tra tỉnh Phú Thọ"}, "desk_officer", "guided"),
        (
            "forward",
            {"to_body": "Sở Tài nguyên và Môi trường", "reason": "Không thuộc thẩm quyền"},
            "inspector",
            "forwarded",
        ),
        ("file", {"reason": "Đơn không có chữ ký."}, "desk_officer", "filed"),
        ("withdraw", {"reason": "Bà Hoa rút đơn bằng văn bản ngày 05/03."}, "desk_officer", "withdrawn"),
    ],
)
def test_an_action_moves_the_status(request, complaint, action, body, user, status):
    response = act(request.getfixturevalue(user), complaint, action, **body)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == status
    complaint.refresh_from_db()
    assert complaint.status == status
    assert response.json()["timeline"][-1]["action"] == action


def test_assign_then_decide(complaint, commune_leader, case_handler):
    assigned = act(
        commune_leader, complaint, "assign", assignee_id=case_handler.pk, note="Xác minh trong 5 ngày"
    )
    accepted = act(case_handler, complaint, "accept")
    decided = act(
        case_handler,
        complaint,
        "decide",
        resolution="Giữ nguyên quyết định số 15/QĐ-UBND.",
        number="20/QĐ-UBND",
    )

    assert (assigned.status_code, assigned.json()["status"], assigned.json()["assignee_id"]) == (
        200,
        "received",
        case_handler.pk,
    )
    assert accepted.json()["status"] == "accepted"
    assert decided.json()["status"] == "resolved"
    assert [s["action"] for s in decided.json()["timeline"]] == ["receive", "accept", "decide"]


@pytest.mark.parametrize(
    ("action", "body", "status", "code"),
    [
        ("not_accept", {"reason": " "}, 400, "reason_required"),
        ("guide", {}, 400, "to_body_required"),
        ("file", {}, 400, "reason_required"),
        ("decide", {"resolution": "Giữ nguyên"}, 409, "transition_not_allowed"),
        ("assign", {}, 400, "assignee_invalid"),
        ("assign", {"assignee_id": 999_999}, 400, "assignee_invalid"),
        ("accept", {"complexity_criteria": 9}, 422, "invalid_input"),
        ("assign", {"handler_due": "31/02/2026"}, 422, "invalid_input"),
        ("merge", {}, 422, "invalid_input"),
        ("fly", {}, 422, "invalid_input"),
    ],
)
def test_a_refused_action_is_a_json_error_and_changes_nothing(
    complaint, commune_leader, action, body, status, code
):
    before = complaint.steps.count()

    response = act(commune_leader, complaint, action, **body)

    assert is_error(response, status, code)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.steps.count()) == (Status.RECEIVED, before)


def test_a_second_acceptance_is_409(complaint, case_handler):
    assert act(case_handler, complaint, "accept").status_code == 200

    assert is_error(act(case_handler, complaint, "accept"), 409, "transition_not_allowed")


def test_assigning_an_officer_of_another_commune_is_400(complaint, commune_leader):
    from gandan.accounts.models import User

    stranger = User.objects.get(username="xuly.tamson")

    response = act(commune_leader, complaint, "assign", assignee_id=stranger.pk)

    assert is_error(response, 400, "assignee_invalid")
    complaint.refresh_from_db()
    assert complaint.assignee_id is None


@pytest.mark.parametrize(
    ("action", "user"),
    [
        ("accept", "desk_officer"),
        ("assign", "case_handler"),
        ("decide", "desk_officer"),
        ("file", "party_secretary"),
    ],
)
def test_an_action_outside_the_role_is_403(request, complaint, action, user):
    assert is_error(act(request.getfixturevalue(user), complaint, action, reason="x"), 403, "forbidden")


def test_another_communes_officer_cannot_act(complaint, other_commune_leader):
    assert is_error(act(other_commune_leader, complaint, "accept"), 404, "not_found")
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_actions_need_post_and_login(complaint, desk_officer):
    assert client_for(desk_officer).get(f"{API}/{complaint.pk}/actions/accept").status_code == 405
    assert is_error(post_json(Client(), f"{API}/{complaint.pk}/actions/accept", {}), 401, "unauthenticated")


ACTION_FIELDS = [
    "reason",
    "number",
    "to_body",
    "complex_case",
    "complexity_criteria",
    "complexity_note",
    "remote_area",
    "assignee_id",
    "resolver_id",
    "handler_due",
    "note",
    "resolution",
]


@FUZZ
@given(
    action=st.sampled_from(
        ["accept", "not_accept", "guide", "forward", "file", "assign", "decide", "withdraw"]
    ),
    body=st.dictionaries(st.sampled_from(ACTION_FIELDS) | st.text(max_size=8), JSON_VALUES, max_size=8),
)
def test_no_action_body_gives_a_server_error(complaint, commune_leader, action, body):
    response = post_json(client_for(commune_leader), f"{API}/{complaint.pk}/actions/{action}", body)

    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")


# --- Reception sessions ----------------------------------------------------------------------------------------------


def test_reception_sessions_are_listed_in_the_users_area(
    home_commune, other_commune, commune_leader, other_commune_leader, desk_officer
):
    ours = ReceptionDay.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        leader=commune_leader,
        leader_kind="commune_chairman",
        day=dt.date(2026, 3, 5),
        place="Trụ sở UBND xã Sông Lô",
        held=True,
    )
    theirs = ReceptionDay.objects.create(
        unit=other_commune,
        unit_path=other_commune.path,
        leader=other_commune_leader,
        leader_kind="commune_chairman",
        day=dt.date(2026, 3, 5),
        place="Trụ sở UBND xã Tam Sơn",
        ad_hoc=True,
        ad_hoc_reason="Đông người",
    )

    body = client_for(desk_officer).get(f"{API}/reception/sessions", {"limit": 1000}).json()

    rows = {row["id"]: row for row in body["items"]}
    assert ours.pk in rows and theirs.pk not in rows
    assert rows[ours.pk] == {
        "id": ours.pk,
        "unit": "08848",
        "leader": str(commune_leader),
        "leader_kind": "commune_chairman",
        "day": "2026-03-05",
        "place": "Trụ sở UBND xã Sông Lô",
        "held": True,
        "ad_hoc": False,
    }
    held = client_for(desk_officer).get(f"{API}/reception/sessions", {"held": "false", "limit": 1000}).json()
    assert ours.pk not in {row["id"] for row in held["items"]}


@pytest.mark.parametrize("params", [{"day_from": "05/03/2026"}, {"leader_kind": "king"}, {"limit": 0}])
def test_bad_reception_parameters_are_422(desk_officer, params):
    assert is_error(client_for(desk_officer).get(f"{API}/reception/sessions", params), 422, "invalid_input")


def test_reception_sessions_need_login():
    assert is_error(Client().get(f"{API}/reception/sessions"), 401, "unauthenticated")


def test_an_intake_with_several_wrong_fields_reports_each_of_them(desk_officer):
    body = {
        "channel": "direct",
        "parts": [{"kind": "complaint", "subject": "", "content": " "}],
        "persons": [{"name": "", "address": "Thôn Đồng Thịnh", "phone": "12"}],
    }
    response = client_for(desk_officer).post("/api/v1/petitions/", body, content_type="application/json")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"parts.0.subject", "parts.0.content"} <= fields or {"persons.0.name", "persons.0.phone"} <= fields
    assert all(e["message"] for e in response.json()["errors"])


def test_a_search_page_says_whether_more_matches_follow(receive, desk_officer):
    for n in range(4):
        receive(subject=f"Phản ánh xưởng gỗ gây ồn số {n}", content="Xưởng gỗ chạy máy cưa sau 22 giờ.")
    client = client_for(desk_officer)
    first = client.get("/api/v1/petitions/", {"q": "xuong go", "limit": 2}).json()
    assert [i["subject"][-4:] for i in first["items"]] == ["số 3", "số 2"]  # newest first
    assert first["count"] == 3  # this page's 2, and more after it
    last = client.get("/api/v1/petitions/", {"q": "xuong go", "limit": 2, "offset": 2}).json()
    assert len(last["items"]) == 2 and last["count"] == 4  # the end: exact
    everything = client.get("/api/v1/petitions/", {"limit": 1}).json()
    assert everything["count"] >= 4  # without a search the count is exact
