"""The cast of the model tests as pytest fixtures (loaded with `pytest_plugins` by each test module): the officer, the
party secretary and the chairman of xã Sông Lô, the officer and the secretary of xã Tam Sơn, the province's
supervisor, and a media folder of the test's own."""

import pytest

from gandan.mobilization.tests.initiatives_support import user


@pytest.fixture
def officer(db):
    return user("danvan.songlo")


@pytest.fixture
def secretary(db):
    return user("bithu.songlo")


@pytest.fixture
def chairman(db):
    return user("chutich.songlo")


@pytest.fixture
def other_officer(db):
    return user("danvan.tamson")


@pytest.fixture
def other_secretary(db):
    return user("bithu.tamson")


@pytest.fixture
def supervisor(db):
    return user("giamsat.phutho")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
