"""The officers' queue: each worklist, each filter, the counts, the scope of the user's units, the empty states and
the Excel export of the filtered list (without the reporter's contacts)."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.core import fieldreports as rules
from gandan.fieldreports.models import Category, FieldReport
from gandan.fieldreports.services import report_move
from gandan.fieldreports.services.assignment import report_assign
from gandan.fieldreports.tests.factories import commune, make_report

pytestmark = pytest.mark.django_db
URL = reverse("fieldreports:list")


def codes(response) -> set[str]:
    return {r.code for r in response.context["page_obj"].object_list}


def test_the_worklists_hold_what_their_names_say(client, handler, desk, songlo):
    fresh = make_report(songlo, description="Rác đổ bên đường")
    checking = make_report(songlo, description="Cống tắc nước")
    report_move(report=checking, action="acknowledge", by=desk)
    late = make_report(songlo, description="Đèn đường hỏng")
    FieldReport.objects.filter(pk=late.pk).update(due=timezone.localdate() - dt.timedelta(days=1))
    done = make_report(songlo, description="Cây đổ")
    report_move(report=done, action="fix", note="Đã dọn cây.", by=desk)
    report_assign(report=checking, officer=handler, by=desk)
    client.force_login(handler)
    expect = {
        "new": ({fresh.code, late.code}, {checking.code, done.code}),
        "mine": ({checking.code}, {fresh.code, late.code, done.code}),
        "open": ({fresh.code, checking.code, late.code}, {done.code}),
        "overdue": ({late.code}, {fresh.code, checking.code, done.code}),
        "closed": ({done.code}, {fresh.code, checking.code, late.code}),
        "all": ({fresh.code, checking.code, late.code, done.code}, set()),
    }
    for name, (inside, outside) in expect.items():
        response = client.get(URL, {"worklist": name})
        assert response.status_code == 200
        found = codes(response)
        assert inside <= found and not (outside & found), name
        tab = next(t for t in response.context["tabs"] if t["key"] == name)
        assert tab["count"] >= len(inside)


def test_the_filters_narrow_the_list(client, handler, songlo):
    pothole = make_report(songlo, description="Ổ gà sâu trước nhà văn hoá")
    plain = Category.objects.exclude(code="duong-hu-hong").exclude(attributes__required=True).first()
    rubbish = make_report(songlo, category=plain.code, description="Bãi rác tự phát")
    client.force_login(handler)
    response = client.get(URL, {"worklist": "all", "q": "o ga sau"})
    assert pothole.code in codes(response) and rubbish.code not in codes(response)
    response = client.get(URL, {"worklist": "all", "category": plain.pk})
    assert rubbish.code in codes(response) and pothole.code not in codes(response)
    response = client.get(URL, {"worklist": "all", "status": "new", "village": pothole.village_id})
    assert pothole.code in codes(response)
    response = client.get(URL, {"worklist": "all", "q": pothole.code})
    assert codes(response) == {pothole.code}
    today = timezone.localdate()
    response = client.get(
        URL, {"worklist": "all", "received_from": f"{today + dt.timedelta(days=1):%d/%m/%Y}"}
    )
    assert not codes(response) & {pothole.code, rubbish.code}
    assert response.context["filtered"] and 'class="empty"' in response.content.decode()
    response = client.get(URL, {"worklist": "all", "received_from": f"{today:%d/%m/%Y}", "order": "due"})
    assert {pothole.code, rubbish.code} <= codes(response)


def test_a_bad_date_is_named_not_a_500(client, handler):
    client.force_login(handler)
    response = client.get(URL, {"received_from": "31/02/2026"})
    assert response.status_code == 200
    assert response.context["form"].errors["received_from"]


def test_an_officer_sees_only_his_communes_reports(client, stranger, report):
    client.force_login(stranger)
    response = client.get(URL, {"worklist": "all"})
    assert report.code not in codes(response)
    assert client.get(reverse("fieldreports:detail", args=[report.pk])).status_code == 404


def test_the_province_supervisor_filters_by_commune(client, report):
    from gandan.accounts.models import User

    supervisor = User.objects.get(username="giamsat.phutho")
    client.force_login(supervisor)
    response = client.get(URL, {"worklist": "all"})
    assert "unit" in response.context["form"].fields
    assert report.code in codes(response)
    tamson = commune("08824")
    response = client.get(URL, {"worklist": "all", "unit": tamson.pk})
    assert report.code not in codes(response)
    response = client.get(URL, {"worklist": "all", "unit": report.unit_id})
    assert report.code in codes(response)


def test_the_export_opens_in_openpyxl_without_the_reporters_contacts(client, handler, report):
    client.force_login(handler)
    response = client.get(reverse("fieldreports:export"), {"worklist": "all"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert report.code in values
    assert not any(report.reporter_phone in v or report.reporter_name in v for v in values)


def test_a_bad_export_filter_is_a_400(client, handler):
    client.force_login(handler)
    response = client.get(reverse("fieldreports:export"), {"received_from": "99/99/9999"})
    assert response.status_code == 400


def test_the_staff_home_lists_new_reports_for_the_desk_and_the_chairman(client, desk, chair, handler, report):
    from gandan.fieldreports.module import home_sections

    sections = {s.key: s for s in home_sections(desk)}
    assert report.code in [r.code for r in sections["fieldreports.new"].rows]
    assert set(sections) == {"fieldreports.new"}
    sections = {s.key: s for s in home_sections(chair)}
    assert set(sections) == {"fieldreports.new", "fieldreports.overdue"}
    assert sections["fieldreports.overdue"].counts[0].alert
    report_assign(report=report, officer=handler, by=desk)
    sections = {s.key: s for s in home_sections(handler)}
    assert [r.code for r in sections["fieldreports.mine"].rows] == [report.code]


def test_assigned_reports_due_soon_are_reminded(handler, desk, report):
    from gandan.fieldreports.module import inbox_deadlines

    report_assign(report=report, officer=handler, by=desk)
    FieldReport.objects.filter(pk=report.pk).update(due=timezone.localdate())
    notes = inbox_deadlines(timezone.localdate())
    assert any(n.object_id == str(report.pk) and n.recipient_id == handler.pk for n in notes)
    report_move(report=report, action=rules.Action.FIX, note="Đã vá.", by=handler)
    assert not any(n.object_id == str(report.pk) for n in inbox_deadlines(timezone.localdate()))
