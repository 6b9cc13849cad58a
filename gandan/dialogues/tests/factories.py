"""Dialogues as the services leave them, for the tests and the shared page tables (gandan/tests/test_staff_pages.py,
walk_records.py): a planned dialogue taking questions, and a held one with an answered question, a commitment and
its progress. Each step at its own moment (gandan.kit.history.clock_at), as the commune's officers."""

import datetime as dt
from typing import Any

from django.utils import timezone

from gandan.accounts.models import User
from gandan.dialogues.models import Commitment, Dialogue, Question
from gandan.dialogues.services.commitments import CommitmentFacts, commitment_progress
from gandan.dialogues.services.dialogues import DialogueFacts, dialogue_hold, dialogue_schedule
from gandan.dialogues.services.questions import Asker, question_answer, question_enter, question_submit
from gandan.kit.history import clock_at
from gandan.units.models import GRASSROOTS_KINDS, Unit

ASKER = "Nguyễn Văn Thuận"
PHONE = "0912345601"
EMAIL = "thuan.nguyen@example.vn"


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def villages(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, valid_to__isnull=True, kind__in=GRASSROOTS_KINDS).order_by("name")
    )


def at(days: float = 0, hour: int = 8) -> dt.datetime:
    """A local moment `days` from today (negative: in the past) at `hour`."""
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def facts(**changes) -> DialogueFacts:
    values: dict[str, Any] = {
        "kind": Dialogue.Kind.ANNUAL,
        "title": "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân",
        "starts_at": at(14),
        "place": "Hội trường UBND xã",
        "chaired_by": "Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ xã",
        "participants": "Trưởng các thôn; cử tri",
        "agenda": "1. Báo cáo.\n2. Nhân dân nêu ý kiến.",
        "questions_until": at(12, 17),
    }
    values.update(changes)
    return DialogueFacts(**values)


def planned(commune: Unit, *, by: User | None = None, **changes) -> Dialogue:
    organiser = by or user(f"danvan.{_slug(commune)}")
    return dialogue_schedule(commune=commune, facts=facts(**changes), by=organiser)


def _slug(commune: Unit) -> str:
    return {"08848": "songlo", "08824": "tamson", "08782": "hailuu", "08773": "yenlang"}[commune.code]


def portal_question(
    dialogue: Dialogue, *, text: str = "Đường liên thôn ngập nước sau mưa, bao giờ xã sửa?"
) -> Question:
    village = villages(dialogue.unit)[0]
    return question_submit(
        dialogue=dialogue, asker=Asker(name=ASKER, village=village, phone=PHONE, email=EMAIL), text=text
    )


def held_with_commitment(commune: Unit) -> tuple[Dialogue, Question, Commitment]:
    """A dialogue held ten days ago: a portal question answered by the chairman with a commitment due in a month,
    which has one progress note."""
    slug = _slug(commune)
    organiser, chair = user(f"danvan.{slug}"), user(f"chutich.{slug}")
    starts = at(-10)
    with clock_at(starts - dt.timedelta(days=20)):
        dialogue = planned(
            commune, by=organiser, starts_at=starts, questions_until=starts - dt.timedelta(days=1)
        )
        question = portal_question(dialogue)
    with clock_at(starts + dt.timedelta(hours=3)):
        dialogue_hold(dialogue=dialogue, by=organiser)
        question, commitment = question_answer(
            question=question,
            answer="Xã sẽ sửa chữa đoạn đường ngập trong tháng tới.",
            commitment=CommitmentFacts(
                text="Nâng cốt và làm rãnh thoát nước đoạn đường liên thôn bị ngập.",
                owner="Công chức Địa chính - Xây dựng",
                due=timezone.localdate() + dt.timedelta(days=30),
            ),
            by=chair,
        )
    assert commitment is not None
    with clock_at(starts + dt.timedelta(days=5)):
        commitment_progress(commitment=commitment, note="Đã khảo sát và lập dự toán.", by=organiser)
    return dialogue, question, commitment


def entered_question(dialogue: Dialogue, *, by: User, channel: str = Question.Channel.RECEPTION) -> Question:
    return question_enter(
        dialogue=dialogue,
        channel=channel,
        asker=Asker(name="Trần Thị Lý", phone="0987654302"),
        text="Hồ sơ cấp giấy chứng nhận của gia đình tôi quá hạn chưa có kết quả.",
        by=by,
    )


WALK_TITLE = "Hội nghị đối thoại với Nhân dân (kiểm tra giao diện)"
WALK_PLANNED = "Đối thoại chuyên đề giải phóng mặt bằng (kiểm tra giao diện)"


def dialogue_records(commune: Unit) -> dict:
    """The records the shared page tables need (gandan/tests/test_staff_pages.py, walk_records.py), found again on
    a second call: a held dialogue with an answered question and its commitment in progress, a done commitment with
    a photo, and a planned dialogue taking questions."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gandan.dialogues.services.commitments import commitment_create, commitment_done

    held = Dialogue.objects.filter(unit_path=commune.path, title=WALK_TITLE).first()
    if held is None:
        held, _question, _commitment = held_with_commitment(commune)
        Dialogue.objects.filter(pk=held.pk).update(title=WALK_TITLE)
        held.refresh_from_db()
        chair = user(f"chutich.{_slug(commune)}")
        done = commitment_create(
            dialogue=held,
            facts=CommitmentFacts(
                text="Công khai các khoản đóng góp tại nhà văn hóa các thôn.",
                owner="Văn phòng - Thống kê xã",
                due=timezone.localdate() + dt.timedelta(days=5),
            ),
            by=chair,
        )
        picture = io.BytesIO()
        Image.new("RGB", (64, 48), (90, 160, 70)).save(picture, format="JPEG")
        commitment_done(
            commitment=done,
            evidence="Đã niêm yết bảng công khai tại nhà văn hóa các thôn.",
            done_on=timezone.localdate(),
            upload=SimpleUploadedFile("bang-cong-khai.jpg", picture.getvalue()),
            by=chair,
        )
    upcoming = Dialogue.objects.filter(unit_path=commune.path, title=WALK_PLANNED).first()
    if upcoming is None:
        upcoming = planned(
            commune, title=WALK_PLANNED, kind=Dialogue.Kind.THEMATIC, topic="Giải phóng mặt bằng"
        )
    question = held.questions.order_by("number").first()
    assert question is not None
    return {
        "dialogue": held,
        "planned_dialogue": upcoming,
        "dialogue_question": question,
        "commitment": held.commitments.filter(state="in_progress").order_by("pk").first(),
        "done_commitment": held.commitments.filter(state="done").order_by("pk").first(),
        "question_code": question.code,
    }
