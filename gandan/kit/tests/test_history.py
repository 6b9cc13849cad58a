"""History written at its own time (the demo): actions play in time order, at their moment, never in the future."""

import datetime as dt

from django.utils import timezone

from gandan.kit.history import History, clock_at

UTC = dt.UTC


def test_actions_play_in_the_order_of_their_moments_with_the_clock_at_each():
    until = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
    history = History(until=until)
    seen: list[tuple[str, dt.datetime]] = []
    later, earlier = until - dt.timedelta(hours=1), until - dt.timedelta(days=3)

    history.at(later, lambda: seen.append(("later", timezone.now())))
    history.at(earlier, lambda: seen.append(("earlier", timezone.now())))
    history.run()

    assert seen == [("earlier", earlier), ("later", later)]


def test_a_step_planned_while_playing_joins_the_queue_and_the_future_is_dropped():
    until = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
    history = History(until=until)
    seen: list[str] = []

    def first() -> None:
        seen.append("first")
        history.at(timezone.now() + dt.timedelta(minutes=5), lambda: seen.append("next"))
        assert not history.at(until + dt.timedelta(seconds=1), lambda: seen.append("tomorrow"))

    history.at(until - dt.timedelta(hours=2), first)
    played = history.run()

    assert seen == ["first", "next"]
    assert played == 2


def test_the_clock_comes_back_after_the_moment():
    moment = dt.datetime(2025, 12, 24, 8, tzinfo=UTC)
    with clock_at(moment):
        assert timezone.now() == moment
        assert timezone.localdate() == dt.date(2025, 12, 24)
    assert timezone.now() > moment + dt.timedelta(days=300)
