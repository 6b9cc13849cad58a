"""A unit's records never go missing: not when its code changes, not when it is merged into another unit.

Every module copies its records' unit path into a `unit_path` column (lists scope with one indexed lookup). These
tests walk every model that has such a column, so a new module is covered the day it adds one: the fixture below
must give it a record in the commune, or the first test names it."""

import datetime as dt

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.scope import scoped
from gandan.audit.services import sensitive_read_record
from gandan.dossiers.models import Dossier, Rating
from gandan.dossiers.selectors import dossier_list_for_user
from gandan.notify.services import inbox_post, notification_queue
from gandan.opinion.services import signal_record
from gandan.petitions.models import Petition
from gandan.petitions.selectors import petition_list_for_user
from gandan.reception.models import LeaderKind
from gandan.reception.services import reception_day_schedule, reception_record_add
from gandan.units.models import Unit, UnitKind, UnitSuccession
from gandan.units.selectors import unit_children
from gandan.units.services import unit_create, unit_merge, unit_update

pytestmark = pytest.mark.django_db


def models_with_unit_path() -> list[type[Model]]:
    return sorted(
        (m for m in apps.get_models() if any(f.name == "unit_path" for f in m._meta.concrete_fields)),
        key=lambda m: m._meta.label,
    )


def visible(user: User) -> dict[str, set[int]]:
    """What the user sees of every module's records: the ids, per model."""
    user = User.objects.select_related("unit").get(pk=user.pk)  # a fresh copy: the unit may have changed
    return {
        m._meta.label: set(
            scoped(m._default_manager.all(), user, path_field="unit_path").values_list("pk", flat=True)
        )
        for m in models_with_unit_path()
    }


def new_code(unit: Unit, *, by: User) -> None:
    """The administrator gives the unit a new official code (08848 → 08849), everything else unchanged."""
    unit_update(
        unit=unit,
        name=unit.name,
        kind=unit.kind,
        code="08849",
        valid_from=unit.valid_from,
        valid_to=None,
        is_remote=unit.is_remote,
        note=unit.note,
        by=by,
    )


def _fresh(user: User) -> User:
    return User.objects.select_related("unit").get(pk=user.pk)


@pytest.fixture
def records_everywhere(home_commune, commune_leader, desk_officer, case_handler):
    """At least one record of every kind in the commune, each written by its module's own service where the demo
    has none."""
    signal_record(
        text="Đường liên thôn Đồng Thịnh ngập sau mưa", unit=home_commune, source_kind="test", source_id=1
    )
    notification_queue(
        key="unit-keys-test",
        channel="email",
        recipient="dan@example.vn",
        subject="Thử",
        body="Thử",
        unit=home_commune,
    )
    petition = Petition.objects.filter(unit=home_commune).first()
    inbox_post(recipients=[commune_leader], kind="new_petition", text="Đơn mới", link="/staff/", obj=petition)
    sensitive_read_record(
        actor=commune_leader, obj=petition, what="test", reason="Kiểm tra khi đổi mã đơn vị"
    )
    day = reception_day_schedule(
        unit=home_commune,
        leader=commune_leader,
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        day=timezone.localdate() + dt.timedelta(days=7),
        place="Trụ sở UBND xã",
        by=commune_leader,
    )
    reception_record_add(
        unit=home_commune,
        reception_day=None,
        citizen_name="Nguyễn Văn An",
        citizen_address="Thôn Đồng Thịnh, xã Sông Lô",
        content="Hỏi về cấp giấy chứng nhận",
        kind="recommendation",
        by=desk_officer,
    )
    dossier = Dossier.objects.filter(unit=home_commune).first()
    Rating.objects.create(
        dossier=dossier, unit_path=dossier.unit_path, at=timezone.now(), overall=4, answers={}
    )
    from gandan.petitions.models import Task

    Task.objects.create(
        petition=petition,
        unit_path=petition.unit_path,
        title="Xác minh",
        assignee=case_handler,
        due=timezone.localdate() + dt.timedelta(days=10),
    )
    from gandan.dialogues.tests.factories import held_with_commitment

    held_with_commitment(home_commune)  # a dialogue, its question and its commitment
    from gandan.mobilization.services.reports import report_create

    today = timezone.localdate()
    report_create(
        unit=home_commune,
        period_kind="adhoc",
        start=today - dt.timedelta(days=30),
        end=today,
        by=commune_leader,
    )
    from gandan.democracy.seeding_supervision import seed_supervision

    seed_supervision(communes=[home_commune])  # its boards, members and findings (none if the demo gave them)
    from gandan.democracy.tests.walk import democracy_records

    democracy_records(home_commune)  # consultations with their opinions, covenants
    from gandan.democracy.tests.votes_support import page_records as democracy_votes

    democracy_votes(home_commune)  # a village's household register and its votes
    from gandan.democracy.services.disclosures import disclosure_create

    disclosure_create(
        unit=home_commune,
        item=2,
        title="Dự toán ngân sách xã năm 2026",
        decided_on=today - dt.timedelta(days=3),
        channels=["office_board", "portal"],
        start=today - dt.timedelta(days=2),
        by=commune_leader,
    )
    from gandan.news.tests.factories import published_with_comment

    published_with_comment(home_commune, commune_leader)  # a category, an article and a reader's opinion
    from gandan.apikeys.services import apikey_create

    apikey_create(name="Cổng kết nối thử", unit=home_commune, scopes=["read"], by=None)  # an integrator's key
    return day


def test_every_module_has_a_record_in_the_commune_for_these_tests(records_everywhere, commune_leader):
    empty = [label for label, ids in visible(commune_leader).items() if not ids]
    assert empty == [], f"give these models a record in records_everywhere: {empty}"


def test_a_new_code_loses_no_record_in_any_module(
    records_everywhere, home_commune, sysadmin, commune_leader, desk_officer
):
    before = visible(commune_leader)
    desk_before = set(dossier_list_for_user(desk_officer).values_list("pk", flat=True))
    petitions_before = set(petition_list_for_user(commune_leader).values_list("pk", flat=True))
    assert desk_before and petitions_before

    new_code(home_commune, by=sysadmin)

    assert Unit.objects.get(pk=home_commune.pk).code == "08849"
    after = visible(commune_leader)
    for label in before:  # the change itself writes audit events: nothing may be missing, new rows may appear
        assert before[label] <= after[label], label
    assert set(dossier_list_for_user(_fresh(desk_officer)).values_list("pk", flat=True)) == desk_before
    assert (
        set(petition_list_for_user(_fresh(commune_leader)).values_list("pk", flat=True)) == petitions_before
    )


def test_the_desk_list_page_still_shows_the_dossiers_after_a_new_code(
    client, home_commune, sysadmin, desk_officer
):
    dossier = Dossier.objects.filter(unit=home_commune).order_by("-received_at").first()
    new_code(home_commune, by=sysadmin)
    client.force_login(desk_officer)

    page = client.get(f"/staff/dossiers/{dossier.pk}/")

    assert page.status_code == 200
    assert dossier.code in page.content.decode()


def test_a_merged_unit_s_records_are_seen_by_the_officers_of_the_unit_it_joined(
    records_everywhere, home_commune, other_commune, sysadmin, commune_leader, other_commune_leader
):
    mine, theirs = visible(commune_leader), visible(other_commune_leader)
    assert any(theirs.values())
    their_villages = {v.name for v in unit_children(other_commune) if v.valid_to is None}

    unit_merge(
        former=other_commune,
        into=home_commune,
        effective=timezone.localdate(),
        legal_basis="Nghị quyết thử",
        by=sysadmin,
    )

    after = visible(commune_leader)
    for label in mine:
        assert mine[label] | theirs[label] <= after[label], label
    # The former commune has ended, and its villages continue under the commune it joined.
    other = Unit.objects.get(pk=other_commune.pk)
    assert other.valid_to == timezone.localdate() - dt.timedelta(days=1)
    carried = {v.name for v in Unit.objects.filter(parent=home_commune, valid_to__isnull=True)}
    assert their_villages <= carried
    assert UnitSuccession.objects.filter(former=other, successor=home_commune, confirmed=True).exists()
    # The other commune's officers now work in the merged commune, and see both communes' records.
    moved = _fresh(other_commune_leader)
    assert moved.unit_id == home_commune.pk
    assert visible(moved) == after


def test_a_merged_commune_s_dossier_can_be_opened_by_its_new_officers(
    client, home_commune, other_commune, sysadmin, desk_officer
):
    dossier = Dossier.objects.filter(unit=other_commune).first()
    client.force_login(desk_officer)
    assert client.get(f"/staff/dossiers/{dossier.pk}/").status_code == 404

    unit_merge(former=other_commune, into=home_commune, effective=timezone.localdate(), by=sysadmin)

    page = client.get(f"/staff/dossiers/{dossier.pk}/")
    assert page.status_code == 200
    assert dossier.code in page.content.decode()


@pytest.mark.parametrize(
    ("former_code", "into_code", "effective", "field"),
    [
        pytest.param("08824", "08824", dt.date(2026, 1, 1), "into", id="into-itself"),
        pytest.param("08824", "25", dt.date(2026, 1, 1), "into", id="commune-into-province"),
        pytest.param("08824", "08848", dt.date(2025, 7, 1), "effective", id="before-the-unit-began"),
    ],
)
def test_a_merge_that_makes_no_sense_is_refused_and_changes_nothing(
    sysadmin, former_code, into_code, effective, field
):
    from gandan.errors import DomainError

    former = Unit.objects.get(code=former_code, valid_to__isnull=True)
    into = Unit.objects.get(code=into_code, valid_to__isnull=True)
    units_before = Unit.objects.filter(valid_to__isnull=True).count()

    with pytest.raises(DomainError) as refused:
        unit_merge(former=former, into=into, effective=effective, by=sysadmin)

    assert field in refused.value.errors
    assert Unit.objects.filter(valid_to__isnull=True).count() == units_before
    assert not UnitSuccession.objects.filter(former=former, successor=into).exists()


def test_a_village_made_after_a_code_change_sits_below_the_unchanged_path(home_commune, sysadmin):
    new_code(home_commune, by=sysadmin)
    village = unit_create(
        kind=UnitKind.VILLAGE, name="Thôn Mới", parent=Unit.objects.get(pk=home_commune.pk), by=sysadmin
    )
    assert village.path.startswith(f"{home_commune.path}.")


def test_a_merge_refused_for_two_reasons_names_both(sysadmin, other_commune):
    from gandan.errors import DomainError

    province = Unit.objects.get(code="25", valid_to__isnull=True)
    with pytest.raises(DomainError) as refused:
        unit_merge(
            former=other_commune,
            into=province,
            effective=dt.date(2025, 7, 1),
            legal_basis="x" * 301,
            by=sysadmin,
        )

    assert set(refused.value.errors) == {"into", "effective", "legal_basis"}


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/9999", "02/09/1945"])
def test_a_merge_date_out_of_any_reason_is_refused_on_the_page_not_a_crash(
    client, sysadmin, other_commune, typed
):
    other_commune.valid_from = None  # a unit whose start is unknown: only the date range stops a typo
    other_commune.save()
    into = Unit.objects.get(code="08848", valid_to__isnull=True)
    client.force_login(sysadmin)

    page = client.post(
        f"/staff/units/{other_commune.pk}/merge/",
        {"into": into.pk, "effective": typed, "confirm": "on", "carry_children": "on"},
    )

    assert page.status_code == 200  # the form again, with the error: nothing merged
    assert Unit.objects.get(pk=other_commune.pk).valid_to is None


def test_after_a_merger_the_joined_commune_s_officers_can_be_given_the_former_commune_s_cases(
    home_commune, other_commune, sysadmin, desk_officer, case_handler, commune_leader
):
    from gandan.dossiers.selectors import handler_choices
    from gandan.dossiers.services import dossier_transfer
    from gandan.errors import DomainError
    from gandan.petitions.selectors import officers_for

    unit_merge(former=other_commune, into=home_commune, effective=timezone.localdate(), by=sysadmin)

    dossier = Dossier.objects.filter(unit=other_commune, finished_at__isnull=True).first()
    assert case_handler in handler_choices(dossier)
    try:
        dossier_transfer(dossier=dossier, by=_fresh(desk_officer), to_user=case_handler)
    except DomainError as refused:  # a dossier whose state allows no hand-over is fine; the officer must be
        assert refused.code != "handler_invalid"
    petition = Petition.objects.filter(unit=other_commune).first()
    assert case_handler in officers_for(petition, "petitions.handle")
    assert commune_leader in officers_for(petition, "petitions.assign")


def test_a_former_unit_whose_mapping_is_unconfirmed_can_be_read_but_not_changed(client, commune_leader):
    from gandan.units.models import UnitSuccession

    succession = UnitSuccession.objects.filter(successor=commune_leader.unit).first()
    succession.confirmed = False  # e.g. a former commune whose territory is still disputed
    succession.save()
    former = succession.former
    client.force_login(commune_leader)

    assert client.get(f"/staff/units/{former.pk}/").status_code == 200  # its old address is found
    assert client.post(f"/staff/units/{former.pk}/edit/", {"name": former.name}).status_code == 404
    assert client.get(f"/staff/units/{former.pk}/add/").status_code == 404
    assert client.get(f"/staff/units/{former.pk}/merge/").status_code == 404


def test_a_merged_unit_cannot_be_brought_back(home_commune, other_commune, sysadmin):
    from gandan.errors import DomainError

    unit_merge(former=other_commune, into=home_commune, effective=timezone.localdate(), by=sysadmin)
    ended = Unit.objects.get(pk=other_commune.pk)

    with pytest.raises(DomainError) as refused:
        unit_update(
            unit=ended,
            name=ended.name,
            kind=ended.kind,
            code=ended.code,
            valid_from=ended.valid_from,
            valid_to=None,
            is_remote=ended.is_remote,
            note=ended.note,
            by=sysadmin,
        )

    assert refused.value.code == "unit_merged_stays_ended"
    assert Unit.objects.get(pk=other_commune.pk).valid_to is not None


def test_a_name_too_long_for_the_tree_is_refused_not_a_crash(sysadmin):
    from gandan.errors import DomainError

    province = Unit.objects.get(code="25", valid_to__isnull=True)
    district = unit_create(kind=UnitKind.DISTRICT, name="Huyện " + "Dài" * 60, parent=province, by=sysadmin)

    with pytest.raises(DomainError) as refused:
        unit_create(kind=UnitKind.COMMUNE, name="Xã " + "Rất Dài " * 25, parent=district, by=sysadmin)

    assert refused.value.code == "unit_path_too_long"
