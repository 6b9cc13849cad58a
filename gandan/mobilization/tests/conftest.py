"""`fresh_network`: the test starts where a commune starts using the module, with no team, activity, model or report
(the session's demo database has a season of each). The rows are removed inside the test's transaction, so the
next test finds the demo again."""

import pytest


@pytest.fixture
def fresh_network(db):
    from gandan.mobilization.models import Activity, Evidence, Initiative, Member, Report, Review, Team

    Report.objects.all().delete()
    Evidence.objects.all().delete()
    Review.objects.all().delete()
    Initiative.objects.update(copied_from=None)
    Initiative.objects.all().delete()
    Activity.objects.all().delete()
    Member.objects.all().delete()
    Team.objects.all().delete()
