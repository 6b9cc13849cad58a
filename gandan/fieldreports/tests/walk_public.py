"""The field reports' record for the browser walk's public pages (gandan/tests/walk_records.py): a report of xã Sông
Lô received from the portal, with its village."""

from decimal import Decimal

from gandan.fieldreports.models import Category, FieldReport, PlacePoint
from gandan.fieldreports.services import ReportFacts, report_receive


def public_walk_records(commune) -> dict[str, str]:
    point = PlacePoint.objects.filter(unit__parent=commune).order_by("unit__name").first()
    facts = ReportFacts(
        category=Category.objects.get(code="duong-hu-hong"),
        description="Ổ gà lớn giữa đường liên thôn, xe máy dễ ngã khi trời mưa.",
        lat=str(point.lat + Decimal("0.0002")) if point else "",
        long=str(point.long) if point else "",
        address="" if point else "Gần nhà văn hóa thôn",
        commune=None if point else commune,
        attributes={"muc_do": ["lon"]},
    )
    report = report_receive(facts=facts, channel=FieldReport.Channel.PORTAL)
    return {"field_report_code": report.code}
