"""The rating questions (DOMAIN.md §1.8): plain words for the citizen, the same keys and scores for the statistics."""

import pytest
from django.test import Client
from django.utils.translation import override

from gandan.dossiers import services
from gandan.dossiers.models import OnlineLevel
from gandan.dossiers.public import lookup_token
from gandan.dossiers.satisfaction import INDICES, clean_answers
from gandan.dossiers.tests.factories import make_procedure, received
from gandan.errors import DomainError


def test_the_stored_keys_and_scales_are_the_ones_the_statistics_read():
    # Renaming a key or moving a score would silently change every indicator computed from stored answers.
    assert [(i.key, i.kind) for i in INDICES][0] == ("overall", "score")
    assert {i.key: sorted(score for score, _label in i.choices) for i in INDICES} == {
        "overall": [1, 2, 3, 4, 5],
        "attitude": [1, 2, 3, 4, 5],
        "on_time": [1, 2, 3, 4, 5],
        "duration": [1, 2, 3, 4, 5],
        "publicity": [1, 2, 3, 4, 5],
        "ease": [1, 2, 3, 4, 5],
        "contacts": [1, 2, 3],
        "agencies": [1, 2, 3],
    }


def test_five_means_very_satisfied_and_one_very_dissatisfied():
    with override("vi"):
        scale = {score: str(label) for score, label in INDICES[0].choices}
    assert (scale[5], scale[1]) == ("Rất hài lòng", "Rất không hài lòng")


def test_each_counting_question_answers_in_what_it_counts():
    with override("vi"):
        words = {i.key: [str(label) for _score, label in i.choices] for i in INDICES if i.kind == "count"}
    assert words == {
        "contacts": ["Chỉ một lần", "Hai lần", "Ba lần trở lên"],
        "agencies": ["Chỉ một nơi", "Hai nơi", "Ba nơi trở lên"],
    }


@pytest.mark.parametrize(("key", "value"), [("agencies", 4), ("contacts", 0), ("overall", 6), ("ease", None)])
def test_an_answer_outside_its_question_is_refused(key, value):
    answers = {i.key: 1 for i in INDICES} | {key: value}
    with pytest.raises(DomainError) as refused:
        clean_answers(answers)
    assert refused.value.field == key


@pytest.fixture
def dossier(home_commune, desk_officer):
    procedure = make_procedure(days=3, online=OnlineLevel.FULL)
    return received(procedure, home_commune, desk_officer, name="Lường Thị Xuân", phone="0978123456")


@pytest.mark.django_db
def test_the_rating_page_asks_in_plain_words(dossier, desk_officer, case_handler):
    services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    services.dossier_complete(dossier=dossier, by=case_handler)
    services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")

    page = Client().get(f"/ho-so/danh-gia/{lookup_token(dossier)}/").content.decode()

    assert page.count('<fieldset class="scale') == len(INDICES)
    assert "<legend>Ông/bà phải đến mấy nơi để làm xong hồ sơ?</legend>" in page
    assert "<span>Chỉ một nơi</span>" in page and "<span>Ba nơi trở lên</span>" in page
