"""Where a signal came from, in words an official reads (the codes stay as stored: they are the import's and the
modules' own), and the way back to the record it came from.

A module whose records become signals may offer, in its `module.py`,
`signal_source_links(user, source_kind, ids) -> dict[str, str]`: for the records of `source_kind` among `ids` (the
signals' `source_id`) that `user` may open, their address. A record the user may not open is simply absent, so the
board shows its source in words only."""

from collections import defaultdict
from collections.abc import Iterable
from importlib import import_module

from django.utils.translation import gettext as _

from gandan.modules import registered


def source_label(source_kind: str, channel: str = "") -> str:
    """ "Online dossier", "Petition", "Imported — hotline"…; an unknown code is shown as it is."""
    kinds = {
        "dossiers.dossier": _("Online dossier"),
        "dossiers.rating": _("Rating of a dossier"),
        "petition": _("Petition"),
        "reception": _("Citizen reception book"),
        "mobilization_note": _("What people are saying, noted by a mobilisation team"),
        "democracy.finding": _("Finding of a people's supervision board"),
        "dialogue_question": _("Question for a dialogue with the leaders"),
        "news_comment": _("Reader's opinion on a news article"),
        "democracy_comment": _("Opinion on a consultation"),
        "ingest": _("Imported file"),
        "field_report": _("Field report"),
        "demo": _("Demo data"),
    }
    channels = {
        "petition": _("petition"),
        "reception": _("citizen reception"),
        "hotline": _("hotline"),
        "rating": _("rating"),
        "comment": _("comment"),
        "team_note": _("mobilisation team's note"),
        "field_report": _("field report"),
        "field": _("field report"),
    }
    label = kinds.get(source_kind, source_kind)
    if channel:
        label = f"{label} — {channels.get(channel, channel)}"
    return label


def _hooks(name: str) -> list:
    """The modules' functions called `name` in their `module.py`."""
    found = []
    for package, _module in registered():
        hook = getattr(import_module(f"{package}.module"), name, None)
        if hook is not None:
            found.append(hook)
    return found


def source_links(user, signals: Iterable) -> None:
    """Set `source_url` on each of `signals` (one page of them): the address of the record it came from when the
    owning module lets `user` open it, else "". One question per module and source kind."""
    signals = list(signals)
    wanted: dict[str, set[str]] = defaultdict(set)
    for signal in signals:
        signal.source_url = ""
        wanted[signal.source_kind].add(signal.source_id)
    found: dict[tuple[str, str], str] = {}
    hooks = _hooks("signal_source_links")
    for kind, ids in wanted.items():
        for hook in hooks:
            for source_id, url in hook(user, kind, sorted(ids)).items():
                found[(kind, str(source_id))] = url
    for signal in signals:
        signal.source_url = found.get((signal.source_kind, signal.source_id), "")


def withheld_text() -> str:
    return _(
        "A denunciation: its content is confidential, shown only to the officers granted access on the case."
    )


def withhold_confidential(user, signals: Iterable) -> None:
    """Set `shown_text` on each of `signals`: its (masked) text, or, for a protected denunciation's signal that
    `user` holds no grant on, a line saying a denunciation was received (its words may tell who wrote it: a
    given name, a wife's name, "the house at the end of the lane"). The owning module decides, through its
    `signal_confidential_open(user, source_kind, ids) -> set[str]` in `module.py`; without one, nobody reads it."""
    signals = list(signals)
    wanted: dict[str, set[str]] = defaultdict(set)
    for signal in signals:
        if signal.confidential:
            wanted[signal.source_kind].add(signal.source_id)
    readable: set[tuple[str, str]] = set()
    if wanted:
        hooks = _hooks("signal_confidential_open")
        for kind, ids in wanted.items():
            for hook in hooks:
                readable |= {(kind, str(i)) for i in hook(user, kind, sorted(ids))}
    for signal in signals:
        signal.withheld = signal.confidential and (signal.source_kind, signal.source_id) not in readable
        signal.shown_text = withheld_text() if signal.withheld else signal.text
