"""Field reports for the tests and the page walks, made through the services as the portal makes them."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gandan.accounts.models import User
from gandan.fieldreports.models import Category, FieldReport, PlacePoint
from gandan.fieldreports.services import ReportFacts, report_receive
from gandan.units.models import Unit

POTHOLE = "duong-hu-hong"


def png(name: str = "photo.png", colour: str = "red") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def user(username: str) -> User:
    return User.objects.get(username=username)


def commune(code: str = "08848") -> Unit:
    return Unit.objects.get(code=code, valid_to__isnull=True)


def village_point(unit: Unit) -> PlacePoint:
    point = PlacePoint.objects.filter(unit__parent=unit).select_related("unit").order_by("unit__name").first()
    assert point is not None, f"no village point in {unit}"
    return point


def make_report(
    unit: Unit | None = None,
    *,
    category: str = POTHOLE,
    description: str = "Ổ gà lớn giữa đường liên thôn",
    offset: str = "0.0003",
    photos=(),
    name: str = "Nguyễn Văn Phản",
    phone: str = "0912345678",
    **kwargs,
) -> FieldReport:
    unit = unit or commune()
    point = village_point(unit)
    answers = {"muc_do": ["lon"]} if category == POTHOLE else {}
    return report_receive(
        facts=ReportFacts(
            category=Category.objects.get(code=category),
            description=description,
            lat=str(point.lat + Decimal(offset)),
            long=str(point.long),
            attributes=answers,
            name=name,
            phone=phone,
            photos=list(photos),
        ),
        channel=FieldReport.Channel.PORTAL,
        **kwargs,
    )


def fieldreport_records(unit: Unit, **kwargs) -> dict:
    """A report of `unit` with a photo: the staff pages' record."""
    report = make_report(unit, photos=[png()], **kwargs)
    return {"field_report": report, "field_report_photo": report.photos.order_by("id")[0]}
