"""Set-up for the petitions' tests (users and demo data come from the root conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def receive(desk_officer, home_commune):
    """Record a petition at the desk of xã Sông Lô; keyword arguments override the defaults."""
    from gandan.petitions.services import petition_receive

    def make(kind="complaint", *, by=None, unit=None, persons=None, subject=None, content=None, **extra):
        return petition_receive(
            unit=unit or home_commune,
            channel=extra.pop("channel", "direct"),
            parts=[
                {
                    "kind": kind,
                    "subject": subject or "Tranh chấp ranh giới đất ở thôn Đồng Thịnh",
                    "content": content
                    or "Gia đình ông Lê Văn Bình lấn chiếm 2 mét đất vườn của gia đình tôi.",
                }
            ],
            persons=persons
            if persons is not None
            else [
                {
                    "name": "Nguyễn Thị Hoa",
                    "address": "Thôn Đồng Thịnh, xã Sông Lô",
                    "phone": "0912345678",
                    "id_number": "025190012345",
                }
            ],
            by=by or desk_officer,
            **extra,
        )[0]

    return make
