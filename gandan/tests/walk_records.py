"""Records for the page walk (gandan/tests/test_browser_walk.py), made in the live site's own database by
`gandan shell -c` (the `site_shell` fixture): the demo's dossiers and petitions, plus what the demo has no example
of yet (a petition with a verification task and a protected attachment, reception days, a reception record, a
conclusion notice with its task), made the way `gandan/tests/test_staff_pages.py`'s `records` fixture makes them.

`walk_records()` answers, for each argument name of the PAGES table, the value to put in the URL (a primary key, or
a word such as "accept"), and the tokens of the public pages. It is safe to call twice: the second call finds what
the first made."""

import datetime as dt
import io

WALKER = "xem.tatca"
WALK_REPORT = "Ổ gà lớn trước cổng nhà văn hoá (bản ghi cho lượt đi qua các trang)"  # a province account holding every role: it may open every staff page of the province


def walk_records() -> dict[str, object]:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gandan.accounts.models import User
    from gandan.accounts.rules import Role
    from gandan.accounts.services import user_create
    from gandan.demo import DEMO_PASSWORD
    from gandan.dossiers import public as dossiers_public
    from gandan.dossiers.models import Attachment as DossierAttachment
    from gandan.dossiers.models import Channel, Dossier, ReturnRecord
    from gandan.dossiers.rules import Status
    from gandan.petitions import public as petitions_public
    from gandan.petitions import services as petitions
    from gandan.petitions.models import Attachment, ClockRule, Petition
    from gandan.reception.models import (
        ConclusionNotice,
        LeaderKind,
        ReceptionDay,
        ReceptionRecord,
        ReceptionSchedule,
    )
    from gandan.units.models import Unit
    from gandan.workcalendar.models import CalendarDay

    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    province = Unit.objects.get(path="25")
    if not User.objects.filter(username=WALKER).exists():
        user_create(
            username=WALKER,
            password=DEMO_PASSWORD,
            full_name="Người xem toàn bộ",
            unit=province,
            roles=list(Role),
        )

    def user(name: str) -> User:
        return User.objects.get(username=name)

    desk, handler, leader, inspector = (
        user(f"{role}.songlo") for role in ("motcua", "xuly", "chutich", "thanhtra")
    )
    dossiers = Dossier.objects.filter(unit=commune).order_by("id")
    dossier = (
        dossiers.filter(handler__isnull=False, current_appointment__isnull=False).first() or dossiers.first()
    )
    assert dossier is not None, "the demo gives xã Sông Lô dossiers"
    returned = dossiers.filter(status=Status.RETURNED).first() or dossier
    dossier_attachment = dossier.attachments.first() or DossierAttachment.objects.create(
        dossier=dossier,
        file=ContentFile(b"%PDF-1.4\n", name="giay-to.pdf"),
        original_name="giay-to.pdf",
        content_type="application/pdf",
        size=9,
    )

    subject = "Tố cáo trưởng thôn thu tiền trái quy định (kiểm tra giao diện)"
    petition = Petition.objects.filter(unit=commune, subject=subject).first()
    if petition is None:
        petition = petitions.petition_receive(
            unit=commune,
            channel="direct",
            persons=[{"name": "Đinh Thị Kín Đáo", "address": "Thôn Cao Phong", "phone": "0977333444"}],
            original_text="Tôi là Đinh Thị Kín Đáo, xin tố cáo.",
            parts=[
                {
                    "kind": "denunciation",
                    "subject": subject,
                    "content": "Trưởng thôn thu của mỗi hộ 200.000 đồng không có biên lai.",
                }
            ],
            by=desk,
        )[0]
        petitions.petition_assign(petition=petition, by=leader, assignee=handler)
        petitions.petition_accept(petition=petition, by=handler)
        petitions.petition_add_task(
            petition=petition,
            by=handler,
            title="Xác minh việc thu tiền",
            assignee=inspector,
            due=petition.statutory_due or timezone.localdate(),
        )
        Attachment.objects.create(
            petition=petition,
            file=ContentFile(b"%PDF-1.4\n", name="don-goc.pdf"),
            original_name="don-goc.pdf",
            content_type="application/pdf",
            size=9,
            protected=True,
        )

    # The result document kept when a result was handed over (its download is a staff page of the walk).
    if not ReturnRecord.objects.filter(dossier=dossier).exclude(file="").exists():
        ReturnRecord.objects.update_or_create(
            dossier=dossier,
            defaults=dict(
                at=timezone.now(),
                by=desk,
                method="in_person",
                result_number="Giấy khai sinh số 1/2026",
                file=ContentFile(b"%PDF-1.4\n", name="ket-qua.pdf"),
                file_name="ket-qua.pdf",
                file_type="application/pdf",
                file_size=9,
            ),
        )
    online = dossiers.filter(channel=Channel.ONLINE).first() or dossier
    schedule = ReceptionSchedule.objects.filter(unit=commune).order_by("id").first()
    assert schedule is not None, "the demo gives xã Sông Lô its reception schedules"
    today = timezone.localdate()
    place = "Trụ sở UBND xã (kiểm tra giao diện)"
    day, _ = ReceptionDay.objects.get_or_create(
        unit=commune,
        place=place,
        day=today - dt.timedelta(days=1),
        defaults={
            "unit_path": commune.path,
            "leader": leader,
            "leader_kind": LeaderKind.COMMUNE_CHAIRMAN,
            "held": True,
        },
    )
    upcoming, _ = ReceptionDay.objects.get_or_create(
        unit=commune,
        place=place,
        day=today,
        defaults={"unit_path": commune.path, "leader": leader, "leader_kind": LeaderKind.COMMUNE_CHAIRMAN},
    )
    record = day.records.first() or ReceptionRecord.objects.create(
        unit=commune,
        unit_path=commune.path,
        reception_day=day,
        at=timezone.now() - dt.timedelta(days=1),
        officer=desk,
        citizen_name="Nguyễn Văn An",
        citizen_address="Thôn Đồng Thịnh",
        content="Đề nghị sửa đường liên thôn",
        kind="recommendation",
        outcome=ReceptionRecord.Outcome.REFUSED,
        refusal_reason="Đã được giải quyết.",
        documents_received="Đơn",
    )
    notice = ConclusionNotice.objects.filter(reception_day=day).first() or ConclusionNotice.objects.create(
        reception_day=day,
        number="05",
        issued_on=today,
        content="Giao kiểm tra hiện trạng.",
        created_by=leader,
    )
    conclusion_task = notice.tasks.first() or notice.tasks.create(
        unit_path=commune.path,
        title="Kiểm tra hiện trạng",
        assignee=inspector,
        due=today + dt.timedelta(days=10),
    )
    # An alert of public opinion as the engine raises it (its pages: the alert and the officials' actions).
    from gandan.opinion.models import Alert, Issue

    issue_title = "Bụi từ nhà máy bê tông (kiểm tra giao diện)"
    issue = Issue.objects.filter(unit=commune, title=issue_title).first() or Issue.objects.create(
        unit=commune,
        unit_path=commune.path,
        title=issue_title,
        first_seen=timezone.now() - dt.timedelta(days=2),
        last_seen=timezone.now(),
        signal_count=7,
        people_count=12,
    )
    alert = Alert.objects.filter(issue=issue).first() or Alert.objects.create(
        issue=issue,
        unit=commune,
        unit_path=commune.path,
        level=2,
        raised_at=timezone.now(),
        reasons=[
            {"code": "burst", "observed": 7, "expected": 0.4, "days": 2},
            {"code": "crowd", "people": 12},
        ],
    )
    # An issue with its signals (its pages: the issue, its corrections, the merge) and a topic to edit.
    from gandan.opinion.models import Topic
    from gandan.opinion.tests.factories import make_issue, villages_of

    heard_title = "Đường liên thôn xuống cấp (kiểm tra giao diện)"
    heard = Issue.objects.filter(unit=commune, title=heard_title).first()
    if heard is None:
        village = villages_of(commune)[0]
        heard = make_issue(
            commune,
            heard_title,
            [
                (village, 0.5, "Đường liên thôn ổ gà nhiều, xe máy đi lại rất nguy hiểm"),
                (village, 1, "Đề nghị xã sửa đường liên thôn trước mùa mưa"),
                (commune, 2, "Đường bê tông liên thôn nứt vỡ, trời mưa ngập bùn"),
            ],
            alert_level=1,
        )
    models = _initiatives(commune, user("danvan.songlo"), user("bithu.songlo"))
    # A team's note of what people are saying (its team made here when the demo has none for the village).
    from gandan.mobilization.models import Activity, Team
    from gandan.mobilization.services.activities import activity_record

    danvan = user("danvan.songlo")
    team_village = villages_of(commune)[0]
    activity_team = Team.objects.filter(village=team_village, dissolved_on__isnull=True).first()
    if activity_team is None:
        activity_team = Team.objects.create(
            village=team_village,
            unit_path=team_village.path,
            commune_path=commune.path,
            name=f"Tổ dân vận {team_village.name}",
            created_by=danvan,
        )
    said = "Bà con hỏi bao giờ sửa đường liên thôn (kiểm tra giao diện)."
    activity = Activity.objects.filter(team=activity_team, content=said).first() or activity_record(
        commune=commune, kind="note", held_on=today, team=activity_team, content=said, by=danvan
    )
    # A mobilisation team of the demo and one of its members (their pages: the team, its forms, the member's).

    team = Team.objects.filter(commune_path=commune.path, dissolved_on__isnull=True).order_by("pk").first()
    assert team is not None, "the demo gives xã Sông Lô its mobilisation teams"
    # A periodic mass-mobilisation report of the last thirty days (its pages: the report, its actions, its files).
    from gandan.mobilization.selectors.reports import reports_for_user
    from gandan.mobilization.services.reports import report_create

    officer = user("danvan.songlo")
    mob_report = reports_for_user(officer).filter(unit=commune).order_by("id").first() or report_create(
        unit=commune,
        period_kind="adhoc",
        start=today - dt.timedelta(days=30),
        end=today - dt.timedelta(days=1),
        by=officer,
    )
    # A held dialogue with its question and commitments, and one taking questions (gandan.dialogues).
    from gandan.democracy.tests.walk import democracy_records
    from gandan.dialogues.tests.factories import dialogue_records

    dialogues = {k: getattr(v, "pk", v) for k, v in dialogue_records(commune).items()}
    # A village with its household register, an open household ballot and a counted meeting (their pages).
    from gandan.democracy.tests.votes_support import page_records as democracy_votes

    votes = {key: row.pk for key, row in democracy_votes(commune).items()}
    disclosure = _disclosure(commune, leader)
    # An article of xã Sông Lô waiting for review, with its photo and category, readers' opinions, and a published
    # article with its photos, tag and category for the public pages (gandan.news).
    from gandan.news.tests.comment_records import comment_records
    from gandan.news.tests.public_factories import walk_article
    from gandan.news.tests.walk import news_records

    news = {key: row.pk for key, row in news_records(commune).items()}
    # A field report with a photo (gandan.fieldreports), received the portal's way; found again on a second call.
    from gandan.core.vntext import normalize
    from gandan.fieldreports.models import FieldReport
    from gandan.fieldreports.tests.factories import fieldreport_records

    walked = (
        FieldReport.objects.filter(unit=commune, description=normalize(WALK_REPORT)).order_by("id").first()
    )
    field = (
        {"field_report": walked, "field_report_photo": walked.photos.order_by("id")[0]}
        if walked is not None and walked.photos.exists()
        else fieldreport_records(commune, description=WALK_REPORT)
    )
    news |= {key: row.pk for key, row in comment_records(commune).items()}
    # The field reports' setup: the pothole category, its question, a village (gandan.fieldreports).
    from gandan.fieldreports.tests.setup_records import setup_records

    fr_setup = {key: row.pk for key, row in setup_records(commune).items()}
    from gandan.fieldreports.tests.walk_public import public_walk_records

    return {
        **public_walk_records(commune),
        "field_report": field["field_report"].pk,
        "field_report_photo": field["field_report_photo"].pk,
        "field_report_action": "acknowledge",
        **news,
        **fr_setup,
        **walk_article(commune, leader),
        **votes,
        **models,
        **_supervision(commune, officer),
        **dialogues,
        **democracy_records(commune),
        "disclosure": disclosure.pk,
        "scheduled_job": _scheduled_job(),
        "api_key": _api_key(commune),
        "disclosure_document": disclosure.documents.order_by("pk")[0].pk,
        "disclosure_commune": commune.code,
        "public_disclosure": disclosure.pk,
        "showcase_model": models["recognised_initiative"],
        "team": team.pk,
        "team_member": team.members.order_by("pk")[0].pk,
        "commune": commune.pk,
        "activity": activity.pk,
        "mob_report": mob_report.pk,
        "alert": alert.pk,
        "opinion_issue": heard.pk,
        "opinion_signal": heard.signals.order_by("pk")[0].pk,
        "opinion_topic": Topic.objects.get(code="land").pk,
        "dossier": dossier.pk,
        "dossier_action": "accept",
        "dossier_attachment": dossier_attachment.pk,
        "dossier_form": "01",
        "procedure": dossier.procedure_id,
        "petition": petition.pk,
        "petition_action": "accept",
        "petition_task": petition.tasks.order_by("id")[0].pk,
        "petition_attachment": petition.attachments.order_by("id")[0].pk,
        "petition_document": petition.documents.order_by("id")[0].pk,
        "clock_rule": ClockRule.objects.order_by("id")[0].pk,
        "reception_day": day.pk,
        "upcoming_day": upcoming.pk,
        "reception_record": record.pk,
        "conclusion": notice.pk,
        "conclusion_task": conclusion_task.pk,
        "calendar_day": CalendarDay.objects.order_by("id")[0].pk,
        # The public pages' arguments.
        "dossier_token": dossiers_public.lookup_token(dossier),
        "submitted_token": dossiers_public.lookup_token(online),
        "reception_schedule": schedule.pk,
        "returned_token": dossiers_public.lookup_token(returned),
        "petition_token": petitions_public.lookup_token(petition),
    }


def _supervision(commune, officer) -> dict[str, int]:
    """People's supervision of xã Sông Lô (found again on a second call): the inspection board in office with a
    member, and an investment board with an overdue finding."""
    from django.utils import timezone

    from gandan.democracy.models import Board, Finding
    from gandan.democracy.selectors.supervision import commune_villages
    from gandan.democracy.services.supervision import board_create, member_add
    from gandan.democracy.services.supervision_findings import finding_create

    today = timezone.localdate()
    board = Board.objects.filter(unit=commune, kind="inspection", dissolved_on__isnull=True).first()
    if board is None:
        board = board_create(
            commune=commune, kind="inspection", term_start=today - dt.timedelta(days=100), by=officer
        )
    member = board.members.filter(left_on__isnull=True).order_by("pk").first() or member_add(
        board=board, full_name="Hà Văn Khải", village=commune_villages(commune)[0], by=officer
    )
    title = "Mặt đường mỏng hơn thiết kế (kiểm tra giao diện)"
    finding = Finding.objects.filter(unit_path=commune.path, title=title).first()
    if finding is None:
        road = board_create(
            commune=commune,
            kind="investment",
            project="Đường liên thôn Bến Đò – Bãi Sậy (kiểm tra giao diện)",
            term_start=today - dt.timedelta(days=60),
            by=officer,
        )
        finding = finding_create(
            board=road,
            title=title,
            finding="Đoạn qua thôn Bến Đò chỉ dày 14 cm, thiết kế 18 cm.",
            recommendation="Đề nghị chủ đầu tư yêu cầu nhà thầu làm lại đoạn không đạt.",
            addressed_to="UBND xã Sông Lô",
            found_on=today - dt.timedelta(days=20),
            answer_due=today - dt.timedelta(days=1),
            by=officer,
        )
    return {"supervision_board": board.pk, "supervision_member": member.pk, "supervision_finding": finding.pk}


def _initiatives(commune, officer, secretary) -> dict[str, int]:
    """ "Dân vận khéo" models of xã Sông Lô, made through the services (found again on a second call): one being
    carried out with a photo, one reviewed, one recognised (also the showcase's model)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from gandan.mobilization.models import Initiative
    from gandan.mobilization.services.evidence import evidence_add
    from gandan.mobilization.services.initiative_decisions import initiative_recognise, initiative_review
    from gandan.mobilization.services.initiatives import initiative_register, initiative_start

    scores = {
        "named_place": 9,
        "led_registered": 9,
        "many_forces": 13,
        "effective": 18,
        "supported": 13,
        "solves_local": 13,
        "sustainable": 13,
    }

    def model(name: str, stage: int) -> Initiative:
        found = Initiative.objects.filter(unit=commune, name=name).first()
        if found is not None:
            return found
        made = initiative_register(
            unit=commune,
            name=name,
            field="economy",
            owner_kind="team",
            owner_name="Tổ dân vận thôn Đồng Thịnh",
            place="Thôn Đồng Thịnh, xã Sông Lô",
            period_start=dt.date(2025, 3, 1),
            description="Vận động nhân dân hiến đất làm đường (kiểm tra giao diện).",
            results="46 hộ hiến 3.200 m² đất; đường mở rộng 2,4 km.",
            figures=[{"label": "Hộ hiến đất", "value": 46, "unit": "hộ"}],
            by=officer,
        )
        initiative_start(initiative=made, by=officer)
        if stage > 0:
            initiative_review(initiative=made, scores=scores, recommend=True, by=secretary)
        if stage > 1:
            initiative_recognise(
                initiative=made, level="commune", decision="9/QĐ-UBND", on=timezone.localdate(), by=secretary
            )
        return made

    implementing = model("Dân vận khéo trong hiến đất làm đường (kiểm tra giao diện)", 0)
    # Its photo: the download and the removal page (the walk GETs its form and never POSTs, so it stays).
    photo = implementing.evidence.first()
    if photo is None:
        picture = io.BytesIO()
        Image.new("RGB", (64, 48), (90, 160, 70)).save(picture, format="JPEG")
        photo = evidence_add(
            initiative=implementing, upload=SimpleUploadedFile("anh.jpg", picture.getvalue()), by=officer
        )
    return {
        "initiative": implementing.pk,
        "initiative_evidence": photo.pk,
        "reviewed_initiative": model("Tổ tự quản an ninh trật tự (kiểm tra giao diện)", 1).pk,
        "recognised_initiative": model(
            "Chi hội phụ nữ không có người thân vi phạm pháp luật (kiểm tra giao diện)", 2
        ).pk,
    }


def _disclosure(commune, officer):
    """A public disclosure of xã Sông Lô posted since yesterday, with its document (found again on a second call):
    its staff pages and its public page."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from pypdf import PdfWriter

    from gandan.democracy.models import Disclosure
    from gandan.democracy.services.disclosures import disclosure_create

    title = "Dự toán ngân sách xã năm 2026 (kiểm tra giao diện)"
    found = Disclosure.objects.filter(unit=commune, title=title).first()
    if found is not None:
        return found
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(out)
    today = timezone.localdate()
    return disclosure_create(
        unit=commune,
        item=2,
        title=title,
        summary="Tổng thu, tổng chi ngân sách xã theo Nghị quyết của Hội đồng nhân dân xã.",
        decision_ref="15/QĐ-UBND",
        decided_on=today - dt.timedelta(days=2),
        channels=["office_board", "village_houses", "portal"],
        start=today - dt.timedelta(days=1),
        documents=[SimpleUploadedFile("du-toan.pdf", out.getvalue())],
        by=officer,
    )


def _api_key(commune) -> int:
    """An integrator's key of xã Sông Lô (found again on a second call), for its revoke page."""
    from gandan.apikeys.models import ApiKey
    from gandan.apikeys.services import apikey_create

    found = ApiKey.objects.filter(name="Cổng kết nối thử", unit=commune).first()
    if found is None:
        found = apikey_create(name="Cổng kết nối thử", unit=commune, scopes=["read"], by=None).key
    return found.pk


def _scheduled_job() -> str:
    """A job of the schedule (its key is its address): the nightly backup, made by the schedule's defaults."""
    from gandan.operations.schedule import schedule_defaults_ensure

    schedule_defaults_ensure()
    return "backup-nightly"
