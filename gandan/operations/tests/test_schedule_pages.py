"""The schedule's pages: the administrator sees every job with its last result, runs one now, edits its schedule;
the province's supervisor reads only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.audit.models import Event
from gandan.operations.models import RunStatus, ScheduledJob
from gandan.operations.tests.schedule_support import at, make_job
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def test_the_page_shows_each_job_in_words_with_its_next_run_and_last_result(sysadmin):
    make_job(schedule="0 2 * * *", next_run_at=at(2026, 12, 5, 19))
    ScheduledJob.objects.filter(key="test-job").update(
        last_started_at=at(2026, 12, 4, 19),
        last_finished_at=at(2026, 12, 4, 19, 3),
        last_status=RunStatus.FAILED,
        last_message="RuntimeError: disk full on /var/backups",
    )
    html = client_for(sysadmin).get(reverse("operations:schedule")).content.decode()
    row = html[html.index('data-job="test-job"') :]
    row = row[: row.index("</tr>")]
    assert "Hằng ngày lúc 02:00" in row and "0 2 * * *" in row
    assert "06/12/2026 02:00" in row  # next run, local time
    assert "05/12/2026 02:00" in row  # last run, local time
    assert "Thất bại" in row and "disk full on /var/backups" in row
    assert reverse("operations:job_run", args=["test-job"]) in row


def test_the_supervisor_reads_the_schedule_but_may_not_change_it(province_supervisor):
    make_job(next_run_at=at(2030, 1, 1))
    client = client_for(province_supervisor)
    html = client.get(reverse("operations:schedule")).content.decode()
    assert 'data-job="test-job"' in html
    assert reverse("operations:job_edit", args=["test-job"]) not in html
    assert client.post(reverse("operations:job_run", args=["test-job"])).status_code == 403
    response = client.post(reverse("operations:job_edit", args=["test-job"]), {"schedule": "* * * * *"})
    assert response.status_code == 403
    assert ScheduledJob.objects.get(key="test-job").schedule == "0 2 * * *"


def test_run_now_asks_first_then_enqueues_one_run(sysadmin):
    job = make_job(next_run_at=at(2030, 1, 1))
    client = client_for(sysadmin)
    url = reverse("operations:job_run", args=["test-job"])
    confirm = client.get(url)
    assert confirm.status_code == 200 and ScheduledJob.objects.get(pk=job.pk).last_task_id == ""
    response = client.post(url, follow=True)
    assert "Đã xếp lịch chạy" in response.content.decode()
    again = client.post(url, follow=True)
    assert "đang chờ hoặc đang chạy" in again.content.decode()
    assert Event.objects.filter(action="operations.job_run", object_id=str(job.pk)).count() == 1


def test_a_bad_schedule_is_refused_with_what_is_wrong_and_nothing_is_saved(sysadmin):
    job = make_job(schedule="0 2 * * *", next_run_at=at(2030, 1, 1))
    url = reverse("operations:job_edit", args=["test-job"])
    response = client_for(sysadmin).post(url, {"schedule": "0 24 * * *", "enabled": "on"})
    assert response.status_code == 200
    assert "Giờ (trường thứ hai) không đúng" in response.content.decode()
    job.refresh_from_db()
    assert (job.schedule, job.next_run_at) == ("0 2 * * *", at(2030, 1, 1))
    assert not Event.objects.filter(action="operations.job_edit", object_id=str(job.pk)).exists()


def test_switching_a_job_off_is_saved_and_audited(sysadmin):
    job = make_job(schedule="0 2 * * *", next_run_at=at(2030, 1, 1))
    url = reverse("operations:job_edit", args=["test-job"])
    response = client_for(sysadmin).post(url, {"schedule": "0 3 * * *"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.schedule, job.enabled, job.next_run_at) == ("0 3 * * *", False, None)
    event = Event.objects.get(action="operations.job_edit", object_id=str(job.pk))
    assert event.actor == sysadmin and event.details["after"] == {"schedule": "0 3 * * *", "enabled": False}
    assert event.at <= timezone.now()
