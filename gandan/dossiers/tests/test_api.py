"""The desk's JSON API under /api/v1/dossiers/: the catalogue and the lookup (public), intake, lists, actions and
indicators (staff session, scoped). Errors are JSON {"code", "message", "errors"}; nothing a person can send gives
a 500 (checked with hypothesis)."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gandan.accounts.models import User
from gandan.dossiers import services
from gandan.dossiers.models import Dossier, DossierCounter, Procedure, Status
from gandan.dossiers.tests.factories import local, make_procedure, received, submit
from gandan.portal.models import ThrottleHit
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/dossiers"
NAME, PHONE, ADDRESS, CITIZEN_ID = "Lường Thị Xuân", "0978123456", "Xóm Khe Cát, thôn Bến Đò", "025190067890"
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


@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


@pytest.fixture
def dossier(procedure, home_commune, desk_officer):
    return received(procedure, home_commune, desk_officer, name=NAME, phone=PHONE, id_number=CITIZEN_ID)


# --- The catalogue (public) -----------------------------------------------------------------------------------


def test_the_procedures_in_force_are_public_with_their_papers():
    response = Client().get(f"{API}/procedures")

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert set(rows) == set(Procedure.objects.filter(valid_to__isnull=True).values_list("code", flat=True))
    assert "1.003554" not in rows  # expired in 2024
    assert rows["1.001193"]["name"] == "Đăng ký khai sinh"
    assert rows["1.001193"]["components"] and {"name", "copy_kind", "count", "required"} == set(
        rows["1.001193"]["components"][0]
    )


def test_the_catalogue_is_searched_without_diacritics():
    response = Client().get(f"{API}/procedures", {"q": "ket hon"})

    assert [row["name"] for row in response.json()] == ["Đăng ký kết hôn"]


# --- The lookup (public) --------------------------------------------------------------------------------------


def lookup(client: Client, code: str, digits: str):
    """As a citizen's app asks: the digits in the body, never in the address."""
    return client.post(f"{API}/lookup", {"code": code, "last4": digits}, content_type="application/json")


def test_the_lookup_shows_the_status_and_the_timeline_but_nothing_personal(
    dossier, desk_officer, case_handler
):
    services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler, note=f"Của bà {NAME}")
    services.dossier_complete(
        dossier=dossier, by=case_handler, result_note=f"Đã cấp cho bà {NAME}, {ADDRESS}"
    )

    response = lookup(Client(), dossier.code, PHONE[-4:])

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "code",
        "procedure",
        "unit",
        "status",
        "status_label",
        "submitted_at",
        "appointment",
        "current_appointment",
        "timeline",
    }
    assert (body["code"], body["status"], body["unit"]) == (dossier.code, Status.PROCESSED, "Xã Sông Lô")
    assert [step["action"] for step in body["timeline"]] == [
        "submit",
        "accept",
        "complete",
    ]  # not the hand-off
    dossier.refresh_from_db()
    assert body["appointment"] == body["current_appointment"] == dossier.appointment.isoformat()

    def ms(value):  # the API writes times to the millisecond, in UTC
        return (
            dt.datetime.fromisoformat(value)
            if isinstance(value, str)
            else value.replace(microsecond=value.microsecond // 1000 * 1000)
        )

    assert ms(body["submitted_at"]) == ms(dossier.submitted_at)
    steps = list(dossier.steps.filter(public=True).order_by("at", "id"))
    assert [ms(step["at"]) for step in body["timeline"]] == [ms(s.at) for s in steps]
    assert body["timeline"][1]["status_label"] == "Được tiếp nhận"
    for personal in (NAME, PHONE, ADDRESS, CITIZEN_ID, str(case_handler)):
        assert personal not in response.content.decode("unicode_escape"), personal
        assert personal not in json.dumps(body, ensure_ascii=False), personal


def test_wrong_digits_are_404_json(dossier):
    response = lookup(Client(), dossier.code, "0000")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("code", "digits"), [("{code}", "12a4"), ("{code}", "123"), ("{code}", "12345"), ("0884", "3456")]
)
def test_malformed_lookups_are_422_and_not_counted_as_guesses(dossier, code, digits):
    response = lookup(Client(), code.format(code=dossier.code), digits)

    assert is_error(response, 422, "invalid_input")
    assert ThrottleHit.objects.count() == 0


def test_after_10_wrong_guesses_the_api_refuses_even_the_right_digits(dossier):
    client = Client()
    for guess in range(10):
        assert (
            lookup(client, f"08848-260101-{guess:04d}", PHONE[-4:]).status_code == 404
        )  # wrong guesses on other codes

    response = lookup(client, dossier.code, PHONE[-4:])

    assert is_error(response, 429, "too_many_attempts")
    assert "status" not in response.json()


@FUZZ
@example(code="08848-\x00-0001", digits="1234")  # PostgreSQL refuses a NUL in a text parameter
@given(
    code=st.one_of(st.text(max_size=80), st.integers().map(str)),
    digits=st.one_of(st.text(max_size=8), st.integers(min_value=-(10**30), max_value=10**30).map(str)),
)
def test_no_lookup_input_gives_a_server_error(db, code, digits):
    ThrottleHit.objects.all().delete()  # each example reaches the lookup itself, not the throttle

    response = lookup(Client(), code, digits)

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


# --- Intake ---------------------------------------------------------------------------------------------------


def intake(procedure: Procedure, **changes) -> dict:
    body = {
        "procedure_id": procedure.pk,
        "applicant_name": NAME,
        "applicant_phone": PHONE,
        "applicant_address": ADDRESS,
        "id_number": CITIZEN_ID,
        "channel": 1,
        "sets": 1,
        "present_component_ids": list(procedure.components.values_list("id", flat=True)),
    }
    body.update(changes)
    return body


def saved_rows() -> tuple[int, int]:
    return Dossier.objects.count(), sum(DossierCounter.objects.values_list("last", flat=True))


def test_the_desk_receives_a_dossier_and_gets_its_code_and_appointment(procedure, desk_officer):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        response = post_json(client_for(desk_officer), f"{API}/", intake(procedure))

    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"08848-260302-\d{4}", body["code"])
    assert (body["status"], body["appointment"], body["channel"]) == (Status.ACCEPTED, "2026-03-05", 1)
    assert Dossier.objects.get(pk=body["id"]).identity.id_number == CITIZEN_ID


def test_the_code_follows_the_unit_day_and_sequence_format(procedure, desk_officer):
    client = client_for(desk_officer)
    with time_machine.travel(local(2026, 3, 3, 10), tick=False):
        codes = [
            post_json(client, f"{API}/", intake(procedure, accept=False)).json()["code"] for _ in range(3)
        ]

    first = int(codes[0].rsplit("-", 1)[1])
    assert codes == [f"08848-260303-{seq:04d}" for seq in range(first, first + 3)]


def test_without_accept_the_dossier_stays_new(procedure, desk_officer):
    response = post_json(client_for(desk_officer), f"{API}/", intake(procedure, accept=False))

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["received_at"], response.json()["appointment"]) == (
        1,
        None,
        None,
    )


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"applicant_name": None}, id="name-null"),
        pytest.param({"sets": 0}, id="no-sets"),
        pytest.param({"channel": 7}, id="unknown-channel"),
        pytest.param({"procedure_id": "khai sinh"}, id="procedure-not-a-number"),
        pytest.param({"applicant_name": "x" * 201}, id="name-too-long"),
        pytest.param({"present_component_ids": "all"}, id="papers-not-a-list"),
    ],
)
def test_a_malformed_body_is_422_with_the_fields_named_and_saves_nothing(procedure, desk_officer, body):
    before = saved_rows()

    response = post_json(client_for(desk_officer), f"{API}/", intake(procedure, **body))

    assert is_error(response, 422, "invalid_input")
    # The body's parameter is named in front ("payload.sets"): gandan/api.py strips only "body", "query", "path".
    assert [error["field"].rsplit(".", 1)[-1] for error in response.json()["errors"]] == list(body)
    assert saved_rows() == before


def test_a_body_that_is_not_json_is_a_json_400(procedure, desk_officer):
    before = saved_rows()

    response = client_for(desk_officer).post(f"{API}/", "applicant_name=An", content_type="application/json")

    assert is_error(response, 400, "http_error")
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"id_number": "02519006789"}, "applicant_invalid", "id_number"),
        ({"applicant_phone": "12345"}, "applicant_invalid", "applicant_phone"),
        ({"applicant_name": " \u200b "}, "applicant_invalid", "applicant_name"),
        ({"applicant_email": "xuan@"}, "applicant_invalid", "applicant_email"),
        ({"procedure_id": 999_999_999}, "procedure_unknown", "procedure_id"),
    ],
)
def test_a_refused_intake_is_400_with_the_field_and_saves_nothing(
    procedure, desk_officer, changes, code, field
):
    before = saved_rows()

    response = post_json(client_for(desk_officer), f"{API}/", intake(procedure, **changes))

    assert is_error(response, 400, code)
    assert response.json()["errors"][0]["field"] == field
    assert saved_rows() == before


def test_every_refused_field_of_an_intake_is_answered_in_vietnamese(procedure, desk_officer):
    response = post_json(
        client_for(desk_officer),
        f"{API}/",
        intake(procedure, applicant_phone="12345", applicant_email="xuan@"),
    )

    assert is_error(response, 400, "applicant_invalid")
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages == {
        "applicant_phone": "Vui lòng nhập số điện thoại Việt Nam gồm 10 chữ số, bắt đầu bằng số 0, ví dụ: 0912345678.",
        "applicant_email": "Vui lòng nhập địa chỉ thư điện tử hợp lệ, ví dụ: ten@example.com, hoặc để trống.",
    }


def test_every_field_the_schema_refuses_is_answered_with_what_to_fix_in_vietnamese(desk_officer):
    response = post_json(client_for(desk_officer), f"{API}/", {"applicant_phone": "0" * 21, "sets": "nhiều"})

    assert is_error(response, 422, "invalid_input")
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["applicant_phone"] == "applicant_phone: tối đa 20 ký tự."
    assert messages["sets"] == "sets: vui lòng nhập một số nguyên."
    assert messages["applicant_name"] == "Vui lòng nhập applicant_name."


def test_a_field_of_fixed_choices_names_them_when_refused(desk_officer):
    # The duplicate check's "kind" and the petitions' channel are fields of fixed choices: the answer lists them.
    response = post_json(
        client_for(desk_officer),
        "/api/v1/petitions/duplicate-check",
        {"kind": "đơn", "content": "Đường hỏng."},
    )

    assert is_error(response, 422, "invalid_input")
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["kind"] == (
        "kind: chọn một trong các giá trị complaint, denunciation, recommendation, reflection, anonymous."
    )


def test_an_expired_procedure_is_unknown(desk_officer):
    expired = Procedure.objects.get(valid_to__isnull=False)

    response = post_json(client_for(desk_officer), f"{API}/", intake(expired))

    assert is_error(response, 400, "procedure_unknown")


@pytest.mark.parametrize("user", ["case_handler", "party_secretary", "province_supervisor"])
def test_only_the_desk_and_the_leader_receive_through_the_api(request, procedure, user):
    before = saved_rows()

    response = post_json(client_for(request.getfixturevalue(user)), f"{API}/", intake(procedure))

    assert is_error(response, 403, "forbidden")
    assert saved_rows() == before


def test_intake_needs_login(procedure):
    assert is_error(post_json(Client(), f"{API}/", intake(procedure)), 401, "unauthenticated")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
INTAKE_FIELDS = [
    "procedure_id",
    "channel",
    "applicant_name",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "id_number",
    "request",
    "sets",
    "present_component_ids",
    "accept",
]


@FUZZ
@given(body=st.dictionaries(st.sampled_from(INTAKE_FIELDS) | st.text(max_size=10), JSON_VALUES, max_size=12))
def test_no_intake_body_gives_a_server_error(desk_officer, body):
    response = post_json(client_for(desk_officer), f"{API}/", body)

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


@FUZZ
@given(
    procedure_id=st.integers(),
    name=st.text(max_size=60),
    phone=st.text(max_size=24) | st.integers().map(str),
    address=st.text(max_size=60),
    email=st.text(max_size=40),
    id_number=st.text(max_size=20) | st.integers(min_value=0).map(str),
    request_text=st.text(max_size=100),
    sets=st.integers(),
    channel=st.integers(),
    components=st.lists(st.integers(), max_size=5),
    accept=st.booleans(),
)
def test_no_intake_field_value_gives_a_server_error(
    procedure,
    desk_officer,
    procedure_id,
    name,
    phone,
    address,
    email,
    id_number,
    request_text,
    sets,
    channel,
    components,
    accept,
):
    body = {
        "procedure_id": procedure_id if procedure_id % 3 else procedure.pk,
        "applicant_name": name,
        "applicant_phone": phone,
        "applicant_address": address,
        "applicant_email": email,
        "id_number": id_number,
        "request": request_text,
        "sets": sets,
        "channel": channel,
        "present_component_ids": components,
        "accept": accept,
    }

    response = post_json(client_for(desk_officer), f"{API}/", body)

    assert response.status_code in {201, 400, 422}
    if response.status_code == 201:
        assert re.fullmatch(r"08848-\d{6}-\d{4}", response.json()["code"])


# --- Lists and one dossier ------------------------------------------------------------------------------------


def test_the_list_is_scoped_filtered_and_paged(desk_officer):
    client = client_for(desk_officer)
    mine = Dossier.objects.filter(unit_path__startswith="25.08848")

    first = client.get(f"{API}/", {"worklist": "all", "limit": 5, "offset": 0}).json()
    second = client.get(f"{API}/", {"worklist": "all", "limit": 5, "offset": 5}).json()

    assert first["count"] == mine.count() > 10
    assert len(first["items"]) == len(second["items"]) == 5
    assert {row["id"] for row in first["items"]}.isdisjoint({row["id"] for row in second["items"]})
    assert all(row["code"].startswith("08848-") for row in first["items"] + second["items"])


def test_the_list_filters_by_code_and_status(dossier, desk_officer):
    client = client_for(desk_officer)

    by_code = client.get(f"{API}/", {"worklist": "all", "q": dossier.code}).json()
    by_status = client.get(f"{API}/", {"worklist": "all", "status": 5, "limit": 1000}).json()

    assert [row["code"] for row in by_code["items"]] == [dossier.code]
    assert by_code["items"][0]["procedure"] == "Đăng ký khai sinh"
    assert by_status["count"] == Dossier.objects.filter(unit_path__startswith="25.08848", status=5).count()
    assert {row["status"] for row in by_status["items"]} <= {5}


def test_control_characters_in_the_search_are_ignored(dossier, desk_officer):
    body = client_for(desk_officer).get(f"{API}/", {"worklist": "all", "q": f"\x00{dossier.code}\x07"}).json()

    assert [row["code"] for row in body["items"]] == [dossier.code]


def test_another_commune_lists_none_of_song_los_dossiers(dossier, other_commune_leader):
    body = client_for(other_commune_leader).get(f"{API}/", {"worklist": "all", "limit": 1000}).json()

    assert body["count"] > 0
    assert not any(row["code"].startswith("08848-") for row in body["items"])
    assert (
        client_for(other_commune_leader)
        .get(f"{API}/", {"worklist": "all", "q": dossier.code})
        .json()["count"]
        == 0
    )


@pytest.mark.parametrize(
    "params",
    [
        {"worklist": "everything"},
        {"status": 11},
        {"channel": 0},
        {"order": "applicant_name"},
        {"limit": 0},
        {"offset": -1},
        {"received_from": "31/02/2026"},
    ],
)
def test_bad_list_parameters_are_422(desk_officer, params):
    assert is_error(client_for(desk_officer).get(f"{API}/", params), 422, "invalid_input")


def test_an_offset_past_the_end_is_an_empty_page(desk_officer):
    body = client_for(desk_officer).get(f"{API}/", {"worklist": "all", "offset": 1_000_000}).json()

    assert body["items"] == [] and body["count"] > 0


@pytest.mark.parametrize(
    "params", [{"offset": 10**20}, {"limit": 10**20}, {"limit": 2**63 - 1}, {"limit": 1001}]
)
def test_a_page_beyond_the_databases_integers_is_422_not_500(desk_officer, params):
    assert is_error(
        client_for(desk_officer).get(f"{API}/", {"worklist": "all", **params}), 422, "invalid_input"
    )


def test_one_dossier_is_404_outside_the_commune(dossier, desk_officer, other_commune_leader):
    assert client_for(desk_officer).get(f"{API}/{dossier.pk}").json()["code"] == dossier.code
    assert is_error(client_for(other_commune_leader).get(f"{API}/{dossier.pk}"), 404, "not_found")
    assert is_error(Client().get(f"{API}/{dossier.pk}"), 401, "unauthenticated")


# --- Actions --------------------------------------------------------------------------------------------------


def act(user, dossier: Dossier, action: str, **body):
    return post_json(client_for(user), f"{API}/{dossier.pk}/actions/{action}", body)


def test_accept_moves_a_new_dossier(procedure, home_commune, desk_officer):
    dossier = submit(procedure, home_commune, channel=2)

    response = act(desk_officer, dossier, "accept")

    assert response.status_code == 200
    assert response.json()["status"] == Status.ACCEPTED


def test_transfer_to_a_handler_of_the_commune(dossier, desk_officer, case_handler):
    response = act(desk_officer, dossier, "transfer", to_user_id=case_handler.pk, step_days=1)

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["handler_id"]) == (Status.IN_PROGRESS, case_handler.pk)


@pytest.mark.parametrize("stranger", ["xuly.tamson", "chutich.tamson", "motcua.songlo", "nobody"])
def test_transfer_to_anyone_but_a_handler_of_the_commune_is_400(dossier, desk_officer, stranger):
    user = User.objects.filter(username=stranger).first()

    response = act(desk_officer, dossier, "transfer", to_user_id=user.pk if user else 999_999_999)

    assert is_error(response, 400, "handler_invalid")
    assert response.json()["errors"][0]["field"] == "to_user"
    dossier.refresh_from_db()
    assert (dossier.status, dossier.handler_id) == (Status.ACCEPTED, None)


@pytest.mark.parametrize(
    ("action", "body", "status", "code"),
    [
        ("request_supplement", {"items": [], "reason": "Thiếu"}, 400, "items_required"),
        ("request_supplement", {"items": ["Giấy chứng sinh"]}, 400, "reason_required"),
        ("request_payment", {}, 400, "amount_invalid"),
        ("request_payment", {"amount": 0}, 422, "invalid_input"),
        ("apologize", {"reason": "Chậm"}, 400, "new_appointment_invalid"),
        (
            "apologize",
            {"reason": "Chậm", "new_appointment": "2099-01-02"},
            409,
            "apology_not_due",
        ),  # not late
        ("stop", {"reason": ""}, 400, "reason_required"),
        ("accept", {}, 409, "transition_not_allowed"),
        ("return_result", {}, 409, "transition_not_allowed"),
        ("fly", {}, 422, "invalid_input"),
    ],
)
def test_a_refused_action_is_a_json_error_and_changes_nothing(
    dossier, commune_leader, action, body, status, code
):
    before = dossier.steps.count()

    response = act(commune_leader, dossier, action, **body)

    assert is_error(response, status, code)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.steps.count()) == (Status.ACCEPTED, before)


@pytest.mark.parametrize(
    ("action", "user"),
    [
        ("complete", "desk_officer"),
        ("transfer", "party_secretary"),
        ("stop", "desk_officer"),
        ("return_result", "case_handler"),
    ],
)
def test_an_action_outside_the_role_is_403(dossier, request, action, user):
    assert is_error(act(request.getfixturevalue(user), dossier, action, reason="x"), 403, "forbidden")


def test_another_communes_officer_cannot_act(procedure, home_commune, other_commune_leader):
    dossier = submit(procedure, home_commune, channel=2)

    assert is_error(act(other_commune_leader, dossier, "accept"), 404, "not_found")
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW


def test_actions_need_post(dossier, desk_officer):
    assert client_for(desk_officer).get(f"{API}/{dossier.pk}/actions/accept").status_code == 405


# --- Indicators -----------------------------------------------------------------------------------------------


def test_the_indicators_of_a_month(desk_officer):
    response = client_for(desk_officer).get(f"{API}/indicators", {"month": "2026-03"})

    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2026-03-01", "2026-03-31")
    assert {"counted", "on_time", "on_time_rate", "online_rate", "satisfaction_54", "average_days"} <= set(
        body
    )


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-3", "march", ""])
def test_a_bad_month_is_422(desk_officer, month):
    assert is_error(client_for(desk_officer).get(f"{API}/indicators", {"month": month}), 422, "invalid_input")


def test_the_indicators_need_login():
    assert is_error(Client().get(f"{API}/indicators", {"month": "2026-03"}), 401, "unauthenticated")


def test_the_indicators_of_february_end_on_the_28th(desk_officer):
    body = client_for(desk_officer).get(f"{API}/indicators", {"month": "2026-02"}).json()

    assert body["end"] == dt.date(2026, 2, 28).isoformat()
