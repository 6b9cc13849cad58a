"""Numbers a hurried officer types on the activities' form the Vietnamese way ("1.000" people): read as meant, or
refused with a message; never a wrong figure saved."""

import pytest
from django.urls import reverse

from gandan.mobilization.models import Activity
from gandan.mobilization.tests.support_activities import days_ago, officer, teams
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
__all__ = ["officer", "teams"]  # fixtures


def _campaign(client, teams, people: str):
    return client.post(
        reverse("mobilization:activity_new"),
        {
            "kind": "campaign",
            "held_on": days_ago(2).strftime("%d/%m/%Y"),
            "title": f"Vận động tiêm chủng {people}",
            "villages": [teams[0].village.pk],
            "people_reached": people,
        },
    )


def test_people_reached_typed_with_a_thousands_dot_is_a_thousand_not_one(officer, teams):
    client = client_for(officer)
    for typed, meant in (("1.000", 1000), ("2.500", 2500), ("1 200", 1200), ("350", 350)):
        response = _campaign(client, teams, typed)
        assert response.status_code == 302, typed
        assert Activity.objects.get(title=f"Vận động tiêm chủng {typed}").people_reached == meant


def test_a_decimal_count_is_refused_with_a_message_not_rounded(officer, teams):
    client = client_for(officer)
    for typed in ("2,5", "1.5", "1,000", "1.0000"):
        response = _campaign(client, teams, typed)
        assert response.status_code == 422, typed
        assert "số nguyên" in response.content.decode()
        assert not Activity.objects.filter(title=f"Vận động tiêm chủng {typed}").exists()


def test_meeting_attendees_typed_with_a_thousands_dot(officer, teams):
    response = client_for(officer).post(
        reverse("mobilization:activity_new"),
        {
            "kind": "meeting",
            "held_on": days_ago(1).strftime("%d/%m/%Y"),
            "team": teams[0].pk,
            "content": "Hội nghị nhân dân mở rộng toàn thôn.",
            "attendees": "1.000",
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1]).attendees == 1000
