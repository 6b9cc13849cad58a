"""Two submissions of the same form racing on two connections (a double click under gunicorn) create one petition:
the second waits for the first's transaction, then is sent to its result. On the real database (SQLite file or
PostgreSQL)."""

import threading

import pytest
from django.db import connections
from django.test import Client

from gandan.petitions.models import Petition
from gandan.petitions.tests.test_double_submit import public_form, token_in
from gandan.portal.models import SubmissionToken


@pytest.mark.django_db(transaction=True)
def test_two_racing_submissions_of_one_form_create_one_petition(demo_restored_afterwards, home_commune):
    """Two threads, two connections: the second waits for the first's transaction, then is sent to its result."""
    token = token_in(Client().get("/kien-nghi/gui/"))
    before = Petition.objects.count()
    answers = []
    start = threading.Barrier(2)

    def send():
        try:
            start.wait()
            answers.append(Client().post("/kien-nghi/gui/", public_form(home_commune, token)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Petition.objects.count() == before + 1
    assert SubmissionToken.objects.filter(token=token).count() == 1
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
