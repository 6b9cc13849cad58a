"""Fifty ballots for the same household at the same instant, each on its own connection as under gunicorn, on the
real database (SQLite file or PostgreSQL): exactly one is counted, the 49 others are told the household has voted."""

import threading

import pytest
from django.db import connections

from gandan.democracy.models import Ballot
from gandan.democracy.services.ballots import ballot_cast_online, codes_issue
from gandan.democracy.tests.votes_support import OFFICER, at, new_village, opened, register, user
from gandan.errors import DomainError

PARALLEL = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_ballots_of_one_household_count_once(demo_restored_afterwards, home_commune):
    officer = user(OFFICER)
    village = new_village(home_commune, "Thôn Đua Phiếu")
    register(village, 10, opted_in=8)
    vote = opened(village, officer, matter=6, form="online", closes_at=at(days=1))
    code = codes_issue(vote=vote, by=officer)[0].code
    start = threading.Barrier(PARALLEL)
    cast: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def vote_once(n: int) -> None:
        try:
            start.wait(timeout=30)
            choice = ("yes", "no", "blank")[n % 3]
            cast.append(ballot_cast_online(vote=vote, code=code, choice=choice, client=f"10.1.0.{n}").pk)
        except DomainError as error:
            refused.append(error.code)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote_once, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(cast) == 1
    assert refused == ["ballot_exists"] * (PARALLEL - 1)
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.get(vote=vote).pk == cast[0]
