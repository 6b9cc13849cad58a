"""Import signals from a JSON Lines file (`gandan opinion ingest FILE.jsonl`): one object a line,
`{"id", "text", "place", "at", "source"}` and optionally `"people"` (the signers of a crowd petition).

Two passes over the file, so that a million lines never sit in memory as objects: the first checks every line and
keeps only the ids (to find duplicates) and the resolved places (cached by string); the second, when the whole file
is correct, reads it again and inserts in batches inside one transaction. A file with any error saves nothing. An id
already imported is skipped, so running the same file twice changes nothing. The signals are then processed in time
order by the engine, as if each had arrived at its `at`."""

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.core.vnnlp import looks_vietnamese
from gandan.errors import DomainError
from gandan.opinion.models import Signal
from gandan.opinion.services.bulk import rows_insert
from gandan.opinion.services.places import Place, PlaceError, PlaceResolver
from gandan.opinion.services.recording import TEXT_MAX, protected_names_of, signal_prepare
from gandan.opinion.services.textwork import TextWorkers

SOURCE_KIND = "ingest"
TEXT_LIMIT = 50_000
ID_MAX = 64
SOURCE_MAX = 40
FUTURE_SLACK = timedelta(minutes=5)
#: Signals are about the present: a time before this is a slip of the year (and year 1 cannot even be stored).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
#: More people than a commune has: a slip of the keyboard (an alert would rise on it).
PEOPLE_MAX = 100_000
BATCH = 2000
# The part of a long text that is enough to tell its language.
LANGUAGE_SAMPLE = 3000

#: progress(stage, done, total): stage "check" and "save" count bytes of the file, "process" counts signals.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class IngestReport:
    read: int = 0
    imported: int = 0
    already: int = 0
    processed: int = 0
    seconds: float = 0.0
    errors: list[LineError] = field(default_factory=list)
    # (line, the name not found, the commune the signal was placed in)
    fallbacks: list[tuple[int, str, str]] = field(default_factory=list)
    # (line, characters) of texts longer than a signal keeps (TEXT_MAX): their first TEXT_MAX characters are kept
    shortened: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    id: str
    text: str
    place: Place
    at: datetime
    source: str
    people: int


def _lines(path: Path, progress: Progress | None, stage: str) -> Iterator[tuple[int, int, str | None]]:
    """(line number, bytes read so far, text or None when it is not UTF-8) of each non-blank line."""
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            done += len(raw)
            if progress is not None and (number % 5000 == 0 or done == total):
                progress(stage, done, total)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, done, None
                continue
            if number == 1:
                text = text.removeprefix("\ufeff")
            if text.strip():
                yield number, done, text


def _visible(text: str) -> bool:
    """Whether the text has a character that normalisation keeps (not a space, control or invisible format one)."""
    return any(not char.isspace() and unicodedata.category(char)[0] not in "CZ" for char in text)


class _Refused(Exception):
    """A line the second pass cannot save after all: the transaction is rolled back."""

    def __init__(self, error: LineError) -> None:
        super().__init__(str(error))
        self.error = error


def _parse_at(value: Any, now: datetime) -> tuple[datetime | None, str]:
    if not isinstance(value, str) or not value.strip():
        return None, _("“at” must be a date and time in ISO 8601, e.g. “2026-03-05T08:30:00+07:00”.")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, _("“at” = “%(value)s” is not an ISO 8601 time, e.g. “2026-03-05T08:30:00+07:00”.") % {
            "value": value[:40]
        }
    if timezone.is_naive(moment):
        return None, _("“at” = “%(value)s” has no time zone: add +07:00 (Vietnam time).") % {
            "value": value[:40]
        }
    if moment > now + FUTURE_SLACK:
        return None, _("“at” = “%(value)s” is in the future.") % {"value": value[:40]}
    if moment < EARLIEST:
        return None, _("“at” = “%(value)s” is before the year 2000: check the year.") % {"value": value[:40]}
    return moment, ""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _readable(value: str) -> bool:
    """The string can be stored: a JSON escape can write half of a UTF-16 pair, which is no character."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _parse(
    number: int, line: str, resolver: PlaceResolver, now: datetime, *, check_text: bool
) -> tuple[_Row | None, list[str]]:
    """The row of one line, or the messages saying what is wrong with it (all of them)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return None, [
            _("not valid JSON (at character %(position)s): each line must be one JSON object in UTF-8.")
            % {"position": error.pos + 1}
        ]
    except (ValueError, RecursionError):  # a number too long to read, arrays nested thousands deep
        return None, [_("not valid JSON: each line must be one JSON object in UTF-8.")]
    if not isinstance(data, dict):
        return None, [_("each line must be one JSON object {“id”, “text”, “place”, “at”, “source”}.")]
    # Only a JSON escape of a surrogate ("\\udc80") gives one (the line itself was decoded as UTF-8): a line without
    # such an escape needs no look at its strings.
    unreadable = (
        [
            name
            for name, value in data.items()
            if not _readable(name) or (isinstance(value, str) and not _readable(value))
        ]
        if _SURROGATE_ESCAPE.search(line)
        else []
    )
    if unreadable:  # read no further: the value cannot even be shown in a message
        return None, [
            _("%(fields)s: holds an invalid character (an unpaired UTF-16 surrogate written as an escape).")
            % {"fields": ", ".join(f"“{name[:40]}”" if _readable(name) else "“?”" for name in unreadable)}
        ]
    problems: list[str] = []
    missing = [name for name in ("id", "text", "place", "at", "source") if data.get(name) is None]
    if missing:
        problems.append(_("missing field(s): %(fields)s.") % {"fields": ", ".join(missing)})

    raw_id = data.get("id")
    ident = ""
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            problems.append(_("“id” must be a string or an integer."))
        else:
            ident = str(raw_id).strip()
            if not ident:
                problems.append(_("“id” is empty."))
            elif len(ident) > ID_MAX:
                problems.append(_("“id” is longer than %(n)s characters.") % {"n": ID_MAX})

    raw_text = data.get("text")
    text = ""
    if raw_text is not None:
        if not isinstance(raw_text, str):
            problems.append(_("“text” must be a string."))
        elif len(raw_text) > TEXT_LIMIT:
            problems.append(
                _("“text” has %(length)s characters, more than %(limit)s: cut it.")
                % {
                    "length": f"{len(raw_text):,}".replace(",", "."),
                    "limit": f"{TEXT_LIMIT:,}".replace(",", "."),
                }
            )
        else:
            text = raw_text
            if check_text:
                # Cheap checks here (the text is normalised once, by signal_prepare in the second pass).
                if not _visible(raw_text):
                    problems.append(_("“text” is empty."))
                elif not looks_vietnamese(raw_text[:LANGUAGE_SAMPLE]):
                    problems.append(_("“text” is not in Vietnamese."))

    raw_place = data.get("place")
    place = None
    if raw_place is not None:
        if not isinstance(raw_place, str):
            problems.append(_("“place” must be a string: a unit code or names such as “Thôn X, xã Y”."))
        else:
            try:
                place = resolver.resolve(raw_place)
            except PlaceError as error:
                problems.append(str(error))

    moment = None
    if data.get("at") is not None:
        moment, problem = _parse_at(data["at"], now)
        if problem:
            problems.append(problem)

    raw_source = data.get("source")
    source = ""
    if raw_source is not None:
        source = raw_source.strip() if isinstance(raw_source, str) else ""
        if not source:
            problems.append(_("“source” must be a non-empty string (e.g. “hotline”, “petition”)."))
        elif len(source) > SOURCE_MAX:
            problems.append(_("“source” is longer than %(n)s characters.") % {"n": SOURCE_MAX})

    people = data.get("people", 1)
    if people is None:
        people = 1
    if isinstance(people, bool) or not isinstance(people, int) or people < 1:
        problems.append(_("“people” must be a whole number, at least 1."))
    elif people > PEOPLE_MAX:
        problems.append(
            _("“people” = %(people)s is more than %(max)s: check the number of signers.")
            % {
                "people": f"{people}" if people < 10**20 else f"{str(people)[:19]}…",
                "max": f"{PEOPLE_MAX:,}".replace(",", "."),
            }
        )
    if problems or place is None or moment is None:
        return None, problems
    return _Row(line=number, id=ident, text=text, place=place, at=moment, source=source, people=people), []


def ingest_check(path: Path, *, progress: Progress | None = None) -> tuple[IngestReport, PlaceResolver]:
    """The first pass: every line checked, every error kept with its line number. Saves nothing."""
    report = IngestReport()
    resolver = PlaceResolver()
    now = timezone.now()
    seen: dict[str, int] = {}
    for number, _done, line in _lines(path, progress, "check"):
        report.read += 1
        if line is None:
            report.errors.append(LineError(number, _("the line is not UTF-8 text.")))
            continue
        row, problems = _parse(number, line, resolver, now, check_text=True)
        if row is None:
            report.errors.extend(LineError(number, problem) for problem in problems)
            continue
        first = seen.setdefault(row.id, number)
        if first != number:
            report.errors.append(
                LineError(
                    number,
                    _("the id “%(id)s” is already used on line %(first)s.") % {"id": row.id, "first": first},
                )
            )
        if row.place.missing:
            report.fallbacks.append((number, row.place.missing, row.place.commune.name))
        if len(row.text) > TEXT_MAX:
            report.shortened.append((number, len(row.text)))
    return report, resolver


class _Saving:
    """One batch on its way to the database: its new rows, whose texts the workers are preparing meanwhile."""

    def __init__(self, batch: list[_Row], workers: TextWorkers) -> None:
        stored = set(
            Signal.objects.filter(
                source_kind=SOURCE_KIND, source_id__in=[row.id for row in batch]
            ).values_list("source_id", flat=True)
        )
        self.ids = [row.id for row in batch]
        self.fresh = [row for row in batch if row.id not in stored]
        # commune path → its protected denunciators' names, masked in its signals
        names: dict[str, tuple[str, ...]] = {}
        for row in self.fresh:
            commune = row.place.commune
            if commune.path not in names:
                names[commune.path] = tuple(protected_names_of(commune))
        self.prepared = workers.stored_texts(
            [(row.text, names[row.place.commune.path]) for row in self.fresh]
        )

    def save(self, report: IngestReport) -> None:
        signals = []
        for row, texts in zip(self.fresh, self.prepared(), strict=True):
            try:
                signal = signal_prepare(
                    text=row.text,
                    unit=row.place.unit,
                    commune=row.place.commune,
                    source_kind=SOURCE_KIND,
                    source_id=row.id,
                    at=row.at,
                    people=row.people,
                    channel=row.source,
                    prepared=texts,
                )
            except DomainError as error:
                raise _Refused(LineError(row.line, str(error))) from error
            signals.append(signal)
        # One prepared INSERT for every row: bulk_create builds its statement in Python field by field, three times
        # slower at a hundred thousand signals (nothing here needs the new ids back).
        rows_insert(Signal, signals)
        report.imported += len(signals)
        report.already += len(self.ids) - len(signals)


def ingest_file(path: Path, *, progress: Progress | None = None, process: bool = True) -> IngestReport:
    """Check the whole file; when it is correct, insert its new signals (one transaction) and process every
    pending signal in time order. With errors, the report lists them and nothing is saved."""
    started = time.monotonic()
    report, resolver = ingest_check(path, progress=progress)
    if report.errors:
        report.seconds = time.monotonic() - started
        return report
    now = timezone.now() + timedelta(days=1)  # checked already; the second pass only rebuilds the rows
    try:
        with TextWorkers(report.read) as workers, transaction.atomic():
            # The workers prepare one batch's texts while this process saves the batch before and reads the next
            # lines.
            batch: list[_Row] = []
            saving: _Saving | None = None
            # The ids of the rows not saved yet: a batch is checked against the stored ids before the batch before
            # it is saved, and a line repeated since the first pass must not reach the database.
            unsaved: set[str] = set()
            for number, _done, line in _lines(path, progress, "save"):
                row, _problems = _parse(number, line or "", resolver, now, check_text=False)
                if row is None or row.id in unsaved:
                    raise _Refused(LineError(number, _("the file changed during the import: run it again.")))
                unsaved.add(row.id)
                batch.append(row)
                if len(batch) >= BATCH:
                    following = _Saving(batch, workers)
                    if saving is not None:
                        saving.save(report)
                        unsaved.difference_update(saving.ids)
                    saving, batch = following, []
            if saving is not None:
                saving.save(report)
            if batch:
                _Saving(batch, workers).save(report)
    except _Refused as refused:
        report.imported = report.already = 0
        report.errors.append(refused.error)
        report.seconds = time.monotonic() - started
        return report
    if process:
        from gandan.opinion.services.processing import process_pending

        def processing(done: int, total: int) -> None:
            if progress is not None:
                progress("process", done, total)

        processing(0, report.imported)  # the file is saved: from here on, an interruption keeps it

        report.processed = process_pending(progress=processing)
    report.seconds = time.monotonic() - started
    return report
