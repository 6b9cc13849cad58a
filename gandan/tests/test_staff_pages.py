"""Every staff page, found by walking the URL resolver (everything under /staff/): an officer with the right role
opens it on a real record of xã Sông Lô (200, or the status documented below), and the officer with the same role
in xã Tam Sơn gets 404 for that record. A page added without a line in PAGES fails
`test_every_staff_page_is_in_the_table`, so no page goes untested.

A page of national or province-wide reference data (the procedures catalogue, the statutory clock rules, the
working calendar) has no commune: it is marked `scoped=False` and its reason. The protected identity pages (open,
grant, waive), the protected attachment download and the clock-rule correction also get a behaviour test each
below: what the right person sees, and who is refused."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from gandan.accounts.models import User
from gandan.apikeys.services import apikey_create
from gandan.audit.models import SensitiveRead
from gandan.dialogues.tests.factories import dialogue_records
from gandan.dossiers.models import Attachment as DossierAttachment
from gandan.dossiers.models import Dossier, ReturnRecord
from gandan.fieldreports.tests.factories import fieldreport_records
from gandan.fieldreports.tests.setup_records import setup_records
from gandan.mobilization.models import Team
from gandan.mobilization.services import reports as mobilization_reports
from gandan.notify.models import InboxItem
from gandan.opinion.models import Alert, Topic
from gandan.opinion.tests.factories import make_issue, villages_of
from gandan.petitions import services as petitions
from gandan.petitions.models import Attachment, ClockRule, IdentityGrant, ProtectedIdentity
from gandan.reception.models import (
    ConclusionNotice,
    LeaderKind,
    ReceptionDay,
    ReceptionRecord,
    ReceptionSchedule,
)
from gandan.tests_support import client_for
from gandan.units.models import Unit
from gandan.workcalendar.models import CalendarDay

pytestmark = pytest.mark.django_db

SECRET = {"name": "Đinh Thị Kín Đáo", "address": "Xóm Trong, thôn Cao Phong", "phone": "0977333444"}
LETTER = b"%PDF-1.4\n% the original letter, in the denunciator's hand\n"


@dataclass(frozen=True)
class Page:
    role: (
        str  # the demo user's prefix: "<role>.songlo" opens it, "<role>.tamson" must not see the record (or a
    )
    # province user's whole name)
    args: tuple[str, ...] = ()  # names of objects in the `records` fixture, in the URL's order
    status: int = 200  # what the right officer gets for GET
    scoped: bool = True  # a record of one commune: the other commune's officer gets 404
    why: str = ""  # why `status` is not 200, or why the page is not scoped


POST_ONLY = "the page is a form's target: GET is refused (405); the other commune's POST is a 404"
FR_CATALOGUE = (
    "the installation's one list of report categories (Open311 services); changed by a province role"
)

PAGES: dict[str, Page] = {
    "portal:staff_home": Page("motcua"),
    "portal:inbox": Page(
        "motcua", scoped=False, why="the officer's own notifications, not a commune's records"
    ),
    "portal:inbox_open": Page("chutich", ("inbox_item",), status=405, why=POST_ONLY),
    "portal:inbox_read_all": Page(
        "motcua", status=405, scoped=False, why=POST_ONLY + "; the officer's own notifications"
    ),
    "dossiers:worklist": Page("motcua"),
    "dossiers:intake": Page("motcua"),
    "dossiers:indicators": Page("chutich"),
    "dossiers:procedures": Page("motcua", scoped=False, why="the province's catalogue of procedures"),
    "dossiers:procedure_import": Page("chutich", scoped=False, why="the province's catalogue of procedures"),
    "dossiers:procedure_import_template": Page("chutich", scoped=False, why="a blank spreadsheet"),
    "dossiers:procedure": Page("motcua", ("procedure",), scoped=False, why="the province's catalogue"),
    "dossiers:procedure_edit": Page("chutich", ("procedure",), scoped=False, why="the province's catalogue"),
    "dossiers:detail": Page("motcua", ("dossier",)),
    "dossiers:act": Page("motcua", ("dossier", "dossier_action"), status=405, why=POST_ONLY),
    "dossiers:attachment": Page("motcua", ("dossier", "dossier_attachment")),
    "dossiers:unlock_lookup": Page("motcua", ("dossier",), status=405, why=POST_ONLY),
    "dossiers:result_file": Page("motcua", ("dossier",)),
    "dossiers:reveal_identity": Page("motcua", ("dossier",), status=405, why=POST_ONLY),
    "dossiers:book": Page("motcua"),
    "dossiers:form_pdf": Page("motcua", ("dossier", "dossier_form")),
    "petitions:worklist": Page("motcua"),
    "petitions:intake": Page("motcua"),
    "petitions:tasks": Page("thanhtra"),
    "petitions:task_done": Page("thanhtra", ("petition_task",)),
    "petitions:clock_rules": Page("motcua", scoped=False, why="the statutory clocks are national law"),
    "petitions:clock_rule_correct": Page(
        "giamsat.phutho",
        ("clock_rule",),
        scoped=False,
        why="the statutory clocks are national law; a province role",
    ),
    "petitions:detail": Page("motcua", ("petition",)),
    "petitions:act": Page("chutich", ("petition", "petition_action"), status=405, why=POST_ONLY),
    "petitions:unlock_lookup": Page("motcua", ("petition",), status=405, why=POST_ONLY),
    "petitions:relate": Page("motcua", ("petition",), status=405, why=POST_ONLY),
    "petitions:identity": Page("motcua", ("petition",), status=405, why=POST_ONLY),
    "petitions:grant": Page("chutich", ("petition",), status=405, why=POST_ONLY),
    "petitions:waive": Page("motcua", ("petition",), status=405, why=POST_ONLY),
    "petitions:attachment": Page("motcua", ("petition", "petition_attachment")),
    "petitions:document_pdf": Page("motcua", ("petition", "petition_document")),
    "petitions:redact": Page("motcua", ("petition",)),
    "reception:days": Page("motcua"),
    "reception:day_new": Page("motcua"),
    "reception:day": Page("motcua", ("reception_day",)),
    "reception:day_held": Page("motcua", ("upcoming_day",)),
    "reception:day_cancel": Page("motcua", ("upcoming_day",)),
    "reception:conclusion_new": Page("motcua", ("reception_day",)),
    "reception:compliance": Page("motcua"),
    "reception:schedules": Page("motcua"),
    "reception:schedule_new": Page("motcua"),
    "reception:schedule_edit": Page("motcua", ("reception_schedule",)),
    "reception:schedule_end": Page("motcua", ("reception_schedule",)),
    "reception:book": Page("motcua"),
    "reception:book_export": Page("motcua"),
    "reception:record_new": Page("motcua"),
    "reception:record": Page("motcua", ("reception_record",)),
    "reception:record_follow_up": Page("motcua", ("reception_record",), status=405, why=POST_ONLY),
    "reception:refusal_pdf": Page("motcua", ("reception_record",)),
    "reception:receipt_pdf": Page("motcua", ("reception_record",)),
    "reception:conclusion": Page("motcua", ("conclusion",)),
    "reception:conclusion_pdf": Page("motcua", ("conclusion",)),
    "reception:tasks": Page("motcua"),
    "reception:task_done": Page("thanhtra", ("conclusion_task",)),
    "mobilization:teams": Page("danvan"),
    "mobilization:initiatives": Page("danvan"),
    "mobilization:initiative_new": Page("danvan"),
    "mobilization:initiative": Page("danvan", ("initiative",)),
    "mobilization:initiative_edit": Page("danvan", ("initiative",)),
    "mobilization:evidence_new": Page("danvan", ("initiative",)),
    "mobilization:evidence_file": Page("danvan", ("initiative", "initiative_evidence")),
    # GET shows the confirmation with the reason (nothing removed); only its POST removes, which no walk sends.
    "mobilization:evidence_remove": Page("danvan", ("initiative", "initiative_evidence")),
    "mobilization:initiative_start": Page("danvan", ("initiative",), status=405, why=POST_ONLY),
    "mobilization:initiative_review": Page("danvan", ("initiative",)),
    "mobilization:initiative_withdraw": Page("danvan", ("initiative",)),
    "mobilization:initiative_recognise": Page("bithu", ("reviewed_initiative",)),
    "mobilization:initiative_decline": Page("chutich", ("reviewed_initiative",)),
    "mobilization:initiative_replicate": Page(
        "danvan",
        ("recognised_initiative",),
        scoped=False,
        why="a recognised model is public: any commune may replicate it into its own villages",
    ),
    "mobilization:activities": Page("danvan"),
    "mobilization:activity_new": Page("danvan"),
    "mobilization:activities_export": Page("danvan"),
    "mobilization:activity": Page("danvan", ("activity",)),
    "mobilization:activity_edit": Page("danvan", ("activity",)),
    "mobilization:teams_export": Page("danvan"),
    "mobilization:team_new": Page("danvan"),
    "mobilization:teams_import": Page("danvan"),
    "mobilization:teams_import_template": Page("danvan"),
    "mobilization:team": Page("danvan", ("team",)),
    "mobilization:team_edit": Page("danvan", ("team",)),
    "mobilization:team_dissolve": Page("danvan", ("team",)),
    "mobilization:member_new": Page("danvan", ("team",)),
    "mobilization:member_edit": Page("danvan", ("team_member",)),
    "mobilization:member_end": Page("danvan", ("team_member",)),
    "mobilization:reports": Page("danvan"),
    "mobilization:report_new": Page("danvan"),
    "mobilization:report": Page("danvan", ("mob_report",)),
    "mobilization:report_write": Page("danvan", ("mob_report",), status=405, why=POST_ONLY),
    "mobilization:report_refresh": Page("danvan", ("mob_report",), status=405, why=POST_ONLY),
    "mobilization:report_submit": Page("danvan", ("mob_report",), status=405, why=POST_ONLY),
    "mobilization:report_approve": Page("bithu", ("mob_report",), status=405, why=POST_ONLY),
    "mobilization:report_return": Page("bithu", ("mob_report",), status=405, why=POST_ONLY),
    "mobilization:report_docx": Page("danvan", ("mob_report",)),
    "mobilization:report_xlsx": Page("danvan", ("mob_report",)),
    "democracy:boards": Page("danvan"),
    "democracy:board_new": Page("danvan"),
    "democracy:board": Page("danvan", ("supervision_board",)),
    "democracy:board_edit": Page("danvan", ("supervision_board",)),
    "democracy:board_dissolve": Page("danvan", ("supervision_board",)),
    "democracy:board_member_new": Page("danvan", ("supervision_board",)),
    "democracy:board_member_leave": Page("danvan", ("supervision_member",)),
    "democracy:finding_new": Page("danvan", ("supervision_board",)),
    "democracy:findings": Page("chutich"),
    "democracy:finding": Page("chutich", ("supervision_finding",)),
    "democracy:finding_answer": Page("danvan", ("supervision_finding",)),
    "democracy:finding_move": Page("danvan", ("supervision_finding",)),
    "fieldreports:list": Page("xuly"),
    "fieldreports:export": Page("xuly"),
    "fieldreports:detail": Page("xuly", ("field_report",)),
    "fieldreports:act": Page("xuly", ("field_report", "field_report_action"), status=405, why=POST_ONLY),
    "fieldreports:assign": Page("chutich", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:note": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:contacts": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:photo": Page("motcua", ("field_report", "field_report_photo")),
    "fieldreports:photo_add": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:hide": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:photo_public": Page(
        "xuly", ("field_report", "field_report_photo"), status=405, why=POST_ONLY
    ),
    "fieldreports:show": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:duplicate": Page("xuly", ("field_report",), status=405, why=POST_ONLY),
    "fieldreports:to_petition": Page("xuly", ("field_report",)),
    "dialogues:list": Page("danvan"),
    "dialogues:new": Page("danvan"),
    "dialogues:detail": Page("danvan", ("dialogue",)),
    "dialogues:edit": Page("danvan", ("dialogue",)),
    "dialogues:hold": Page("danvan", ("dialogue",), status=405, why=POST_ONLY),
    "dialogues:close": Page("danvan", ("dialogue",)),
    "dialogues:cancel": Page("danvan", ("planned_dialogue",)),
    "dialogues:minutes_pdf": Page("chutich", ("dialogue",)),
    "dialogues:questions": Page("xuly"),
    "dialogues:question_new": Page("danvan", ("dialogue",)),
    "dialogues:question": Page("danvan", ("dialogue_question",)),
    "dialogues:question_contacts": Page("danvan", ("dialogue_question",), status=405, why=POST_ONLY),
    "dialogues:question_group": Page("danvan", ("dialogue_question",)),
    "dialogues:question_answer": Page("chutich", ("dialogue_question",)),
    "dialogues:question_set_aside": Page("danvan", ("dialogue_question",)),
    "dialogues:commitments": Page("chutich"),
    "dialogues:commitment_new": Page("danvan", ("dialogue",)),
    "dialogues:commitment": Page("motcua", ("commitment",)),
    "dialogues:commitment_progress": Page("danvan", ("commitment",)),
    "dialogues:commitment_done": Page("danvan", ("commitment",)),
    "dialogues:commitment_cancel": Page("chutich", ("commitment",)),
    "dialogues:commitment_evidence": Page("danvan", ("done_commitment",)),
    "democracy:consultations": Page("danvan"),
    "democracy:consultation_new": Page("danvan"),
    "democracy:consultation": Page("danvan", ("consultation",)),
    "democracy:consultation_edit": Page("danvan", ("consultation",)),
    "democracy:consultation_open": Page("danvan", ("consultation",), status=405, why=POST_ONLY),
    "democracy:consultation_summary": Page("danvan", ("consultation",)),
    "democracy:consultation_publish": Page("danvan", ("consultation",), status=405, why=POST_ONLY),
    "democracy:consultation_export": Page("danvan", ("consultation",)),
    "democracy:comment_new": Page("danvan", ("consultation",)),
    "democracy:comment_consider": Page("danvan", ("consultation", "consultation_comment")),
    "democracy:covenants": Page("danvan"),
    "democracy:covenant_new": Page("danvan"),
    "democracy:covenant": Page("danvan", ("covenant",)),
    "democracy:covenant_revise": Page("danvan", ("covenant",)),
    "democracy:covenant_amend": Page("danvan", ("covenant",)),
    "democracy:covenant_consult": Page("danvan", ("covenant",)),
    "democracy:covenant_to_vote": Page("danvan", ("covenant",), status=405, why=POST_ONLY),
    "democracy:covenant_redraft": Page("danvan", ("covenant",), status=405, why=POST_ONLY),
    "democracy:covenant_adoption": Page("danvan", ("covenant",)),
    "democracy:covenant_submit": Page("danvan", ("covenant",)),
    "democracy:covenant_recognise": Page("chutich", ("covenant",)),
    "democracy:covenant_refuse": Page("chutich", ("covenant",)),
    "democracy:covenant_suspend": Page("chutich", ("covenant",)),
    "democracy:covenant_resume": Page("chutich", ("covenant",), status=405, why=POST_ONLY),
    "democracy:covenant_abolish": Page("chutich", ("covenant",)),
    "democracy:households": Page("danvan"),
    "democracy:households_export": Page("danvan"),
    "democracy:household_new": Page("danvan"),
    "democracy:households_import": Page("danvan"),
    "democracy:households_import_template": Page("danvan"),
    "democracy:household_edit": Page("danvan", ("household",)),
    "democracy:household_leave": Page("danvan", ("household",)),
    "democracy:votes": Page("danvan"),
    "democracy:vote_new": Page("danvan"),
    "democracy:vote": Page("danvan", ("vote",)),
    "democracy:vote_edit": Page("danvan", ("vote",)),
    "democracy:vote_open": Page("danvan", ("vote",), status=405, why=POST_ONLY),
    "democracy:vote_cancel": Page("danvan", ("vote",)),
    "democracy:vote_codes": Page(
        "danvan", ("vote",), status=405, why=POST_ONLY + "; it answers the codes' PDF"
    ),
    "democracy:vote_decision": Page("danvan", ("counted_vote",)),
    "democracy:vote_count": Page("danvan", ("vote",)),
    "democracy:vote_slips": Page("danvan", ("vote",)),
    "democracy:vote_send": Page("danvan", ("counted_vote",)),
    "democracy:vote_answer": Page("chutich", ("counted_vote",)),
    "democracy:disclosures": Page("chutich"),
    "news:articles": Page("danvan"),
    "news:article_new": Page("motcua"),
    "news:article": Page("chutich", ("news_article",)),
    "news:article_edit": Page("chutich", ("news_article",)),
    "news:article_submit": Page("motcua", ("news_article",), status=405, why=POST_ONLY),
    "news:article_publish": Page("chutich", ("news_article",)),
    "news:article_send_back": Page("chutich", ("news_article",)),
    "news:article_withdraw": Page("chutich", ("news_article",)),
    "news:article_redraft": Page("motcua", ("news_article",), status=405, why=POST_ONLY),
    "news:photo_new": Page("chutich", ("news_article",)),
    "news:photo_edit": Page("chutich", ("news_article", "news_photo")),
    "news:photo_move": Page("chutich", ("news_article", "news_photo"), status=405, why=POST_ONLY),
    "news:photo_delete": Page("chutich", ("news_article", "news_photo"), status=405, why=POST_ONLY),
    "news:photo_file": Page("chutich", ("news_article", "news_photo")),
    "news:photo_thumb": Page("chutich", ("news_article", "news_photo")),
    "news:categories": Page("motcua"),
    "news:category_edit": Page("motcua", ("news_category",)),
    "news:moderation": Page("danvan"),
    "news:comment": Page("danvan", ("news_comment",)),
    "news:comment_approve": Page("danvan", ("news_comment",), status=405, why=POST_ONLY),
    "news:comment_reject": Page("danvan", ("news_comment",), status=405, why=POST_ONLY),
    "news:comment_spam": Page("danvan", ("news_comment",), status=405, why=POST_ONLY),
    "news:comment_reply": Page("danvan", ("news_comment",), status=405, why=POST_ONLY),
    "news:comments_bulk": Page("danvan", status=405, why=POST_ONLY),
    "news:words": Page("giamsat.phutho", scoped=False, why="the province's one list of forbidden words"),
    "news:word_remove": Page(
        "giamsat.phutho", ("forbidden_word",), scoped=False, why="the province's one list of forbidden words"
    ),
    "dashboard:home": Page("chutich"),
    "dashboard:commune": Page("chutich", ("commune",)),
    "dashboard:excel": Page("chutich"),
    "dashboard:pdf": Page("chutich"),
    "operations:home": Page(
        "giamsat.phutho", scoped=False, why="the installation's own health, schedule and backups"
    ),
    "operations:schedule": Page(
        "giamsat.phutho", scoped=False, why="the installation's own schedule of jobs"
    ),
    "operations:job_edit": Page(
        "quantri.phutho",
        ("scheduled_job",),
        scoped=False,
        why="the installation's own schedule; the administrator",
    ),
    "operations:job_run": Page(
        "quantri.phutho",
        ("scheduled_job",),
        scoped=False,
        why="the installation's own schedule; the administrator",
    ),
    "operations:backups": Page("giamsat.phutho", scoped=False, why="the installation's own backups"),
    "operations:notifications": Page(
        "giamsat.phutho", scoped=False, why="the installation's messages a dead worker left half-sent"
    ),
    "apikeys:list": Page(
        "quantri.phutho",
        scoped=False,
        why="the administrator's keys; no commune has an administrator of its own",
    ),
    "apikeys:new": Page(
        "quantri.phutho",
        scoped=False,
        why="the administrator's keys; no commune has an administrator of its own",
    ),
    "apikeys:revoke": Page(
        "quantri.phutho",
        ("api_key",),
        scoped=False,
        why="the administrator's keys (another province's key is a 404: apikeys/tests/test_pages.py)",
    ),
    "democracy:disclosure_new": Page("chutich"),
    "democracy:disclosures_quarter": Page("chutich"),
    "democracy:disclosures_quarter_xlsx": Page("chutich"),
    "democracy:disclosure": Page("chutich", ("disclosure",)),
    "democracy:disclosure_edit": Page("chutich", ("disclosure",)),
    "democracy:disclosure_withdraw": Page("chutich", ("disclosure",)),
    "democracy:disclosure_document_new": Page("chutich", ("disclosure",)),
    "democracy:disclosure_document": Page("chutich", ("disclosure", "disclosure_document")),
    "units:list": Page("motcua"),
    "units:former": Page("motcua"),
    "units:detail": Page("motcua", ("commune",)),
    "units:edit": Page("chutich", ("commune",)),
    "units:add_child": Page("chutich", ("commune",)),
    "units:merge": Page("chutich", ("commune",)),
    "workcalendar:list": Page("motcua", scoped=False, why="the working calendar is national"),
    "workcalendar:add": Page(
        "giamsat.phutho", scoped=False, why="the working calendar is national; a province role"
    ),
    "workcalendar:remove": Page(
        "giamsat.phutho",
        ("calendar_day",),
        scoped=False,
        why="the working calendar is national; a province role",
    ),
    "audit:list": Page("chutich"),
    "opinion:board": Page("chutich"),
    "opinion:board_export": Page("chutich"),
    "opinion:trends": Page("chutich"),
    "opinion:villages": Page("chutich"),
    "opinion:issue": Page("chutich", ("opinion_issue",)),
    "opinion:issue_export": Page("chutich", ("opinion_issue",)),
    "opinion:issue_dismiss": Page("chutich", ("opinion_issue",)),
    "opinion:issue_merge": Page("chutich", ("opinion_issue",)),
    "opinion:issue_rename": Page("chutich", ("opinion_issue",), status=405, why=POST_ONLY),
    "opinion:issue_topic": Page("chutich", ("opinion_issue",), status=405, why=POST_ONLY),
    "opinion:issue_reopen": Page("chutich", ("opinion_issue",), status=405, why=POST_ONLY),
    "opinion:issue_split": Page("chutich", ("opinion_issue",), status=405, why=POST_ONLY),
    "opinion:signal_topic": Page("chutich", ("opinion_signal",), status=405, why=POST_ONLY),
    "opinion:topics": Page("giamsat.phutho", scoped=False, why="the province's one list of topics"),
    "opinion:topic_new": Page("giamsat.phutho", scoped=False, why="the province's one list of topics"),
    "opinion:topic_edit": Page(
        "giamsat.phutho", ("opinion_topic",), scoped=False, why="the province's one list of topics"
    ),
    "opinion:alerts": Page("chutich"),
    "opinion:alert": Page("chutich", ("alert",)),
    "opinion:alert_acknowledge": Page("chutich", ("alert",)),
    "opinion:alert_assign": Page("chutich", ("alert",)),
    "opinion:alert_link": Page("chutich", ("alert",)),
    "opinion:alert_close": Page("chutich", ("alert",)),
    "opinion:alert_reopen": Page("chutich", ("alert",)),
    # The field reports' setup (gandan.fieldreports.views.setup): the categories are installation-wide, the village
    # points the commune's.
    "fieldreports:setup": Page("chutich"),
    "fieldreports:category_new": Page("giamsat.phutho", scoped=False, why=FR_CATALOGUE),
    "fieldreports:category_edit": Page(
        "chutich", ("fr_category",), scoped=False, why=FR_CATALOGUE + " (read)"
    ),
    "fieldreports:category_delete": Page(
        "giamsat.phutho", ("fr_category",), status=405, scoped=False, why=POST_ONLY + "; " + FR_CATALOGUE
    ),
    "fieldreports:attribute_new": Page("giamsat.phutho", ("fr_category",), scoped=False, why=FR_CATALOGUE),
    "fieldreports:attribute_edit": Page("giamsat.phutho", ("fr_attribute",), scoped=False, why=FR_CATALOGUE),
    "fieldreports:attribute_delete": Page(
        "giamsat.phutho", ("fr_attribute",), status=405, scoped=False, why=POST_ONLY + "; " + FR_CATALOGUE
    ),
    "fieldreports:timer_add": Page("giamsat.phutho", ("fr_category",), scoped=False, why=FR_CATALOGUE),
    "fieldreports:places": Page("chutich"),
    "fieldreports:place_edit": Page("chutich", ("fr_village",)),
}


def _staff_url_names() -> set[str]:
    found = set()

    def walk(resolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("staff/"):
                assert pattern.name, f"every staff page has a URL name: {prefix}{pattern.pattern}"
                found.add(namespace + pattern.name)

    walk(get_resolver(), "", "")
    return found


def _user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


@pytest.fixture(scope="module")
def records_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The records below, made once per module (and xdist worker) instead of once per test: they cost a third of a
    second and the table has a thousand tests. They are made in a transaction of the module's own, rolled back when
    the module is done; each test still runs in its own savepoint inside it (pytest-django's `db`), so what one test
    writes is gone before the next, and the next module sees the demo database as the session left it. Their files
    go to a folder of the module's own."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("staff-pages-media"))):
        with django_db_blocker.unblock():
            world = transaction.atomic()
            world.__enter__()
            try:
                made = _make_records()
            except BaseException:
                transaction.set_rollback(True)
                world.__exit__(None, None, None)
                raise
        try:
            yield made
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                world.__exit__(None, None, None)


@pytest.fixture
def records(records_world) -> dict[str, Any]:
    """One real record of xã Sông Lô for every kind of page (see `_make_records`). The rows are the module's, the
    instances the test's own, read again from the database: what one test changes on them is never seen by the
    next."""
    return {
        name: type(value)._base_manager.get(pk=value.pk) if isinstance(value, Model) else value
        for name, value in records_world.items()
    }


def _make_records() -> dict[str, Any]:
    """One real record of xã Sông Lô for every kind of page (the demo's dossiers and procedures, the rest made
    through the services or, for reception, as the services leave them)."""
    home_commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    desk_officer, case_handler = _user("motcua.songlo"), _user("xuly.songlo")
    commune_leader, inspector = _user("chutich.songlo"), _user("thanhtra.songlo")
    dossier = Dossier.objects.filter(unit=home_commune).order_by("id").first()
    assert dossier is not None, "the demo gives xã Sông Lô dossiers"
    dossier_attachment = DossierAttachment.objects.create(
        dossier=dossier,
        file=SimpleUploadedFile("giay-to.pdf", LETTER),
        original_name="giay-to.pdf",
        content_type="application/pdf",
        size=len(LETTER),
    )
    ReturnRecord.objects.update_or_create(  # the result document kept when the result was handed over
        dossier=dossier,
        defaults=dict(
            at=timezone.now(),
            by=desk_officer,
            method="in_person",
            result_number="Giấy khai sinh số 1/2026",
            file=SimpleUploadedFile("ket-qua.pdf", LETTER),
            file_name="ket-qua.pdf",
            file_type="application/pdf",
            file_size=len(LETTER),
        ),
    )
    petition = petitions.petition_receive(
        unit=home_commune,
        channel="direct",
        persons=[SECRET],
        original_text="Tôi là Đinh Thị Kín Đáo, xin tố cáo.",
        parts=[
            {
                "kind": "denunciation",
                "subject": "Tố cáo trưởng thôn thu tiền trái quy định",
                "content": "Trưởng thôn thu của mỗi hộ 200.000 đồng không có biên lai.",
            }
        ],
        by=desk_officer,
    )[0]
    petitions.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)
    petitions.petition_accept(petition=petition, by=case_handler)
    task = petitions.petition_add_task(
        petition=petition,
        by=case_handler,
        title="Xác minh việc thu tiền",
        assignee=inspector,
        due=petition.statutory_due or timezone.localdate(),
    )
    attachment = Attachment.objects.create(
        petition=petition,
        file=SimpleUploadedFile("don-goc.pdf", LETTER),
        original_name="don-goc.pdf",
        content_type="application/pdf",
        size=len(LETTER),
        protected=True,
    )
    today = timezone.localdate()
    day = ReceptionDay.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        leader=commune_leader,
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        day=today - dt.timedelta(days=1),
        place="Trụ sở UBND xã",
        held=True,
    )
    # On a Thursday the demo's schedule has made this day already.
    upcoming, _created = ReceptionDay.objects.get_or_create(
        leader=commune_leader,
        day=today,
        defaults={
            "unit": home_commune,
            "unit_path": home_commune.path,
            "leader_kind": LeaderKind.COMMUNE_CHAIRMAN,
            "place": "Trụ sở UBND xã",
        },
    )
    record = ReceptionRecord.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        reception_day=day,
        at=timezone.now() - dt.timedelta(days=1),
        officer=desk_officer,
        citizen_name="Nguyễn Văn An",
        citizen_address="Thôn Đồng Thịnh",
        content="Đề nghị sửa đường liên thôn",
        kind="recommendation",
        outcome=ReceptionRecord.Outcome.REFUSED,
        refusal_reason="Đã được giải quyết.",
        documents_received="Đơn",
    )
    notice = ConclusionNotice.objects.create(
        reception_day=day,
        number="05",
        issued_on=today,
        content="Giao kiểm tra hiện trạng.",
        created_by=commune_leader,
    )
    conclusion_task = notice.tasks.create(
        unit_path=home_commune.path,
        title="Kiểm tra hiện trạng",
        assignee=inspector,
        due=today + dt.timedelta(days=10),
    )
    opinion_issue = make_issue(
        home_commune, "Bụi trạm trộn", [(villages_of(home_commune)[0], 1, "Bụi từ trạm trộn bê tông")]
    )
    alert = Alert.objects.create(
        issue=opinion_issue,
        unit=home_commune,
        unit_path=home_commune.path,
        level=2,
        raised_at=timezone.now(),
        reasons=[{"code": "burst", "observed": 7, "expected": 0.4}],
    )
    # A team's note of what people are saying (its team made here when the demo has none for the village).
    from gandan.mobilization.services.activities import activity_record

    danvan = _user("danvan.songlo")
    team_village = villages_of(home_commune)[0]
    activity_team = Team.objects.filter(village=team_village, dissolved_on__isnull=True).first()
    if activity_team is None:
        activity_team = Team.objects.create(
            village=team_village,
            unit_path=team_village.path,
            commune_path=home_commune.path,
            name=f"Tổ dân vận {team_village.name}",
            created_by=danvan,
        )
    activity = activity_record(
        commune=home_commune,
        kind="note",
        held_on=today,
        team=activity_team,
        content="Bà con hỏi bao giờ sửa đường liên thôn.",
        by=danvan,
    )
    team = (
        Team.objects.filter(commune_path=home_commune.path, dissolved_on__isnull=True).order_by("pk").first()
    )
    assert team is not None, "the demo gives xã Sông Lô its mobilisation teams"
    mob_report = mobilization_reports.report_create(
        unit=home_commune,
        period_kind="adhoc",
        start=today - dt.timedelta(days=30),
        end=today - dt.timedelta(days=1),
        by=_user("danvan.songlo"),
    )
    from gandan.democracy.tests.votes_support import page_records as democracy_votes
    from gandan.democracy.tests.walk import democracy_records
    from gandan.news.tests.comment_records import comment_records
    from gandan.news.tests.walk import news_records

    return {
        **news_records(home_commune),
        **comment_records(home_commune),
        **democracy_votes(home_commune),
        **_initiatives(home_commune),
        **_supervision(home_commune),
        **dialogue_records(home_commune),
        **democracy_records(home_commune),
        **_disclosures(home_commune),
        **setup_records(home_commune),
        **fieldreport_records(home_commune),
        "field_report_action": "acknowledge",
        "commune": home_commune,
        "activity": activity,
        "mob_report": mob_report,
        "alert": alert,
        "opinion_issue": opinion_issue,
        "opinion_signal": opinion_issue.signals.first(),
        "opinion_topic": Topic.objects.get(code="land"),
        "dossier": dossier,
        "dossier_action": "accept",
        "dossier_attachment": dossier_attachment,
        "dossier_form": "01",
        "procedure": dossier.procedure,
        "petition": petition,
        "petition_action": "accept",
        "petition_task": task,
        "petition_attachment": attachment,
        "petition_document": petition.documents.order_by("id").first(),
        "clock_rule": ClockRule.objects.order_by("id").first(),
        "reception_day": day,
        "upcoming_day": upcoming,
        "reception_schedule": ReceptionSchedule.objects.filter(unit=home_commune).order_by("id").first(),
        "reception_record": record,
        "conclusion": notice,
        "conclusion_task": conclusion_task,
        "calendar_day": CalendarDay.objects.order_by("id").first(),
        # The chairman was told of the new petition in his inbox; another officer's POST to open it is a 404.
        "inbox_item": InboxItem.objects.filter(recipient=commune_leader).order_by("id").first(),
        "team": team,
        "team_member": team.members.order_by("id").first(),
        "scheduled_job": _default_job("backup-nightly"),
        "api_key": apikey_create(name="Cổng kết nối thử", unit=home_commune, scopes=["read"], by=None).key,
    }


def _default_job(key: str) -> str:
    """A default job of the schedule (migration operations 0002; ensured again, as a transactional module's flush
    on PostgreSQL leaves the reloaded demo without them)."""
    from gandan.operations.schedule import schedule_defaults_ensure

    schedule_defaults_ensure()
    return key


def _initiatives(commune) -> dict[str, Any]:
    """ "Dân vận khéo" models of xã Sông Lô as the services leave them: one being carried out (with a photo), one
    reviewed, one recognised."""
    import io

    from PIL import Image

    from gandan.mobilization.services.evidence import evidence_add
    from gandan.mobilization.services.initiative_decisions import initiative_recognise, initiative_review
    from gandan.mobilization.services.initiatives import initiative_register, initiative_start

    officer, secretary = _user("danvan.songlo"), _user("bithu.songlo")
    scores = {
        "named_place": 9,
        "led_registered": 9,
        "many_forces": 13,
        "effective": 18,
        "supported": 13,
        "solves_local": 13,
        "sustainable": 13,
    }

    def model(name: str, stage: int):
        made = initiative_register(
            unit=commune,
            name=name,
            field="economy",
            owner_kind="team",
            owner_name="Tổ dân vận thôn Đồng Thịnh",
            place="Thôn Đồng Thịnh, xã Sông Lô",
            period_start=dt.date(2025, 3, 1),
            description="Vận động nhân dân hiến đất làm đường.",
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

    implementing = model("Dân vận khéo trong hiến đất làm đường", 0)
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 160, 70)).save(picture, format="JPEG")
    photo = evidence_add(
        initiative=implementing, upload=SimpleUploadedFile("anh.jpg", picture.getvalue()), by=officer
    )
    return {
        "initiative": implementing,
        "initiative_evidence": photo,
        "reviewed_initiative": model("Tổ tự quản an ninh trật tự", 1),
        "recognised_initiative": model("Chi hội phụ nữ không có người thân vi phạm pháp luật", 2),
    }


def _supervision(commune) -> dict[str, Any]:
    """A people's inspection board of xã Sông Lô with a member, and an investment board's finding, as the services
    leave them (the demo may already have a board in office: it is reused)."""
    from gandan.democracy.models import Board
    from gandan.democracy.selectors.supervision import commune_villages
    from gandan.democracy.services.supervision import board_create, member_add
    from gandan.democracy.services.supervision_findings import finding_create

    officer = _user("danvan.songlo")
    today = timezone.localdate()
    board = Board.objects.filter(unit=commune, kind="inspection", dissolved_on__isnull=True).first()
    if board is None:
        board = board_create(
            commune=commune, kind="inspection", term_start=today - dt.timedelta(days=100), by=officer
        )
    member = member_add(
        board=board, full_name="Hà Văn Khải Kiểm Tra", village=commune_villages(commune)[0], by=officer
    )
    road = board_create(
        commune=commune,
        kind="investment",
        project="Đường liên thôn Bến Đò – Bãi Sậy (kiểm tra trang)",
        term_start=today - dt.timedelta(days=60),
        by=officer,
    )
    finding = finding_create(
        board=road,
        title="Mặt đường mỏng hơn thiết kế",
        finding="Đoạn qua thôn Bến Đò chỉ dày 14 cm.",
        recommendation="Đề nghị làm lại đoạn không đạt.",
        addressed_to="UBND xã",
        found_on=today - dt.timedelta(days=20),
        answer_due=today - dt.timedelta(days=1),
        by=officer,
    )
    return {"supervision_board": board, "supervision_member": member, "supervision_finding": finding}


def _disclosures(commune) -> dict[str, Any]:
    """A public disclosure of xã Sông Lô posted since yesterday, with its document, as the services leave it."""
    from gandan.democracy.services.disclosures import disclosure_create

    today = timezone.localdate()
    disclosure = disclosure_create(
        unit=commune,
        item=2,
        title="Dự toán ngân sách xã năm 2026",
        decision_ref="15/QĐ-UBND",
        decided_on=today - dt.timedelta(days=2),
        channels=["office_board", "village_houses", "portal"],
        start=today - dt.timedelta(days=1),
        documents=[SimpleUploadedFile("du-toan.pdf", _pdf())],
        by=_user("chutich.songlo"),
    )
    return {"disclosure": disclosure, "disclosure_document": disclosure.documents.get()}


def _pdf() -> bytes:
    from gandan.kit.tests.files import pdf_bytes

    return pdf_bytes()


def _url(name: str, page: Page, records: dict[str, Any]) -> str:
    args = [getattr(records[a], "pk", records[a]) for a in page.args]
    return reverse(name, args=args)


def test_every_staff_page_is_in_the_table():
    assert _staff_url_names() == set(PAGES)


def test_every_exception_says_why():
    assert all(p.why for p in PAGES.values() if p.status != 200 or not p.scoped)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_right_officer_opens_the_page(name, records):
    page = PAGES[name]
    username = page.role if "." in page.role else f"{page.role}.songlo"
    response = client_for(_user(username)).get(_url(name, page, records))
    assert response.status_code == page.status, (name, page.why)


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.scoped and p.args))
def test_the_same_role_in_another_commune_gets_404(name, records):
    page = PAGES[name]
    client = client_for(_user(f"{page.role}.tamson"))
    url = _url(name, page, records)
    response = client.post(url) if page.status == 405 else client.get(url)
    assert response.status_code == 404, name


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.args))
def test_the_page_needs_login(name, records, client):
    response = client.get(_url(name, PAGES[name], records))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


# --- The protected identity, its grants and waiver, the protected attachment, the clock rules ----------------------


def test_the_intake_officer_opens_the_identity_with_a_reason_and_it_is_logged(records, desk_officer):
    url = reverse("petitions:identity", args=[records["petition"].pk])
    response = client_for(desk_officer).post(url, {"reason": "Gọi điện hẹn lịch làm việc với người tố cáo"})
    assert response.status_code == 200
    assert SECRET["name"] in response.content.decode()
    assert SensitiveRead.objects.filter(actor=desk_officer).exists()


def test_an_officer_without_a_grant_is_refused_the_identity(records, case_handler):
    url = reverse("petitions:identity", args=[records["petition"].pk])
    response = client_for(case_handler).post(url, {"reason": "Muốn xem"})
    assert response.status_code == 403
    assert SECRET["name"] not in response.content.decode()


def test_the_resolver_grants_an_intake_officer_and_the_grant_opens_the_identity(
    records, commune_leader, inspector
):
    petition = records["petition"]
    url = reverse("petitions:grant", args=[petition.pk])
    response = client_for(commune_leader).post(url, {"user": inspector.pk, "reason": "Thanh tra xác minh"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "petitions:detail", args=[petition.pk]
    )
    assert IdentityGrant.objects.filter(petition=petition, user=inspector, revoked_at__isnull=True).exists()
    opened = client_for(inspector).post(
        reverse("petitions:identity", args=[petition.pk]), {"reason": "Xác minh nội dung tố cáo tại thôn"}
    )
    assert SECRET["name"] in opened.content.decode()


def test_only_the_resolver_may_grant(records, desk_officer, inspector):
    url = reverse("petitions:grant", args=[records["petition"].pk])
    response = client_for(desk_officer).post(url, {"user": inspector.pk, "reason": "Thanh tra xác minh"})
    assert response.status_code == 403
    assert not IdentityGrant.objects.filter(petition=records["petition"], user=inspector).exists()


def test_a_grant_holder_records_the_written_waiver(records, desk_officer):
    petition = records["petition"]
    url = reverse("petitions:waive", args=[petition.pk])
    response = client_for(desk_officer).post(url, {"note": "Đơn xin không giữ bí mật ký ngày 02/12/2026"})
    assert response.status_code == 302
    assert ProtectedIdentity.objects.get(petition=petition).waived


def test_the_waiver_needs_a_grant(records, case_handler):
    petition = records["petition"]
    client_for(case_handler).post(
        reverse("petitions:waive", args=[petition.pk]), {"note": "Đơn ngày 02/12/2026"}
    )
    assert not ProtectedIdentity.objects.get(petition=petition).waived


def test_the_protected_attachment_opens_for_a_grant_holder_only(records, desk_officer, case_handler):
    petition, attachment = records["petition"], records["petition_attachment"]
    url = reverse("petitions:attachment", args=[petition.pk, attachment.pk])
    response = client_for(desk_officer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == LETTER
    assert SensitiveRead.objects.filter(actor=desk_officer, what="denunciator_attachment").exists()
    assert client_for(case_handler).get(url).status_code == 404  # same commune, a handler without a grant


def test_the_supervisor_corrects_a_clock_rule_with_a_new_version(records):
    rule = records["clock_rule"]
    url = reverse("petitions:clock_rule_correct", args=[rule.pk])
    before = ClockRule.objects.filter(key=rule.key).count()
    response = client_for(_user("giamsat.phutho")).post(
        url,
        {
            "days": rule.days + 5,
            "unit": rule.unit,
            "suspension": rule.suspension,
            "legal_basis": rule.legal_basis,
            "valid_from": "01/01/2027",
            "note": "Đính chính",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("petitions:clock_rules")
    assert ClockRule.objects.filter(key=rule.key).count() == before + 1
    assert ClockRule.objects.filter(key=rule.key).latest("id").days == rule.days + 5


def test_a_commune_officer_may_read_the_clock_rules_but_not_correct_them(records, commune_leader):
    rule = records["clock_rule"]
    client = client_for(commune_leader)
    assert client.get(reverse("petitions:clock_rules")).status_code == 200
    assert client.get(reverse("petitions:clock_rule_correct", args=[rule.pk])).status_code == 403


def test_the_table_would_catch_a_page_of_another_commune():
    # Control: the Tam Sơn officer really is of another commune, with the same role as the Sông Lô one.
    home, other = _user("motcua.songlo"), _user("motcua.tamson")
    assert home.unit != other.unit and not other.unit.path.startswith(home.unit.path)
    assert Unit.objects.filter(pk=other.unit_id, valid_to__isnull=True).exists()
