"""The case page's actions as an official uses them, where the page itself decides something (not the service)."""

import pytest
from django.urls import reverse

from gandan.petitions.models import Petition
from gandan.tests_support import client_for


@pytest.fixture
def two_cases(receive):
    return receive(), receive(channel="front", forwarded_by="Ủy ban MTTQ xã Sông Lô")


def merge(user, petition: Petition, code: str):
    return client_for(user).post(
        reverse("petitions:act", args=[petition.pk, "merge"]), {"merge-master": code}
    )


def test_a_duplicate_is_merged_into_the_case_its_code_names(two_cases, desk_officer):
    master, copy = two_cases

    merge(desk_officer, copy, f"  {master.code.lower()} ")  # as typed: spaces and small letters

    copy.refresh_from_db()
    assert (copy.status, copy.master_id) == ("merged", master.pk)


def test_a_code_outside_my_commune_is_answered_as_unknown(two_cases, desk_officer, other_commune, receive):
    """Another commune's case is not even confirmed to exist: the same answer as a code nobody gave."""
    from django.utils.html import escape
    from django.utils.translation import gettext, override

    from gandan.accounts.models import User

    _master, copy = two_cases
    elsewhere = receive(unit=other_commune, by=User.objects.get(username="motcua.tamson"))

    responses = [merge(desk_officer, copy, elsewhere.code), merge(desk_officer, copy, "DT-08848-26-99999")]

    copy.refresh_from_db()
    assert copy.status != "merged" and copy.master_id is None
    with override("vi"):
        unknown = escape(gettext("No case with this code in your unit."))
    for response in responses:
        assert response.status_code == 422
        assert unknown in response.content.decode()
