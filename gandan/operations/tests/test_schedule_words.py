"""A schedule said in Vietnamese for its common shapes; the cron text otherwise; each refused field named."""

import pytest
from django.utils import translation

from gandan.core.cron import cron_problem
from gandan.operations.words import problem_words, schedule_words


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        ("0 2 * * *", "Hằng ngày lúc 02:00"),
        ("*/5 * * * *", "Mỗi 5 phút"),
        ("* * * * *", "Mỗi phút"),
        ("10 * * * *", "Mỗi giờ vào phút 10"),
        ("0 */6 * * *", "Mỗi 6 giờ, vào phút 00"),
        ("0 7 * * 1", "Thứ Hai hằng tuần lúc 07:00"),
        ("30 5 1 * *", "Hằng tháng vào ngày 1 lúc 05:30"),
        ("0 7 * * 1-5", "0 7 * * 1-5"),
    ],
)
def test_a_schedule_in_words(expr, words):
    with translation.override("vi"):
        assert schedule_words(expr) == words


@pytest.mark.parametrize(
    ("expr", "start"),
    [
        ("0 2 * *", "Lịch chạy phải có đúng năm trường"),
        ("75 2 * * *", "Phút (trường thứ nhất) không đúng"),
        ("0 2 31 2 *", "Ngày trong tháng (trường thứ ba) không đúng"),
        ("0 2 * 13 *", "Tháng (trường thứ tư) không đúng"),
        ("0 2 * * 9", "Thứ trong tuần (trường thứ năm) không đúng"),
    ],
)
def test_a_refused_schedule_says_which_field_is_wrong(expr, start):
    problem = cron_problem(expr)
    assert problem is not None
    with translation.override("vi"):
        assert problem_words(problem).startswith(start)
