"""The cast of the dialogues' tests: the organiser (the mass-mobilisation officer), the chairman, the case handler
(an officer without the module's permission, to whom questions are assigned), the desk officer, and the organiser of
another commune."""

import pytest

from gandan.dialogues.tests.factories import user


@pytest.fixture
def organiser(db):
    return user("danvan.songlo")


@pytest.fixture
def chair(db):
    return user("chutich.songlo")


@pytest.fixture
def handler(db):
    return user("xuly.songlo")


@pytest.fixture
def desk(db):
    return user("motcua.songlo")


@pytest.fixture
def foreign_organiser(db):
    return user("danvan.tamson")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
