"""The demo's field reports (loaded with the test database, size small): every state is there, each closed report
tells its reporter why, every report lies in one of the demo communes' villages, and a second run adds nothing."""

from gandan.core.fieldreports import NOTE_REQUIRED, Status
from gandan.fieldreports.demo_story import DEMO_COMMUNES, seed_field_reports
from gandan.fieldreports.models import OPEN_VALUES, FieldReport, Update
from gandan.units.models import Unit


def test_every_state_is_in_the_demo(db):
    present = set(FieldReport.objects.values_list("status", flat=True))
    assert present == {s.value for s in Status}
    channels = set(FieldReport.objects.values_list("channel", flat=True))
    assert channels == set(FieldReport.Channel.values)
    reports = FieldReport.objects.all()
    assert reports.filter(lat__isnull=True).exists()  # some by address only
    assert reports.exclude(reporter_phone="").count() > reports.count() / 2
    assert FieldReport.objects.filter(photos__isnull=False).exists()


def test_no_closed_report_leaves_its_reporter_without_a_reason(db):
    for update in Update.objects.exclude(action=""):
        if update.action in NOTE_REQUIRED:
            assert update.note, update
    for report in FieldReport.objects.exclude(status__in=OPEN_VALUES).prefetch_related("updates"):
        last = list(report.updates.all())[-1]
        assert last.status == report.status and last.note, report.code
        assert report.closed_at == last.at
    duplicate = FieldReport.objects.filter(status=Status.DUPLICATE).first()
    assert duplicate is not None and duplicate.duplicate_of is not None
    petitioned = FieldReport.objects.filter(status=Status.TO_PETITION).first()
    assert petitioned is not None and petitioned.petition_code


def test_every_report_lies_in_a_demo_communes_village(db):
    communes = {u.pk: u for u in Unit.objects.filter(code__in=DEMO_COMMUNES, valid_to__isnull=True)}
    for report in FieldReport.objects.select_related("village", "unit"):
        assert report.village is not None, report.code
        assert report.village.parent_id in communes, report.code
        assert report.unit_path and report.village.path.startswith(report.unit_path), report.code
        assert report.received_at <= report.updated_at


def test_the_story_is_told_once(db):
    before = FieldReport.objects.count()
    assert seed_field_reports(communes=list(Unit.objects.filter(code__in=DEMO_COMMUNES))) == 0
    assert FieldReport.objects.count() == before


def test_the_demo_links_duplicates_and_petitions_as_an_officer_would(db):
    """Through report_link_duplicate and report_to_petition: the audit trail names the earlier report, the earlier
    report was still open when linked, and the petition is the one the report's page records (received online,
    the report's description as its content)."""
    from gandan.audit.models import Event
    from gandan.petitions.selectors import petition_by_code

    duplicates = FieldReport.objects.filter(status=Status.DUPLICATE).select_related("duplicate_of")
    assert duplicates
    for report in duplicates:
        original = report.duplicate_of
        assert original is not None and original.status in OPEN_VALUES, report.code
        linked = Event.objects.get(action="fieldreports.duplicate", object_id=str(report.pk))
        assert linked.details["duplicate_of"] == original.code
        assert original.code in report.updates.order_by("at", "id").last().note
    petitioned = FieldReport.objects.filter(status=Status.TO_PETITION)
    assert petitioned
    for report in petitioned:
        petition = petition_by_code(report.petition_code)
        assert petition is not None, report.code
        assert petition.channel == "online" and report.description in petition.content
        moved = Event.objects.get(action="fieldreports.to_petition", object_id=str(report.pk))
        assert moved.details["petition"] == report.petition_code
