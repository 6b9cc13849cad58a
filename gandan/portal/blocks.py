"""What a module offers a commune's citizen home: blocks, each from its module's declaration.

A module's `module.py` may define `public_blocks(unit) -> list[PublicBlock]` (`unit` is the commune whose home is
shown); the home shows the blocks of every module in `order`, a module not built has no block. A block is a
title, up to five items (a title, its address, a date or a short note) and a few links ("see all", "submit",
"look up"); an `empty` sentence in plain Vietnamese when it has no item. The module reads through its own public
selectors: only what a citizen may see, and at most a few cheap queries per block."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.functional import Promise

Text = str | Promise

ITEMS_SHOWN = 5


@dataclass(frozen=True)
class BlockItem:
    title: str
    url: str
    when: dt.date | dt.datetime | None = None  # shown dd/mm/yyyy
    note: Text = ""  # one short line under the title ("Thôn Đồng Thịnh", "Đang lấy ý kiến")
    image_url: str = ""  # a small picture (news): lazy-loaded, with `title` as its alternative text


@dataclass(frozen=True)
class BlockLink:
    label: Text
    url: str
    primary: bool = False  # the block's main action ("Nộp hồ sơ trực tuyến"), drawn as a button


@dataclass(frozen=True)
class PublicBlock:
    key: str  # stable: "news", "reception_schedule", "disclosures" …
    title: Text
    order: int  # smaller first; news 10, services (submit and look up) 20, reception 30, then the others
    items: list[BlockItem] = field(default_factory=list)
    links: list[BlockLink] = field(default_factory=list)
    text: Text = ""  # one sentence under the title, when the block is an entry point rather than a list
    empty: Text = ""  # shown when `items` is empty and `text` is too
