"""Writing history at its own time: the demo tells twelve months of a commune's work through the same services the
pages call, each action at the moment it happened. `History` runs the actions in the order of their moments (so
codes, the audit chain and the timelines come out as a real year would leave them) with `timezone.now()` answering
that moment. Only for seeding a trial database: nothing at runtime uses it."""

import datetime as dt
import heapq
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count
from unittest import mock

from django.utils import timezone


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """`timezone.now()` (and so `localdate()`, `auto_now` fields, the audit trail's times) answers `moment`.
    Every service reads the clock through `django.utils.timezone`, so patching that one name is enough."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


class History:
    """A queue of actions, each at its moment; `run()` plays them in time order, never past `until`.

    An action may plan more actions (the next step of the same story) while it runs: later moments are queued,
    and a moment after `until` is dropped, so a story simply stops where today is."""

    def __init__(self, *, until: dt.datetime) -> None:
        self.until = until
        self._queue: list[tuple[dt.datetime, int, Callable[[], object]]] = []
        self._order = count()

    def at(self, moment: dt.datetime, action: Callable[[], object]) -> bool:
        """Plan `action` at `moment`; False (and nothing planned) when that moment has not come yet."""
        if moment > self.until:
            return False
        heapq.heappush(self._queue, (moment, next(self._order), action))
        return True

    def __len__(self) -> int:
        return len(self._queue)

    def run(self, *, progress: Callable[[int, int], object] | None = None) -> int:
        """Play every planned action; `progress(done, waiting)` after each (the stories grow as they are told)."""
        done = 0
        while self._queue:
            moment, _order, action = heapq.heappop(self._queue)
            with clock_at(moment):
                action()
            done += 1
            if progress is not None:
                progress(done, len(self._queue))
        return done
