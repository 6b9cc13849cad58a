"""The life of a "dân vận khéo" model through its services: registering (every problem at once, nothing saved),
every transition and its refusals, who may recognise at which level, replication (only a recognised model, of any
commune, never in a loop) and the evidence's checks."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gandan.audit.models import Event
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.mobilization.models import Evidence, Initiative, Review, Team
from gandan.mobilization.services.evidence import MAX_EVIDENCE, evidence_add
from gandan.mobilization.services.initiative_decisions import (
    initiative_decline,
    initiative_recognise,
    initiative_review,
)
from gandan.mobilization.services.initiatives import (
    initiative_replicate,
    initiative_start,
    initiative_update,
    initiative_withdraw,
    parse_figure_value,
)
from gandan.mobilization.tests.initiatives_support import (
    NAME,
    details,
    jpeg,
    pdf,
    recognised,
    register,
    reviewed,
    scores,
    villages,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder
TODAY = timezone.localdate


def events(model) -> list[str]:
    rows = Event.objects.filter(object_type="mobilization.initiative", object_id=str(model.pk)).order_by("id")
    return list(rows.values_list("action", flat=True))


# --- Registering ------------------------------------------------------------------------------------------------------


def test_an_officer_registers_a_model_of_his_commune(officer, home_commune):
    village = villages(home_commune)[0]
    model = register(officer, village=village)
    assert model.status == "registered" and model.unit == home_commune and model.village == village
    assert model.unit_path == home_commune.path and model.registered_by == officer
    assert "dan van kheo" in model.name_search and "to dan van thon dong thinh" in model.name_search
    assert events(model) == ["mobilization.initiative_register"]


def test_a_model_without_a_field_is_refused_with_a_clear_message_and_nothing_is_saved(officer):
    before = Initiative.objects.count()
    with pytest.raises(DomainError) as refused:
        register(officer, field="")
    assert list(refused.value.errors) == ["field"]
    assert "lĩnh vực" in refused.value.errors["field"][0]
    assert Initiative.objects.count() == before


def test_every_problem_is_reported_at_once(officer):
    with pytest.raises(DomainError) as refused:
        register(
            officer,
            name=" ",
            field="sport",
            owner_kind="club",
            owner_name="",
            place="",
            description="",
            period_start=dt.date(2025, 5, 1),
            period_end=dt.date(2025, 4, 30),
            figures=[{"label": "", "value": "nhiều", "unit": "hộ"}],
        )
    assert set(refused.value.errors) == {
        "name",
        "field",
        "owner_kind",
        "owner_name",
        "place",
        "description",
        "period_end",
        "figures.0.label",
        "figures.0.value",
    }


@pytest.mark.parametrize("start", [dt.date(1999, 12, 31), dt.date(2101, 1, 1)])
def test_a_period_outside_2000_to_2100_is_refused(officer, start):
    with pytest.raises(DomainError) as refused:
        register(officer, period_start=start)
    assert "period_start" in refused.value.errors


def test_figures_are_read_as_a_vietnamese_officer_types_them_and_blank_rows_are_skipped(officer):
    model = register(
        officer,
        figures=[
            {"label": "Đất hiến", "value": "3.200", "unit": "m²"},
            {"label": "Đường mở rộng", "value": "2,4", "unit": "km"},
            {"label": "", "value": "", "unit": ""},
        ],
    )
    assert model.figures == [
        {"label": "Đất hiến", "value": 3200, "unit": "m²"},
        {"label": "Đường mở rộng", "value": 2.4, "unit": "km"},
    ]


@pytest.mark.parametrize(
    "raw, value",
    [("1.200", 1200), ("1.200,5", 1200.5), ("2,5", 2.5), ("0.5", 0.5), (7, 7), ("x", None), (True, None)],
)
def test_a_figure_value(raw, value):
    parsed = parse_figure_value(raw)
    assert (float(parsed) if parsed is not None else None) == value


def test_a_negative_figure_is_refused(officer):
    with pytest.raises(DomainError) as refused:
        register(officer, figures=[{"label": "Hộ", "value": -3, "unit": "hộ"}])
    assert "figures.0.value" in refused.value.errors


def test_a_village_of_another_commune_is_refused(officer, other_commune):
    with pytest.raises(DomainError) as refused:
        register(officer, village=villages(other_commune)[0])
    assert "village" in refused.value.errors


def test_an_officer_cannot_register_for_another_commune(officer, other_commune):
    with pytest.raises(DomainError) as refused:
        register(officer, unit=other_commune)
    assert "unit" in refused.value.errors


def test_the_same_name_twice_in_one_place_is_refused_even_typed_without_accents(officer):
    register(officer)
    with pytest.raises(DomainError) as refused:
        register(officer, name="dân vận KHÉO trong hiến đất làm đường liên xóm")
    assert "name" in refused.value.errors


def test_a_team_of_another_commune_is_refused(officer, other_officer, other_commune):
    village = villages(other_commune)[0]
    team = Team.objects.filter(village=village, dissolved_on__isnull=True).first() or Team.objects.create(
        village=village,
        unit_path=village.path,
        commune_path=other_commune.path,
        name="Tổ dân vận thôn khác",
        created_by=other_officer,
    )  # the demo gives most villages their team already
    with pytest.raises(DomainError) as refused:
        register(officer, team=team)
    assert "team" in refused.value.errors


def test_roles_without_manage_cannot_register(supervisor, home_commune, django_user_model):
    with pytest.raises(NotAllowed):
        register(supervisor, unit=home_commune)


# --- The life and its refusals -------------------------------------------------------------------------------------------


def test_a_model_goes_from_registration_to_recognition_with_its_trail(officer, secretary):
    model = register(officer)
    initiative_start(initiative=model, by=officer)
    review = initiative_review(
        initiative=model, scores=scores(0.9), recommend=True, comment="Tốt", by=secretary
    )
    assert review.total == sum(scores(0.9).values()) and Review.objects.filter(initiative=model).count() == 1
    model = initiative_recognise(
        initiative=model, level="commune", decision="15/QĐ-UBND", on=TODAY(), by=secretary
    )
    assert (model.status, model.level, model.recognition_decision) == ("recognised", "commune", "15/QĐ-UBND")
    assert events(model) == [
        "mobilization.initiative_register",
        "mobilization.initiative_start",
        "mobilization.initiative_review",
        "mobilization.initiative_recognise",
    ]


def test_reviewing_a_model_not_started_is_refused_and_nothing_is_saved(officer):
    model = register(officer)
    with pytest.raises(Conflict) as refused:
        initiative_review(initiative=model, scores=scores(), recommend=True, by=officer)
    assert refused.value.code == "transition_not_allowed" and "Đã đăng ký" in str(refused.value.message)
    model.refresh_from_db()
    assert model.status == "registered" and not Review.objects.filter(initiative=model).exists()


def test_starting_twice_is_refused(officer):
    model = register(officer)
    initiative_start(initiative=model, by=officer)
    with pytest.raises(Conflict):
        initiative_start(initiative=model, by=officer)


def test_recognising_without_a_review_is_refused(officer, secretary):
    model = register(officer)
    initiative_start(initiative=model, by=officer)
    with pytest.raises(Conflict):
        initiative_recognise(initiative=model, level="commune", decision="1/QĐ", on=TODAY(), by=secretary)
    model.refresh_from_db()
    assert model.status == "implementing" and model.level == ""


def test_a_recognised_model_cannot_be_withdrawn(officer, secretary):
    model = recognised(officer, secretary)
    with pytest.raises(Conflict):
        initiative_withdraw(initiative=model, reason="Không còn hoạt động", by=officer)


def test_a_second_reviewer_scores_a_reviewed_model(officer, secretary):
    model = reviewed(officer)
    initiative_review(initiative=model, scores=scores(0.8), recommend=True, by=secretary)
    model.refresh_from_db()
    assert model.status == "reviewed" and model.reviews.count() == 2


def test_a_score_above_its_criterion_s_weight_is_refused_on_that_criterion(officer):
    model = register(officer)
    initiative_start(initiative=model, by=officer)
    wrong = {**scores(), "effective": 21}
    with pytest.raises(DomainError) as refused:
        initiative_review(initiative=model, scores=wrong, recommend=True, by=officer)
    assert list(refused.value.errors) == ["scores.effective"]
    assert "20" in refused.value.errors["scores.effective"][0]
    model.refresh_from_db()
    assert model.status == "implementing" and not model.reviews.exists()


def test_a_recommendation_below_the_pass_mark_and_a_refusal_without_a_comment_are_refused(officer):
    model = register(officer)
    initiative_start(initiative=model, by=officer)
    with pytest.raises(DomainError) as low:
        initiative_review(initiative=model, scores=scores(0.5), recommend=True, by=officer)
    assert "recommend" in low.value.errors
    with pytest.raises(DomainError) as silent:
        initiative_review(initiative=model, scores=scores(0.5), recommend=False, comment="", by=officer)
    assert "comment" in silent.value.errors


def test_a_leader_sends_a_reviewed_model_back_with_a_reason(officer, secretary):
    model = reviewed(officer)
    with pytest.raises(DomainError):
        initiative_decline(initiative=model, reason=" ", by=secretary)
    model = initiative_decline(initiative=model, reason="Cần thêm số liệu kết quả", by=secretary)
    assert model.status == "implementing"
    initiative_review(initiative=model, scores=scores(), recommend=True, by=officer)  # reviewed again
    assert "mobilization.initiative_decline" in events(model)


def test_a_withdrawn_model_needs_a_reason_and_then_never_changes(officer):
    model = register(officer)
    with pytest.raises(DomainError):
        initiative_withdraw(initiative=model, reason="", by=officer)
    initiative_withdraw(initiative=model, reason="Thôn chưa bố trí được mặt bằng", by=officer)
    with pytest.raises(Conflict):
        initiative_start(initiative=model, by=officer)
    with pytest.raises(Conflict):
        initiative_update(initiative=model, by=officer, **details(name="Tên mới"))


def test_a_recognised_model_keeps_its_name_and_field_but_its_results_can_grow(officer, secretary):
    model = recognised(officer, secretary)
    with pytest.raises(DomainError) as refused:
        initiative_update(initiative=model, by=officer, **details(name="Tên khác", field="culture_society"))
    assert set(refused.value.errors) == {"name", "field"}
    model = initiative_update(initiative=model, by=officer, **details(results="Thêm 10 hộ hiến đất."))
    assert model.results == "Thêm 10 hộ hiến đất." and events(model)[-1] == "mobilization.initiative_update"


# --- Who recognises ------------------------------------------------------------------------------------------------------


def test_the_officer_cannot_recognise(officer):
    model = reviewed(officer)
    with pytest.raises(NotAllowed):
        initiative_recognise(initiative=model, level="grassroots", decision="1/QĐ", on=TODAY(), by=officer)
    model.refresh_from_db()
    assert model.status == "reviewed"


def test_the_chairman_recognises_at_grassroots_level(officer, chairman):
    model = reviewed(officer)
    initiative_recognise(initiative=model, level="grassroots", decision="2/QĐ-UBND", on=TODAY(), by=chairman)
    model.refresh_from_db()
    assert model.level == "grassroots" and model.recognised_by == chairman


def test_a_commune_leader_cannot_recognise_at_province_level(officer, secretary):
    model = reviewed(officer)
    with pytest.raises(NotAllowed) as refused:
        initiative_recognise(initiative=model, level="province", decision="1/QĐ", on=TODAY(), by=secretary)
    assert refused.value.code == "province_level_only"
    model.refresh_from_db()
    assert model.status == "reviewed" and model.level == ""


def test_the_province_supervisor_raises_a_commune_recognition_to_province_level(
    officer, secretary, supervisor
):
    model = recognised(officer, secretary, level="commune")
    initiative_recognise(initiative=model, level="province", decision="120-QĐ/TU", on=TODAY(), by=supervisor)
    model.refresh_from_db()
    assert (model.level, model.recognition_decision, model.recognised_by) == (
        "province",
        "120-QĐ/TU",
        supervisor,
    )


def test_the_province_supervisor_does_not_recognise_at_commune_level(officer, supervisor):
    model = reviewed(officer)
    with pytest.raises(NotAllowed) as refused:
        initiative_recognise(initiative=model, level="commune", decision="1/QĐ", on=TODAY(), by=supervisor)
    assert refused.value.code == "commune_level_only"


@pytest.mark.parametrize("level", ["grassroots", "commune"])
def test_a_recognised_model_is_only_raised_to_a_higher_level(officer, secretary, level):
    model = recognised(officer, secretary, level="commune")
    with pytest.raises(Conflict) as refused:
        initiative_recognise(initiative=model, level=level, decision="3/QĐ", on=TODAY(), by=secretary)
    assert refused.value.code == "level_not_higher"
    model.refresh_from_db()
    assert model.level == "commune" and model.recognition_decision == "12/QĐ-UBND"


def test_a_leader_of_another_commune_cannot_recognise_it(officer, other_secretary):
    model = reviewed(officer)
    with pytest.raises(NotAllowed):
        initiative_recognise(
            initiative=model, level="commune", decision="1/QĐ", on=TODAY(), by=other_secretary
        )


def test_the_decision_needs_its_number_and_a_date_not_in_the_future(officer, secretary):
    model = reviewed(officer)
    with pytest.raises(DomainError) as refused:
        initiative_recognise(
            initiative=model, level="commune", decision="", on=TODAY() + dt.timedelta(days=1), by=secretary
        )
    assert set(refused.value.errors) == {"decision", "on"}


# --- Replication -------------------------------------------------------------------------------------------------------


def test_another_commune_replicates_a_recognised_model(officer, secretary, other_officer, other_commune):
    source = recognised(officer, secretary)
    village = villages(other_commune)[0]
    copy = initiative_replicate(
        source=source,
        commune=other_commune,
        village=village,
        owner_kind="team",
        owner_name=f"Tổ dân vận {village.name}",
        by=other_officer,
    )
    assert (copy.status, copy.copied_from, copy.unit, copy.field) == (
        "registered",
        source,
        other_commune,
        "economy",
    )
    assert copy.name == source.name and copy.place == f"{village.name}, xã Tam Sơn"
    assert events(copy) == ["mobilization.initiative_replicate"]


def test_only_a_recognised_model_is_replicated(officer, other_officer, other_commune):
    source = reviewed(officer)
    with pytest.raises(Conflict) as refused:
        initiative_replicate(
            source=source, commune=other_commune, owner_kind="team", owner_name="Tổ dân vận", by=other_officer
        )
    assert refused.value.code == "source_not_recognised"
    assert not Initiative.objects.filter(copied_from=source).exists()


def test_a_model_is_not_replicated_where_it_already_runs_nor_twice_in_one_village(
    officer, secretary, home_commune
):
    first, second = villages(home_commune)[:2]
    source = recognised(officer, secretary, village=first)
    with pytest.raises(DomainError) as same_place:
        initiative_replicate(
            source=source, commune=home_commune, village=first, owner_kind="team", owner_name="Tổ", by=officer
        )
    assert "village" in same_place.value.errors
    initiative_replicate(
        source=source, commune=home_commune, village=second, owner_kind="team", owner_name="Tổ", by=officer
    )
    with pytest.raises(DomainError) as twice:
        initiative_replicate(
            source=source,
            commune=home_commune,
            village=second,
            owner_kind="team",
            owner_name="Tổ",
            by=officer,
        )
    assert "village" in twice.value.errors


def test_an_officer_replicates_only_into_his_own_commune(officer, secretary, other_officer, home_commune):
    source = recognised(officer, secretary, village=villages(home_commune)[0])
    with pytest.raises(DomainError) as refused:
        initiative_replicate(
            source=source, commune=home_commune, owner_kind="team", owner_name="Tổ", by=other_officer
        )
    assert "unit" in refused.value.errors


def test_a_model_cannot_be_linked_to_its_own_copy_or_itself(officer, secretary, chairman, home_commune):
    first, second = villages(home_commune)[:2]
    source = recognised(officer, secretary, village=first)
    copy = initiative_replicate(
        source=source, commune=home_commune, village=second, owner_kind="team", owner_name="Tổ", by=officer
    )
    initiative_start(initiative=copy, by=officer)
    initiative_review(initiative=copy, scores=scores(), recommend=True, by=officer)
    initiative_recognise(initiative=copy, level="grassroots", decision="9/QĐ", on=TODAY(), by=chairman)
    copy.refresh_from_db()
    values = details(village=first)
    with pytest.raises(DomainError) as loop:
        initiative_update(initiative=source, copied_from=copy, by=officer, **values)
    assert "copied_from" in loop.value.errors
    with pytest.raises(DomainError) as itself:
        initiative_update(initiative=source, copied_from=source, by=officer, **values)
    assert "copied_from" in itself.value.errors
    source.refresh_from_db()
    assert source.copied_from is None


def test_an_existing_model_is_linked_to_the_recognised_model_it_copies(officer, secretary, home_commune):
    first, second = villages(home_commune)[:2]
    source = recognised(officer, secretary, village=first)
    later = register(officer, village=second, name="Hiến đất làm đường ở thôn")
    later = initiative_update(
        initiative=later,
        copied_from=source,
        by=officer,
        **details(village=second, name="Hiến đất làm đường ở thôn"),
    )
    assert later.copied_from == source


# --- Evidence ----------------------------------------------------------------------------------------------------------


def test_a_photo_and_a_pdf_are_accepted_as_evidence(officer, media):
    model = register(officer)
    photo = evidence_add(initiative=model, upload=jpeg(), caption="Nhân dân hiến đất", by=officer)
    document = evidence_add(initiative=model, upload=pdf(), by=officer)
    assert (photo.content_type, photo.is_image, photo.caption) == ("image/jpeg", True, "Nhân dân hiến đất")
    assert document.content_type == "application/pdf" and not document.is_image
    assert events(model)[-2:] == ["mobilization.evidence_add", "mobilization.evidence_add"]


def test_a_renamed_program_is_refused_whatever_its_name(officer, media):
    model = register(officer)
    fake = SimpleUploadedFile(
        "anh-hien-dat.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="image/jpeg"
    )
    with pytest.raises(DomainError) as refused:
        evidence_add(initiative=model, upload=fake, by=officer)
    assert refused.value.code == "attachment_not_a_scan" and list(refused.value.errors) == ["upload"]
    assert not Evidence.objects.filter(initiative=model).exists()


def test_an_oversized_image_is_refused(officer, media):
    model = register(officer)
    big = SimpleUploadedFile(
        "anh-lon.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024), content_type="image/jpeg"
    )
    with pytest.raises(DomainError) as refused:
        evidence_add(initiative=model, upload=big, by=officer)
    assert refused.value.code == "attachment_too_large"
    assert not Evidence.objects.filter(initiative=model).exists()


def test_a_model_holds_at_most_twenty_files(officer, media):
    model = register(officer)
    for _n in range(MAX_EVIDENCE):
        evidence_add(initiative=model, upload=jpeg(), by=officer)
    with pytest.raises(Conflict) as refused:
        evidence_add(initiative=model, upload=jpeg(), by=officer)
    assert refused.value.code == "evidence_full" and model.evidence.count() == MAX_EVIDENCE


def test_another_commune_adds_no_evidence(officer, other_officer, media):
    model = register(officer)
    with pytest.raises(NotAllowed):
        evidence_add(initiative=model, upload=jpeg(), by=other_officer)


def test_a_withdrawn_model_takes_no_evidence(officer, media):
    model = register(officer)
    initiative_withdraw(initiative=model, reason="Dừng", by=officer)
    with pytest.raises(Conflict):
        evidence_add(initiative=model, upload=jpeg(), by=officer)


def test_registration_by_name_is_scoped_by_commune(officer, other_officer):
    register(officer)
    other = register(other_officer, place="Xã Tam Sơn", owner_name="Tổ dân vận xã Tam Sơn")
    assert other.name == NAME
