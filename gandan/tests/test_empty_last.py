"""Every sortable list column that can be empty puts the empty rows last, in both directions, on SQLite and on
PostgreSQL alike (their defaults differ: SQLite sorts NULL first when ascending, PostgreSQL when descending). The
suite runs on both databases in CI; this file can be run alone on PostgreSQL:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest gandan/tests/test_empty_last.py`."""

import datetime as dt

import pytest

from gandan.accounts.rules import Role
from gandan.dossiers.selectors import Worklist as DossierWorklist
from gandan.dossiers.selectors import dossier_list_for_user
from gandan.dossiers.tests.factories import make_commune, make_procedure, make_staff, received, submit
from gandan.petitions import services as petitions
from gandan.petitions.models import Petition
from gandan.petitions.selectors import Worklist as PetitionWorklist
from gandan.petitions.selectors import petition_list_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return make_commune()


@pytest.fixture
def officer(commune):
    return make_staff(commune, "motcua.thu", Role.DESK_OFFICER)


def test_dossiers_without_an_appointment_come_last_whichever_way_the_appointment_is_sorted(commune, officer):
    procedure = make_procedure(days=3)
    online = submit(procedure, commune, channel=2, name="Nguyễn Thị Hòa")  # not received yet: no appointment
    early = received(procedure, commune, officer, name="Trần Văn Nam", phone="0987000111")
    later = received(make_procedure(days=10), commune, officer, name="Lê Thị Mai", phone="0987000222")
    assert online.current_appointment is None and early.current_appointment < later.current_appointment

    def codes(order: str) -> list[str]:
        rows = dossier_list_for_user(officer, worklist=DossierWorklist.ALL, order=order)
        return [d.code for d in rows]

    assert codes("appointment") == [early.code, later.code, online.code]
    assert codes("-appointment") == [later.code, early.code, online.code]


def test_petitions_without_a_statutory_deadline_come_last_whichever_way_the_deadline_is_sorted(
    commune, officer
):
    def receive(subject: str) -> Petition:
        return petitions.petition_receive(
            unit=commune,
            channel="direct",
            persons=[{"name": "Nguyễn Văn An", "address": "Thôn Bến Đò", "phone": "0912000111"}],
            original_text=subject,
            parts=[{"kind": "recommendation", "subject": subject, "content": subject}],
            by=officer,
        )[0]

    undated, soon, late = (receive(s) for s in ("Sửa đường liên thôn", "Đèn đường hỏng", "Rác thải ở chợ"))
    # The deadlines are set here, not by the clocks: this test is about the order, not the statutory arithmetic.
    Petition.objects.filter(pk=undated.pk).update(statutory_due=None)
    Petition.objects.filter(pk=soon.pk).update(statutory_due=dt.date(2026, 3, 2))
    Petition.objects.filter(pk=late.pk).update(statutory_due=dt.date(2026, 4, 1))

    def codes(order: str) -> list[str]:
        return [p.code for p in petition_list_for_user(officer, worklist=PetitionWorklist.ALL, order=order)]

    assert codes("due") == [soon.code, late.code, undated.code]
    assert codes("-due") == [late.code, soon.code, undated.code]
