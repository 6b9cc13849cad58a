"""Commitments: recorded from an answer or directly, progress notes the public reads, done only with evidence (a file
checked by its content), cancelled only with a reason; overdue = not finished and past due; who may report."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gandan.dialogues.models import Commitment, CommitmentUpdate
from gandan.dialogues.selectors.commitments import CommitmentFilter, commitment_list
from gandan.dialogues.services.commitments import (
    CommitmentFacts,
    commitment_cancel,
    commitment_create,
    commitment_done,
    commitment_progress,
)
from gandan.dialogues.tests.factories import held_with_commitment, planned
from gandan.errors import DomainError, NotAllowed
from gandan.kit.history import clock_at

pytestmark = pytest.mark.django_db


def _photo() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(data, format="JPEG")
    return SimpleUploadedFile("anh-duong.jpg", data.getvalue(), content_type="image/jpeg")


def test_a_commitment_made_directly_at_the_dialogue(home_commune, chair):
    dialogue = planned(home_commune)
    commitment = commitment_create(
        dialogue=dialogue,
        facts=CommitmentFacts(
            text="Công khai các khoản đóng góp",
            owner="Văn phòng xã",
            due=timezone.localdate() + dt.timedelta(days=30),
        ),
        by=chair,
    )
    assert commitment.question is None and commitment.state == "open"


def test_a_due_date_before_the_dialogue_is_refused(home_commune, chair):
    dialogue = planned(home_commune)
    with pytest.raises(DomainError) as refused:
        commitment_create(
            dialogue=dialogue,
            facts=CommitmentFacts(text="Sửa đường", owner="Địa chính", due=timezone.localdate()),
            by=chair,
        )
    assert "due" in refused.value.errors
    assert not Commitment.objects.filter(dialogue=dialogue).exists()


def test_progress_then_done_with_evidence_and_a_photo(home_commune, organiser, media):
    _dialogue, _question, commitment = held_with_commitment(home_commune)
    commitment_done(
        commitment=commitment,
        evidence="Đã nâng cốt 300 m đường, làm rãnh thoát nước hai bên.",
        done_on=timezone.localdate(),
        upload=_photo(),
        by=organiser,
    )
    commitment.refresh_from_db()
    assert commitment.state == "done" and commitment.done_on == timezone.localdate()
    assert commitment.evidence_file.name.endswith(".jpg")
    states = list(CommitmentUpdate.objects.filter(commitment=commitment).values_list("state", flat=True))
    assert states == ["in_progress", "done"]


def test_done_needs_evidence_and_a_real_file(home_commune, organiser, media):
    _d, _q, commitment = held_with_commitment(home_commune)
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        commitment_done(
            commitment=commitment,
            evidence=" ",
            done_on=timezone.localdate() + dt.timedelta(days=1),
            upload=fake,
            by=organiser,
        )
    assert set(refused.value.errors) == {"evidence", "done_on", "evidence_file"}
    commitment.refresh_from_db()
    assert commitment.state == "in_progress" and not commitment.evidence_file


def test_the_named_officer_reports_on_his_commitment_only(home_commune, handler, desk, chair):
    dialogue, _q, commitment = held_with_commitment(home_commune)
    with pytest.raises(NotAllowed):
        commitment_progress(commitment=commitment, note="Đang làm", by=handler)
    mine = commitment_create(
        dialogue=dialogue,
        facts=CommitmentFacts(
            text="Rà soát hồ sơ đất đai quá hạn",
            owner="Địa chính",
            due=timezone.localdate() + dt.timedelta(days=9),
            owner_user=handler,
        ),
        by=chair,
    )
    commitment_progress(commitment=mine, note="Đã rà soát 10 hồ sơ.", by=handler)
    with pytest.raises(NotAllowed):
        commitment_cancel(commitment=mine, reason="Không cần nữa", by=handler)
    with pytest.raises(NotAllowed):
        commitment_progress(commitment=mine, note="x", by=desk)


def test_cancelling_needs_a_reason_and_is_final(home_commune, chair):
    _d, _q, commitment = held_with_commitment(home_commune)
    with pytest.raises(DomainError):
        commitment_cancel(commitment=commitment, reason="", by=chair)
    commitment_cancel(commitment=commitment, reason="Tuyến đường đã có dự án của tỉnh đầu tư.", by=chair)
    commitment.refresh_from_db()
    assert commitment.state == "cancelled"
    with pytest.raises(DomainError):
        commitment_progress(commitment=commitment, note="Tiếp tục", by=chair)


def test_a_done_commitment_is_reopened_by_the_organisers(home_commune, organiser):
    _d, _q, commitment = held_with_commitment(home_commune)
    commitment_done(
        commitment=commitment, evidence="Đã làm xong.", done_on=timezone.localdate(), by=organiser
    )
    commitment_progress(
        commitment=commitment, note="Người dân phản ánh rãnh vẫn ngập: làm lại.", by=organiser
    )
    commitment.refresh_from_db()
    assert commitment.state == "in_progress" and commitment.done_on is None


def test_overdue_is_not_finished_and_past_due(home_commune, organiser, chair):
    _d, _q, commitment = held_with_commitment(home_commune)
    after_due = dt.datetime.combine(
        commitment.due + dt.timedelta(days=1), dt.time(9), tzinfo=timezone.get_current_timezone()
    )
    with clock_at(after_due):
        overdue = commitment_list(chair, CommitmentFilter(state="overdue"))
        assert commitment in overdue
        commitment_done(
            commitment=commitment,
            evidence="Đã hoàn thành, muộn 1 ngày.",
            done_on=commitment.due + dt.timedelta(days=1),
            by=organiser,
        )
        assert commitment not in commitment_list(chair, CommitmentFilter(state="overdue"))
