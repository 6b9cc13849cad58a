"""What the tests of the "dân vận khéo" models share: the cast (the officer, the party secretary and the chairman of
xã Sông Lô, the officer of xã Tam Sơn, the province's supervisor), small images and files, and helpers that take a
model through its life with the services."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gandan.accounts.models import User
from gandan.core.mobilization.models_rules import CRITERIA
from gandan.mobilization.services.initiative_decisions import initiative_recognise, initiative_review
from gandan.mobilization.services.initiatives import initiative_register, initiative_start
from gandan.units.models import GRASSROOTS_KINDS, Unit

NAME = "Dân vận khéo trong hiến đất làm đường liên xóm"  # a name the demo does not register


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def villages(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by("name")
    )


def details(**overrides) -> dict:
    values = {
        "name": NAME,
        "field": "economy",
        "owner_kind": "team",
        "owner_name": "Tổ dân vận thôn Đồng Thịnh",
        "place": "Thôn Đồng Thịnh, xã Sông Lô",
        "period_start": dt.date(2025, 3, 1),
        "description": "Vận động các hộ hiến đất mở rộng đường liên thôn.",
        "results": "46 hộ hiến 3.200 m² đất.",
        "figures": [{"label": "Hộ hiến đất", "value": 46, "unit": "hộ"}],
    }
    values.update(overrides)
    return values


def register(by: User, unit: Unit | None = None, **overrides):
    commune = unit or by.unit
    assert commune is not None
    return initiative_register(unit=commune, by=by, **details(**overrides))


def scores(share: float = 0.9) -> dict[str, int]:
    return {c.key: round(c.weight * share) for c in CRITERIA}


def reviewed(by: User, reviewer: User | None = None, **overrides):
    model = register(by, **overrides)
    initiative_start(initiative=model, by=by)
    initiative_review(initiative=model, scores=scores(), recommend=True, comment="", by=reviewer or by)
    model.refresh_from_db()
    return model


def recognised(by: User, leader: User, level: str = "commune", **overrides):
    model = reviewed(by, **overrides)
    initiative_recognise(
        initiative=model, level=level, decision="12/QĐ-UBND", on=timezone.localdate(), by=leader
    )
    model.refresh_from_db()
    return model


def jpeg(size=(64, 48), name="anh.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"


def pdf(name="quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
