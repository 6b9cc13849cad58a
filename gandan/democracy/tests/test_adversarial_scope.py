"""An officer of another commune (xã Tam Sơn) posts to every dialogues and democracy page that acts on a record of
xã Sông Lô — with an empty form and with a plausible one: 404, and no audit event, nothing changed."""

import pytest
from django.urls import reverse

from gandan.accounts.models import User
from gandan.audit.models import Event
from gandan.tests.test_staff_pages import PAGES, Page, records, records_world
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
__all__ = ["records", "records_world"]  # fixtures


def _user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def _url(name: str, page: Page, records: dict) -> str:
    return reverse(name, args=[getattr(records[a], "pk", records[a]) for a in page.args])


NAMES = sorted(
    n for n, p in PAGES.items() if p.scoped and p.args and n.split(":")[0] in ("dialogues", "democracy")
)
FORM = {
    "title": "Sửa trái phép",
    "text": "Sửa trái phép",
    "answer": "Sửa trái phép",
    "reason": "Sửa trái phép",
    "note": "Sửa trái phép",
    "choice": "yes",
    "recognise": "1",
    "present": "5",
    "yes": "5",
    "no": "0",
    "blank": "0",
    "households": "5",
}


@pytest.mark.parametrize("name", NAMES)
def test_another_communes_officer_cannot_change_the_record(name, records):
    page = PAGES[name]
    url = _url(name, page, records)
    client = client_for(_user(f"{page.role}.tamson"))
    before = Event.objects.count()
    assert client.post(url).status_code in (404, 405), name  # 405: a page that only reads
    assert client.post(url, FORM).status_code in (404, 405), name
    assert Event.objects.count() == before, name
