"""Consultations through their services: bad input reported at once in Vietnamese with nothing saved, the officer's
own commune only, the window that opens and closes the citizens' comments, every opinion an opinion signal, and a
summary published only when every opinion has its answer."""

import pytest
from django.utils import translation

from gandan.audit.models import Event
from gandan.democracy.models import Comment, Consultation, Section
from gandan.democracy.services import consultations as services
from gandan.democracy.tests.support import (
    SECTIONS,
    chairman,
    days,
    draft,
    officer,
    opened,
    other_officer,
    user,
    villages_of,
)
from gandan.errors import DomainError, NotAllowed
from gandan.opinion.models import Signal

pytestmark = pytest.mark.django_db
__all__ = ["chairman", "officer", "other_officer"]  # fixtures


def refused(call) -> dict[str, list[str]]:
    """The fields refused, in Vietnamese; asserts nothing was saved."""
    tables = (Consultation, Section, Comment, Event, Signal)
    before = [t.objects.count() for t in tables]
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        call()
    assert [t.objects.count() for t in tables] == before
    return caught.value.errors


def test_a_draft_with_every_problem_is_refused_at_once(officer):
    errors = refused(
        lambda: services.consultation_create(
            commune=officer.unit,
            subject="nope",
            title=" ",
            opens=days(5),
            closes=days(1),
            sections=[services.SectionText("Mục tiêu", "")],
            by=officer,
        )
    )
    assert set(errors) == {"subject", "title", "closes", "sections"}
    assert "ngày cuối" in errors["closes"][0].lower() or "trước" in errors["closes"][0]


def test_a_draft_needs_a_section(officer):
    errors = refused(lambda: draft(officer, sections=[services.SectionText("", "")]))
    assert set(errors) == {"sections"}


def test_a_draft_is_saved_with_its_sections_in_order_and_stays_private(officer):
    made = draft(officer)
    assert made.status == "draft" and made.phase == "draft"
    assert [s.heading for s in made.sections.order_by("number")] == [s.heading for s in SECTIONS]
    assert made.title_search.startswith("du thao ke hoach")


def test_only_the_officers_own_commune_and_role(officer, other_officer, home_commune):
    with pytest.raises(DomainError) as caught:
        services.consultation_create(
            commune=home_commune, subject="other", title="X", opens=days(0), closes=days(1), sections=SECTIONS,
            by=other_officer,
        )  # fmt: skip
    assert caught.value.code == "unit_out_of_scope"
    with pytest.raises(NotAllowed):
        draft(user("thanhtra.songlo"))
    mine = opened(officer)
    refused(
        lambda: services.comment_enter(consultation=mine, channel="meeting", text="Ý kiến", by=other_officer)
    )


def test_a_draft_is_corrected_until_it_is_opened(officer):
    made = draft(officer)
    services.consultation_update(
        consultation=made,
        subject="construction",
        title="Dự thảo quy hoạch xây dựng",
        opens=days(0),
        closes=days(20),
        sections=[services.SectionText("Phạm vi", "Toàn xã")],
        by=officer,
    )
    made.refresh_from_db()
    assert made.subject == "construction" and made.sections.count() == 1
    services.consultation_open(consultation=made, by=officer)
    refused(
        lambda: services.consultation_update(
            consultation=made,
            subject="other",
            title="X",
            opens=days(0),
            closes=days(1),
            sections=SECTIONS,
            by=officer,
        )  # fmt: skip
    )


def test_a_window_already_over_is_not_opened(officer):
    made = draft(officer, opens=days(-20), closes=days(-1))
    errors = refused(lambda: services.consultation_open(consultation=made, by=officer))
    assert set(errors) == {"closes"}


def test_an_official_records_an_opinion_from_a_meeting_and_it_becomes_a_signal(officer, home_commune):
    made = opened(officer)
    village = villages_of(home_commune)[0]
    section = made.sections.get(number=2)
    comment = services.comment_enter(
        consultation=made,
        channel="meeting",
        text="Đề nghị mở rộng đường liên thôn trước mùa mưa.",
        section=section,
        village=village,
        author_name="Nguyễn Văn Bình",
        by=officer,
    )
    signal = Signal.objects.get(source_kind=services.COMMENT_SOURCE, source_id=str(comment.pk))
    assert signal.unit_path == village.path
    event = Event.objects.filter(action="democracy.comment_enter").latest("id")
    assert "đường" not in str(event.details) and event.object_id == str(made.pk)


def test_an_official_names_the_channel_and_never_the_portal(officer, home_commune, other_commune):
    made = opened(officer)
    errors = refused(
        lambda: services.comment_enter(
            consultation=made,
            channel="portal",
            text="Ý kiến",
            village=villages_of(other_commune)[0],
            by=officer,
        )
    )
    assert set(errors) == {"channel", "village"}


def test_a_citizen_comments_only_inside_the_window(officer):
    announced = opened(officer, opens=days(2), closes=days(9))
    with translation.override("vi"):
        errors = refused(lambda: services.comment_submit(consultation=announced, text="Ý kiến"))
    assert days(2).strftime("%d/%m/%Y") in errors["__all__"][0]
    over = opened(officer, opens=days(-20), closes=days(-1))
    refused(lambda: services.comment_submit(consultation=over, text="Ý kiến"))
    unopened = draft(officer)
    refused(lambda: services.comment_submit(consultation=unopened, text="Ý kiến"))
    taken = services.comment_submit(
        consultation=opened(officer, opens=days(0), closes=days(0)),
        text="Đồng ý với dự thảo.",
        contact="0912 345 678",
    )
    assert taken.channel == "portal" and taken.contact == "0912345678" and taken.entered_by is None
    assert Signal.objects.filter(source_kind=services.COMMENT_SOURCE, source_id=str(taken.pk)).exists()


def test_a_citizen_s_contact_is_a_phone_or_an_e_mail(officer):
    made = opened(officer)
    errors = refused(lambda: services.comment_submit(consultation=made, text="", contact="gọi tôi"))
    assert set(errors) == {"text", "contact"}
    ok = services.comment_submit(consultation=made, text="Ý kiến", contact="ban@example.vn")
    assert ok.contact == "ban@example.vn"


def test_an_opinion_not_accepted_needs_its_explanation(officer):
    made = opened(officer)
    comment = services.comment_submit(consultation=made, text="Không nên xây chợ ở trung tâm.")
    errors = refused(
        lambda: services.comment_consider(comment=comment, disposition="not_accepted", by=officer)
    )
    assert set(errors) == {"response"}
    services.comment_consider(comment=comment, disposition="accepted", by=officer)
    comment.refresh_from_db()
    assert comment.disposition == "accepted"


def test_the_summary_is_published_only_when_over_considered_and_written(officer):
    running = opened(officer)
    services.comment_submit(consultation=running, text="Ý kiến của tôi")
    errors = refused(lambda: services.consultation_publish(consultation=running, by=officer))
    assert set(errors) == {"closes", "comments", "summary"}

    over = opened(officer, opens=days(-20), closes=days(-1))
    comment = services.comment_enter(
        consultation=over, channel="box", text="Đề nghị lắp đèn đường.", by=officer
    )
    services.consultation_summarise(consultation=over, summary="Nhân dân đồng tình.", by=officer)
    over.refresh_from_db()
    assert over.status == "closed"
    assert set(refused(lambda: services.consultation_publish(consultation=over, by=officer))) == {"comments"}
    services.comment_consider(
        comment=comment, disposition="partly", response="Lắp ở các tuyến chính trước.", by=officer
    )
    services.consultation_publish(consultation=over, by=officer)
    over.refresh_from_db()
    assert over.status == "published" and over.published_on == days(0)
    refused(lambda: services.comment_consider(comment=comment, disposition="accepted", by=officer))
    refused(lambda: services.comment_enter(consultation=over, channel="slip", text="Muộn", by=officer))


def test_slips_are_still_typed_in_after_the_last_day(officer):
    over = opened(officer, opens=days(-10), closes=days(-1))
    comment = services.comment_enter(
        consultation=over, channel="slip", text="Phiếu góp ý nộp muộn", by=officer
    )
    assert comment.pk
