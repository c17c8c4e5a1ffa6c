"""Fifty submissions from one voter at once (a double click, a retrying phone) leave one ballot."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, close_old_connections, connection

from linli.core.models import Member
from linli.core.services import ServiceError
from linli.votes import services
from linli.votes.models import Ballot, RollEntry, Vote
from tests.votes.helpers import make_vote, option_ids, qkey


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("unit", [Vote.Unit.PERSON, Vote.Unit.HOUSEHOLD])
def test_fifty_concurrent_submissions_leave_one_ballot(community, organiser, resident, unit):
    vote = make_vote(community, organiser, unit=unit)
    voter = Member.objects.get(user=resident)
    answers = {qkey(vote): option_ids(vote)[:1]}
    start = threading.Barrier(50)
    outcomes: list[str] = []

    def submit(_: int) -> None:
        try:
            start.wait()
            services.cast(voter.user, Vote.objects.get(pk=vote.pk), answers)
            outcomes.append("cast")
        except ServiceError:
            outcomes.append("refused")
        except OperationalError:  # SQLite: the database stayed locked past the timeout
            outcomes.append("busy")
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(submit, range(50)))

    assert outcomes.count("cast") == 1
    assert RollEntry.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.filter(vote=vote).count() == 1
