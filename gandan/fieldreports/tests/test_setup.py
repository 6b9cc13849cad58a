"""The field reports' setup: who may change what (the province's catalogue of categories, questions and time limits;
a commune's village points), a time limit corrected by a new row that only reports from its day follow, and bad
input named in Vietnamese with nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.models import User
from gandan.audit.models import Event
from gandan.errors import DomainError, NotAllowed
from gandan.fieldreports.models import Attribute, Category, FieldReport, PlacePoint, TimerRule
from gandan.fieldreports.services import ReportFacts, report_receive
from gandan.fieldreports.services.setup import (
    AttributeFacts,
    CategoryFacts,
    attribute_save,
    category_delete,
    category_save,
    place_save,
    timer_add,
)
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


@pytest.fixture
def supervisor():
    return user("giamsat.phutho")


@pytest.fixture
def chair():
    return user("chutich.songlo")


@pytest.fixture
def desk():
    return user("motcua.songlo")


@pytest.fixture
def pothole():
    return Category.objects.get(code="duong-hu-hong")


def village_of(code: str) -> Unit:
    commune = Unit.objects.get(code=code, valid_to__isnull=True)
    village = commune.children.filter(valid_to__isnull=True).order_by("name").first()
    assert village is not None
    return village


# --- Who may do what -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, args",
    [("setup", ()), ("places", ()), ("category_new", ()), ("category_edit", ("pothole",))],
)
def test_a_desk_officer_is_refused_every_setup_page(desk, pothole, name, args):
    url = reverse(f"fieldreports:{name}", args=[pothole.pk for _ in args])
    assert client_for(desk).get(url).status_code == 403


def test_the_chairman_reads_the_categories_but_may_not_change_them(chair, pothole):
    client = client_for(chair)
    assert client.get(reverse("fieldreports:setup")).status_code == 200
    page = client.get(reverse("fieldreports:category_edit", args=[pothole.pk]))
    assert page.status_code == 200 and b'name="name"' not in page.content
    assert client.get(reverse("fieldreports:category_new")).status_code == 403
    assert client.get(reverse("fieldreports:timer_add", args=[pothole.pk])).status_code == 403
    refused = client.post(reverse("fieldreports:category_edit", args=[pothole.pk]), {"name": "Đổi tên"})
    assert refused.status_code == 403
    with pytest.raises(NotAllowed):
        timer_add(category=pothole, valid_from=timezone.localdate(), days=2, source="QĐ 1", by=chair)
    assert Category.objects.get(pk=pothole.pk).name == pothole.name


def test_the_chairman_keeps_the_points_of_his_commune_only(chair):
    mine, other = village_of("08848"), village_of("08824")
    client = client_for(chair)
    saved = client.post(
        reverse("fieldreports:place_edit", args=[mine.pk]),
        {"lat": "21,3001", "long": "105.4002", "source": "Đo tại nhà văn hoá"},
    )
    assert saved.status_code == 302
    point = PlacePoint.objects.get(unit=mine)
    assert (point.lat, point.long) == (Decimal("21.300100"), Decimal("105.400200"))
    assert client.get(reverse("fieldreports:place_edit", args=[other.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        place_save(unit=other, lat="21.3", long="105.4", source="", by=chair)
    assert Event.objects.filter(action="fieldreports.place_save", actor=chair).exists()


def test_the_places_page_lists_the_villages_without_a_point(chair):
    village = village_of("08848")
    PlacePoint.objects.filter(unit=village).delete()
    page = client_for(chair).get(reverse("fieldreports:places"), {"missing": "on"})
    assert page.status_code == 200
    assert village.name in page.content.decode()
    assert village_of("08824").name not in page.content.decode()


def test_the_supervisor_creates_a_category_with_a_question_and_a_time_limit(supervisor):
    client = client_for(supervisor)
    made = client.post(
        reverse("fieldreports:category_new"),
        {
            "code": "cay-do",
            "name": "Cây đổ, cành gãy",
            "level": "commune",
            "handler_role": "case_handler",
            "order": "50",
            "active": "on",
        },
    )
    assert made.status_code == 302
    category = Category.objects.get(code="cay-do")
    stamp = category.changed_at
    asked = client.post(
        reverse("fieldreports:attribute_new", args=[category.pk]),
        {
            "code": "chan_duong",
            "description": "Cây có chắn đường không?",
            "datatype": "singlevaluelist",
            "options": "co | Có\nkhong | Không",
            "variable": "on",
            "required": "on",
            "order": "1",
        },
    )
    assert asked.status_code == 302
    question = Attribute.objects.get(category=category)
    assert question.values == [{"key": "co", "name": "Có"}, {"key": "khong", "name": "Không"}]
    assert Category.objects.get(pk=category.pk).changed_at > stamp  # Open311's changeset moves
    day = timezone.localdate() + dt.timedelta(days=3)
    timed = client.post(
        reverse("fieldreports:timer_add", args=[category.pk]),
        {"valid_from": day.strftime("%d/%m/%Y"), "days": "4", "source": "QĐ số 9/QĐ-UBND"},
    )
    assert timed.status_code == 302
    assert TimerRule.objects.get(category=category).valid_from == day
    actions = set(Event.objects.filter(actor=supervisor).values_list("action", flat=True))
    assert {"fieldreports.category_save", "fieldreports.attribute_save", "fieldreports.timer_add"} <= actions


# --- A time limit is versioned ---------------------------------------------------------------------------------------


def test_a_new_time_limit_applies_from_its_day_and_never_to_reports_before(supervisor, pothole):
    tz = timezone.get_current_timezone()
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)

    def receive(day: dt.date) -> FieldReport:
        return report_receive(
            facts=ReportFacts(
                category=pothole,
                description="Ổ gà",
                address="Thôn Đồng Thịnh",
                commune=commune,
                attributes={"muc_do": ["nho"]},
            ),
            channel=FieldReport.Channel.STAFF,
            at=dt.datetime.combine(day, dt.time(9), tzinfo=tz),
        )

    before = receive(dt.date(2026, 12, 4))  # a Friday, under the 5 days of the demo's rule
    assert before.due == dt.date(2026, 12, 11)
    timer_add(
        category=pothole,
        valid_from=dt.date(2026, 12, 7),
        days=2,
        source="QĐ số 15/QĐ-UBND",
        by=supervisor,
        today=dt.date(2026, 12, 4),
    )
    same_day = receive(dt.date(2026, 12, 4))
    after = receive(dt.date(2026, 12, 7))  # a Monday: 2 working days
    assert same_day.due == dt.date(2026, 12, 11)
    assert after.due == dt.date(2026, 12, 9)
    assert FieldReport.objects.get(pk=before.pk).due == dt.date(2026, 12, 11)
    assert TimerRule.objects.filter(category=pothole).count() == 2  # the old row is kept, unchanged


def test_a_time_limit_from_a_past_day_or_the_same_day_again_is_refused(supervisor, pothole):
    today = dt.date(2026, 12, 4)
    with pytest.raises(DomainError) as error:
        timer_add(category=pothole, valid_from=today - dt.timedelta(days=1), days=3, source="QĐ", by=supervisor,
                  today=today)  # fmt: skip
    assert "valid_from" in error.value.errors
    timer_add(category=pothole, valid_from=today, days=3, source="QĐ", by=supervisor, today=today)
    with pytest.raises(DomainError) as again:
        timer_add(category=pothole, valid_from=today, days=4, source="QĐ", by=supervisor, today=today)
    assert "valid_from" in again.value.errors
    assert TimerRule.objects.get(category=pothole, valid_from=today).days == 3


def test_a_year_0_or_days_out_of_range_are_named_on_the_form(supervisor, pothole):
    count = TimerRule.objects.count()
    page = client_for(supervisor).post(
        reverse("fieldreports:timer_add", args=[pothole.pk]),
        {"valid_from": "01/01/0000", "days": "0", "source": "QĐ"},
    )
    assert page.status_code == 422
    form = page.context["form"]
    assert {"valid_from", "days"} <= set(form.errors)
    assert TimerRule.objects.count() == count


# --- Bad input -------------------------------------------------------------------------------------------------------


def test_a_duplicate_or_malformed_category_code_is_named(supervisor):
    count = Category.objects.count()
    for code in ("duong-hu-hong", "Đường hỏng", ""):
        with pytest.raises(DomainError) as error:
            category_save(category=None, facts=CategoryFacts(code=code, name="Trùng"), by=supervisor)
        assert "code" in error.value.errors
    page = client_for(supervisor).post(
        reverse("fieldreports:category_new"),
        {"code": "duong-hu-hong", "name": "Trùng", "level": "commune", "handler_role": "case_handler",
         "order": "1"},
    )  # fmt: skip
    assert page.status_code == 422
    assert page.context["form"].errors["code"] == [
        "Đã có loại phản ánh khác dùng mã “duong-hu-hong”. Hãy chọn mã khác."
    ]
    assert Category.objects.count() == count


def test_too_long_texts_are_named_and_nothing_is_saved(supervisor, pothole):
    with pytest.raises(DomainError) as error:
        category_save(
            category=pothole,
            facts=CategoryFacts(code="", name="x" * 151, description="y" * 501),
            by=supervisor,
        )
    assert {"name", "description"} <= set(error.value.errors)
    assert Category.objects.get(pk=pothole.pk).name == pothole.name


def test_a_list_question_needs_options_with_unique_keys_and_a_free_order(supervisor, pothole):
    count = Attribute.objects.filter(category=pothole).count()
    taken = Attribute.objects.filter(category=pothole).order_by("order").first()
    cases = [
        (AttributeFacts(code="a", datatype="singlevaluelist", description="Q", order=90, options=[]), "options"),
        (
            AttributeFacts(code="a", datatype="multivaluelist", description="Q", order=90,
                           options=[("x", "Một"), ("x", "Hai")]),
            "options",
        ),
        (AttributeFacts(code="a", datatype="string", description="Q", order=90, options=[("x", "X")]), "options"),
        (AttributeFacts(code="a", datatype="list", description="Q", order=90), "datatype"),
        (AttributeFacts(code="a b", datatype="string", description="Q", order=90), "code"),
        (AttributeFacts(code=taken.code, datatype="string", description="Q", order=90), "code"),
        (AttributeFacts(code="a", datatype="string", description="Q", order=taken.order), "order"),
    ]  # fmt: skip
    for facts, field in cases:
        with pytest.raises(DomainError) as error:
            attribute_save(category=pothole, attribute=None, facts=facts, by=supervisor)
        assert field in error.value.errors, (facts, error.value.errors)
    page = client_for(supervisor).post(
        reverse("fieldreports:attribute_new", args=[pothole.pk]),
        {
            "code": "moi",
            "description": "Q",
            "datatype": "string",
            "order": str(taken.order),
            "variable": "on",
        },
    )
    assert page.status_code == 422 and "order" in page.context["form"].errors
    assert Attribute.objects.filter(category=pothole).count() == count


def test_a_point_outside_the_province_is_refused(supervisor):
    village = village_of("08848")
    before = PlacePoint.objects.filter(unit=village).values_list("lat", "long").first()
    with pytest.raises(DomainError) as error:
        place_save(unit=village, lat="10.77", long="106.70", source="", by=supervisor)
    assert {"lat", "long"} <= set(error.value.errors)
    page = client_for(supervisor).post(
        reverse("fieldreports:place_edit", args=[village.pk]), {"lat": "NaN", "long": "105.4"}
    )
    assert page.status_code == 422 and "lat" in page.context["form"].errors
    assert PlacePoint.objects.filter(unit=village).values_list("lat", "long").first() == before


def test_a_category_with_reports_is_only_switched_off(supervisor, pothole):
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    report_receive(
        facts=ReportFacts(category=pothole, description="Ổ gà", address="Thôn Đồng Thịnh", commune=commune,
                          attributes={"muc_do": ["nho"]}),
        channel=FieldReport.Channel.STAFF,
    )  # fmt: skip
    with pytest.raises(DomainError):
        category_delete(category=pothole, by=supervisor)
    page = client_for(supervisor).post(reverse("fieldreports:category_delete", args=[pothole.pk]))
    assert page.status_code == 302 and Category.objects.filter(pk=pothole.pk).exists()
    unused = category_save(category=None, facts=CategoryFacts(code="thu-nghiem", name="Thử"), by=supervisor)
    category_delete(category=unused, by=supervisor)
    assert not Category.objects.filter(code="thu-nghiem").exists()


def test_every_setup_action_has_words_in_the_audit_trail():
    import re
    from pathlib import Path

    from gandan.fieldreports.services import setup

    source = Path(setup.__file__).read_text(encoding="utf-8")
    written = set(re.findall(r'action="(fieldreports\.[a-z_]+)"', source))
    assert written and written <= set(setup.audit_setup_actions())
