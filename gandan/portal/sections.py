"""What a module offers the staff home ("Việc của tôi"): sections, each for the roles it concerns.

A module's `module.py` may define `home_sections(user) -> list[Section]`; the home shows every section of every
module the user may open, each once (by `key`) even when several of the user's roles ask for it. A section is a
title, a few counts (each a link to the filtered list), up to five records, and a "see all" link; or a table (the
province's communes compared). The module reads through its own selectors, scoped to the user's units."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.functional import Promise

Text = str | Promise

ROWS_SHOWN = 5  # records listed in a section; the counts and "see all" say how many more there are


@dataclass(frozen=True)
class Count:
    label: Text
    value: int | str
    url: str = ""
    alert: bool = False  # shown in the warning colour when the value is not zero (overdue)


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    url: str
    due: dt.date | None = None
    late: bool = False  # the due date has passed
    note: Text = ""


@dataclass(frozen=True)
class Cell:
    value: int | str
    url: str = ""


@dataclass(frozen=True)
class Table:
    headers: list[Text]
    rows: list[list[Cell]]  # the first cell names the row (a commune, a village)


@dataclass(frozen=True)
class Section:
    key: str  # unique across modules, e.g. "dossiers.desk_new": a user with several roles sees it once
    title: Text
    empty: Text  # what the section says when there is nothing, in plain words
    counts: list[Count] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    see_all: str = ""
    see_all_label: Text = ""
    table: Table | None = None
    note: Text = ""  # one line under the title (the period, the scope)

    @property
    def anchor(self) -> str:
        return self.key.replace(".", "-")

    @property
    def is_empty(self) -> bool:
        # A rate of nothing is "—", not a figure.
        figures = any(c.value not in (0, "", "—") for c in self.counts)
        return not self.rows and not (self.table and self.table.rows) and not figures


@dataclass(frozen=True)
class CommuneColumn:
    """A module's column in the province's table of its communes: the value of each commune, by unit path."""

    header: Text
    cells: dict[str, Cell]
