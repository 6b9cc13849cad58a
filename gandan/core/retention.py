"""Which backup archives to keep: the newest of each of the last `daily` days that have one, and the newest of each of
the last `monthly` months that have one; everything else may be deleted. The newest archive of all is always kept,
whatever the numbers say (a retention of 0/0 must not leave an installation without its last backup).

Days and months are those of the archive's local time (the name `gandan-YYYYMMDD-HHMMSS.tar` is written in
Asia/Ho_Chi_Minh), so "one a day" means one a Vietnamese calendar day. Plain Python: no clock, no files, no Django.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

ARCHIVE_NAME = re.compile(r"^gandan-(\d{8})-(\d{6})(?:-(\d+))?\.tar$")


@dataclass(frozen=True, order=True)
class Archive:
    """An archive as retention sees it: when it was made (local time) and its name. Ordered by time, then name."""

    made_at: dt.datetime
    name: str


def archive_parse(name: str) -> Archive | None:
    """The archive a file name stands for, or None for any other file (a partial archive, a checksum file, a file of
    the operator's own)."""
    match = ARCHIVE_NAME.match(name)
    if match is None:
        return None
    try:
        made_at = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")  # noqa: DTZ007 local wall-clock time, by design
    except ValueError:
        return None
    return Archive(made_at=made_at, name=name)


def archive_name(made_at: dt.datetime, *, serial: int = 0) -> str:
    """The file name of an archive made at `made_at` (local time); `serial` tells apart two made in one second."""
    stem = made_at.strftime("gandan-%Y%m%d-%H%M%S")
    return f"{stem}-{serial}.tar" if serial else f"{stem}.tar"


def retention_keep(archives: Iterable[Archive], *, daily: int, monthly: int) -> set[Archive]:
    """The archives to keep (see the module's docstring). `daily` and `monthly` must not be negative."""
    if daily < 0 or monthly < 0:
        raise ValueError("daily and monthly are counts: 0 or more")
    newest_first = sorted(set(archives), reverse=True)
    if not newest_first:
        return set()
    keep = {newest_first[0]}
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for archive in newest_first:
        day = archive.made_at.date()
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(archive)
        month = (archive.made_at.year, archive.made_at.month)
        if month not in months and len(months) < monthly:
            months.add(month)
            keep.add(archive)
    return keep


def retention_delete(archives: Iterable[Archive], *, daily: int, monthly: int) -> list[Archive]:
    """The archives retention lets go, oldest first."""
    every = set(archives)
    return sorted(every - retention_keep(every, daily=daily, monthly=monthly))
