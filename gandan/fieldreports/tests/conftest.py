"""The cast of the field reports' staff tests: the desk officer, the handler and the chairman of xã Sông Lô, the
handler of xã Tam Sơn (another commune), and a report of xã Sông Lô with a photo."""

import pytest

from gandan.fieldreports.tests.factories import commune, make_report, png, user


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def desk(db):
    return user("motcua.songlo")


@pytest.fixture
def handler(db):
    return user("xuly.songlo")


@pytest.fixture
def chair(db):
    return user("chutich.songlo")


@pytest.fixture
def stranger(db):
    return user("xuly.tamson")


@pytest.fixture
def songlo(db):
    return commune("08848")


@pytest.fixture
def report(songlo):
    return make_report(songlo, photos=[png()])
