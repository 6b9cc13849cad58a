"""Citizen reception: notices of conclusions after a held day, their tracked tasks, and the printable forms.
The clock is frozen on Wednesday 13/05/2026 (conftest.py)."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from gandan.errors import Conflict, DomainError
from gandan.petitions.models import Task
from gandan.reception import services
from gandan.reception.models import ConclusionNotice
from gandan.reception.tests.support import (
    TODAY,
    add_record,
    field_errors,
    held,
    html,
    local,
    schedule,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


# --- Notices of conclusions and their tasks -----------------------------------------------------------------------


def test_a_notice_needs_a_held_day_and_its_tasks_are_checked(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)
    with pytest.raises(Conflict):
        services.conclusion_notice_issue(
            reception_day=day,
            number="01/TB-UBND",
            issued_on=TODAY,
            content="Giao địa chính xác minh.",
            tasks=[],
            by=desk_officer,
        )
    services.reception_day_held(day_obj=day, by=desk_officer)

    with pytest.raises(DomainError) as caught:
        services.conclusion_notice_issue(
            reception_day=day,
            number="01/TB-UBND",
            issued_on=TODAY,
            content="Giao địa chính xác minh.",
            tasks=[
                {"title": "Xác minh ranh giới", "responsible_body": "", "due": TODAY - dt.timedelta(days=1)}
            ],
            by=desk_officer,
        )

    assert set(caught.value.errors) == {"tasks.0.responsible_body", "tasks.0.due"}
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()


def test_conclusion_tasks_are_tracked_and_marked_done(commune_leader, desk_officer, inspector):
    day = held(commune_leader, TODAY, by=desk_officer)
    client = client_for(desk_officer)
    form = {
        "task_rows": "3",
        "number": "15/TB-UBND",
        "issued_on": "13/05/2026",
        "content": "Chủ tịch UBND xã kết luận: giao công chức địa chính xác minh.",
        "task-0-title": "Xác minh ranh giới đất hộ ông Bình",
        "task-0-responsible_body": "Công chức địa chính",
        "task-0-due": "27/05/2026",
        "task-2-title": "Trả lời công dân bằng văn bản",
        "task-2-responsible_body": "Văn phòng UBND xã",
        "task-2-due": "10/06/2026",
    }

    response = client.post(reverse("reception:conclusion_new", args=[day.pk]), form)

    notice = ConclusionNotice.objects.get(reception_day=day)
    assert response.status_code == 302
    tasks = list(notice.tasks.order_by("due"))
    assert [(t.title, t.due, t.unit_path) for t in tasks] == [
        ("Xác minh ranh giới đất hộ ông Bình", dt.date(2026, 5, 27), day.unit_path),
        ("Trả lời công dân bằng văn bản", dt.date(2026, 6, 10), day.unit_path),
    ]
    listed = html(client.get(reverse("reception:tasks")))
    assert "Xác minh ranh giới đất hộ ông Bình" in listed and "15/TB-UBND" in listed

    done = client_for(inspector).post(
        reverse("reception:task_done", args=[tasks[0].pk]),
        {"result": "Đã xác minh, lập biên bản ngày 20/05/2026."},
    )

    tasks[0].refresh_from_db()
    assert done.status_code == 302 and tasks[0].done_on == TODAY
    open_now = html(client.get(reverse("reception:tasks")))
    assert "Xác minh ranh giới đất hộ ông Bình" not in open_now
    assert "Trả lời công dân bằng văn bản" in open_now
    assert "Xác minh ranh giới đất hộ ông Bình" in html(
        client.get(reverse("reception:tasks"), {"show": "done"})
    )


def test_overdue_conclusion_tasks_stand_out(commune_leader, desk_officer, frozen):
    day = held(commune_leader, TODAY, by=desk_officer)
    services.conclusion_notice_issue(
        reception_day=day,
        number="16/TB-UBND",
        issued_on=TODAY,
        content="Kết luận.",
        tasks=[
            {"title": "Kiểm tra hiện trường", "responsible_body": "Công an xã", "due": dt.date(2026, 5, 15)}
        ],
        by=desk_officer,
    )
    frozen.move_to(local(dt.date(2026, 5, 18)))

    page = html(client_for(desk_officer).get(reverse("reception:tasks"), {"show": "overdue"}))

    assert '<span class="pill pill-bad">15/05/2026</span>' in page


def test_the_notice_form_adds_a_row_without_javascript_and_keeps_what_was_typed(commune_leader, desk_officer):
    day = held(commune_leader, TODAY, by=desk_officer)
    url = reverse("reception:conclusion_new", args=[day.pk])

    response = client_for(desk_officer).post(
        url,
        {"task_rows": "3", "add_row": "1", "number": "17/TB-UBND", "task-0-title": "Kiểm tra hiện trường"},
    )

    page = html(response)
    assert response.status_code == 200
    assert 'name="task-3-title"' in page and 'name="task-4-title"' not in page
    assert 'value="Kiểm tra hiện trường"' in page and 'value="17/TB-UBND"' in page
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()


def test_a_task_error_shows_on_its_row_and_nothing_is_saved(commune_leader, desk_officer):
    day = held(commune_leader, TODAY, by=desk_officer)
    form = {
        "task_rows": "3",
        "number": "18/TB-UBND",
        "issued_on": "13/05/2026",
        "content": "Kết luận.",
        "task-1-title": "Kiểm tra hiện trường",
        "task-1-due": "20/05/2026",
    }

    response = client_for(desk_officer).post(reverse("reception:conclusion_new", args=[day.pk]), form)

    assert response.status_code == 422
    assert field_errors(response, "task-1-responsible_body")
    assert not ConclusionNotice.objects.filter(reception_day=day).exists()
    assert not Task.objects.filter(conclusion__reception_day=day).exists()


def test_the_printable_forms_are_pdf(commune_leader, desk_officer):
    from pypdf import PdfReader

    record = add_record(
        desk_officer,
        outcome="refused",
        refusal_reason="Vụ việc đã được giải quyết đúng, không có tình tiết mới.",
        documents_received="Bản sao quyết định số 12/QĐ-UBND",
    )
    day = held(commune_leader, TODAY, by=desk_officer)
    notice = services.conclusion_notice_issue(
        reception_day=day,
        number="19/TB-UBND",
        issued_on=TODAY,
        content="Giao công chức địa chính xác minh.",
        tasks=[{"title": "Xác minh", "responsible_body": "Công chức địa chính", "due": dt.date(2026, 5, 27)}],
        by=desk_officer,
    )
    client = client_for(desk_officer)

    for name, pk, words in [
        ("refusal_pdf", record.pk, "từ chối tiếp công dân"),
        ("receipt_pdf", record.pk, "12/QĐ-UBND"),
        ("conclusion_pdf", notice.pk, "Công chức địa chính"),
    ]:
        response = client.get(reverse(f"reception:{name}", args=[pk]))

        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
        assert words in " ".join(text.split()), name
