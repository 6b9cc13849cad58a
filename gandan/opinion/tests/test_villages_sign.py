"""The "several villages on one matter" sign counts villages: a signal placed only at the commune (an online
petition, a reception-book statement) names no village and must not count as one."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.opinion.models import Alert
from gandan.opinion.services import signal_record
from gandan.opinion.services.processing import process_pending
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

TEXT = "Mỏ đá Núi Đanh nổ mìn làm nứt nhà, bụi đá phủ kín mái nhà, đề nghị kiểm tra việc nổ mìn"


def test_two_villages_and_the_commune_are_not_three_villages(home_commune):
    villages = list(
        Unit.objects.filter(parent=home_commune, valid_to__isnull=True).order_by("name_search")[:2]
    )
    places = [villages[0], villages[1], home_commune, home_commune, villages[0], home_commune]
    now = timezone.now()
    for i, place in enumerate(places):
        signal_record(
            text=f"{TEXT} ({i})",
            unit=place,
            source_kind="test",
            source_id=i,
            at=now - dt.timedelta(hours=6 - i),
        )
    process_pending()

    alert = Alert.objects.get(issue__signals__source_id="0", issue__signals__source_kind="test")
    assert not [r for r in alert.reasons if r["code"] == "villages"]
