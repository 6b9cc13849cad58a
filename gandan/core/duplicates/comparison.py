"""What two letters are about, compared (:func:`compare_matter`): shared plots, decisions and named objects are
strong evidence of one matter; different plots or decisions, strong evidence of two; shared villages, landmarks,
amounts and areas are weak details. Each finding is a reason a clerk can check, in Vietnamese and English."""

from dataclasses import dataclass

from gandan.core.duplicates.content import expand
from gandan.core.duplicates.model import MatterFeatures
from gandan.core.duplicates.reasons import Reason
from gandan.core.vntext import fold

# Objects that are the matter itself; the others (a bridge, a market, a river) are landmarks: weak details.
STRONG_KINDS = frozenset({"road", "canal", "farm", "kiln", "quarry", "company", "school", "project", "venue"})
# ... of which places where many separate matters arise (a school: its fees, a fight, a teacher): they link two
# letters of other people only with related words.
INSTITUTION_KINDS = frozenset({"school", "company"})
# Objects that a land recovery is made for: compensation letters about one of them are each household's own claim.
PROJECT_KINDS = frozenset({"road", "project"})
# Objects a company may run under its own name: a farm, a kiln, a quarry.
OPERATED_KINDS = frozenset({"farm", "kiln", "quarry", "company"})


@dataclass(frozen=True)
class MatterComparison:
    """What two letters' matter features share, and what sets them apart."""

    strong: tuple[str, ...] = ()  # reasons: the same plot, decision, named object
    against: tuple[str, ...] = ()  # reasons: different plots, different decisions
    weak: tuple[str, ...] = ()  # reasons: shared villages, landmarks, amounts, areas
    specific: bool = False  # a plot or a decision is shared (not only a named object)
    only_institutions: bool = False  # the only named objects shared are schools or companies
    name_words: frozenset[str] = (
        frozenset()
    )  # the words naming them ("truong", "trung", "hoc", "yen", "thach")
    weak_count: int = 0  # the shared places count once; each shared amount or area once
    other_troubles: bool = False  # both name kinds of trouble, and none in common


def _plot_label(key: str) -> str:
    plot, sheet = key.split("/")
    return f"số {plot}, tờ bản đồ {sheet}" if sheet else f"số {plot}"


def _plot_label_en(key: str) -> str:
    plot, sheet = key.split("/")
    return f"no. {plot}, map sheet {sheet}" if sheet else f"no. {plot}"


def _same_plot(a: str, b: str) -> bool:
    plot_a, sheet_a = a.split("/")
    plot_b, sheet_b = b.split("/")
    return plot_a == plot_b and (sheet_a == sheet_b or not sheet_a or not sheet_b)


def _title(folded: str) -> str:
    return " ".join(word.capitalize() for word in folded.split())


def compare_matter(
    a: MatterFeatures, b: MatterFeatures, *, several_matters: bool = False
) -> MatterComparison:
    """Compare two letters' matter features (symmetric). ``several_matters``: one of them is a summary of several
    matters, whose programmes are not all the matter of each of its objects."""
    strong: list[str] = []
    against: list[str] = []
    weak: list[str] = []
    shared_plots = sorted({min(x, y, key=len) for x in a.plots for y in b.plots if _same_plot(x, y)})
    strong += [
        Reason(f"Cùng thửa đất {_plot_label(plot)}", f"Same land plot {_plot_label_en(plot)}")
        for plot in shared_plots
    ]
    if a.plots and b.plots and not shared_plots:
        each = sorted(
            (", ".join(_plot_label(p) for p in plots), ", ".join(_plot_label_en(p) for p in plots))
            for plots in {a.plots, b.plots}
        )
        against.append(
            Reason(
                f"Khác thửa đất ({' và '.join(vi for vi, _en in each)})",
                f"Different land plots ({' and '.join(en for _vi, en in each)})",
            )
        )
    shared_decisions = sorted(set(a.decisions) & set(b.decisions))
    strong += [
        Reason(f"Cùng quyết định số {number}/QĐ", f"Same decision no. {number}/QĐ")
        for number in (d.split("/")[0] for d in shared_decisions if d.endswith("/qd"))
    ]
    strong += [
        Reason(f"Cùng văn bản số {d.upper()}", f"Same document no. {d.upper()}")
        for d in shared_decisions
        if not d.endswith("/qd")
    ]
    decisions_a = {d for d in a.decisions if d.endswith("/qd")}
    decisions_b = {d for d in b.decisions if d.endswith("/qd")}
    if decisions_a and decisions_b and not decisions_a & decisions_b:
        each_decisions = sorted({", ".join(sorted(decisions_a)), ", ".join(sorted(decisions_b))})
        against.append(
            Reason(
                f"Khác quyết định ({' và '.join(each_decisions).replace('/qd', '/QĐ')})",
                f"Different decisions ({' and '.join(each_decisions).replace('/qd', '/QĐ')})",
            )
        )
    labels_a, labels_b = dict(a.objects), dict(b.objects)
    pairs = _shared_objects(labels_a, labels_b)
    # A letter about compensation for the land a road or a project takes is a household's own claim: beside another
    # household's claim (the plots and decisions decide) or a letter about anything else on that road (its potholes,
    # its trucks), the road or the project is only a landmark.
    if not several_matters and ("boi_thuong" in a.programmes or "boi_thuong" in b.programmes):
        projects = {key for key, other in pairs if _pair_kind(key, other) in PROJECT_KINDS}
    else:
        projects = set()
    shared_objects = [key for key, _other in pairs if key not in projects]
    for key, other in pairs:
        label = min(labels_a[key], labels_b[other], key=lambda text: (len(text), text))
        shown = f"{label[:1].lower()}{label[1:]}"
        (strong if key.split(":")[0] in STRONG_KINDS and key not in projects else weak).append(
            Reason(f"Cùng {shown}", f"Both letters name {shown}")
        )
    labels = _merged(a.labels, b.labels)
    for person in sorted(set(a.people) & set(b.people)):
        name = labels.get(person, _title(person))
        strong.append(Reason(f"Cùng nêu tên {name}", f"Both letters name {name}"))
        shared_objects.append("person:" + person)
    weak += [
        Reason(f"Cùng nêu {_label(labels, v)}", f"Both letters name {_label(labels, v)}")
        for v in sorted(set(a.villages) & set(b.villages))
    ]
    places = len(weak)  # landmarks and villages named by both
    details = sorted(d for d in set(a.details) & set(b.details) if not d.startswith("y:"))
    weak += [_detail_label(d) for d in details]
    # A shared plot or decision outweighs a different one (a letter may name the neighbour's plot too); a shared
    # project or road does not: households of one project each complain about their own plot and decision.
    specific = bool(shared_plots or shared_decisions)
    others = dict(pairs)
    # A farm named like its company is a farm whichever letter names the company.
    kinds = {key: _pair_kind(key, others[key]) for key in others}
    named = [key for key in shared_objects if kinds.get(key, "person") in STRONG_KINDS | {"person"}]
    name_words = frozenset(
        word
        for key in named
        if kinds.get(key) in INSTITUTION_KINDS
        for label in (labels_a[key], labels_b[others[key]])
        for word in expand(fold(label).split())
    )
    return MatterComparison(
        strong=tuple(strong),
        against=() if specific else tuple(against),
        weak=tuple(weak),
        specific=specific,
        only_institutions=bool(named)
        and not specific
        and all(kinds.get(k) in INSTITUTION_KINDS for k in named),
        weak_count=min(1, places) + len(details),
        other_troubles=bool(a.troubles and b.troubles and not set(a.troubles) & set(b.troubles)),
        name_words=name_words,
    )


def object_aliases(key: str) -> set[str]:
    """The keys an object is also known by: a coded road by its number alone ("đường ĐT 307" is "đường 307"); a
    farm, kiln or quarry by its proper name of two words or more, which is its company's ("trại lợn Hưng Phát" is
    "Công ty TNHH Chăn nuôi Hưng Phát", "mỏ đá Tây Bắc" is "Công ty CP Khoáng sản Tây Bắc")."""
    kind, name = key.split(":", 1)
    aliases = {key}
    words = name.split()
    if kind == "road" and len(words) == 2 and any(c.isdigit() for c in words[1]):
        aliases.add(f"road:{words[1]}")
    if kind in OPERATED_KINDS and len(words) >= 2:
        aliases.add(f"operated:{name}")
    return aliases


def canonical_object(key: str) -> str:
    """The one key of an object that every name of it shares (:func:`object_aliases`): what the check looks it up
    by ("road:307", "operated:hung phat")."""
    aliases = object_aliases(key) - {key}
    return min(aliases) if aliases else key


def _pair_kind(key: str, other: str) -> str:
    mine, theirs = key.split(":")[0], other.split(":")[0]
    return theirs if mine in INSTITUTION_KINDS and theirs not in INSTITUTION_KINDS else mine


def _shared_objects(a: dict[str, str], b: dict[str, str]) -> list[tuple[str, str]]:
    """(key in a, key in b) of the objects both letters name, each of a's keys once, in order."""
    pairs = []
    for key in sorted(a):
        mine = object_aliases(key)
        other = next((k for k in sorted(b) if k == key), None) or next(
            (k for k in sorted(b) if mine & object_aliases(k)), None
        )
        if other is not None:
            pairs.append((key, other))
    return pairs


def _merged(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Labels of both letters; of two for one key, the one typed with more diacritics (then the first in order),
    so that the reasons do not depend on which letter is the new one."""
    merged: dict[str, str] = {}
    for key, label in sorted(a + b, key=lambda kl: (kl[0], -sum(not c.isascii() for c in kl[1]), kl[1])):
        merged.setdefault(key, label)
    return merged


def _label(labels: dict[str, str], key: str) -> str:
    """The label as typed, with a lower-case marker ("thôn Gò Gạo", not "Thôn Gò Gạo")."""
    label = labels.get(key, _title(key))
    return (
        label[:1].lower() + label[1:]
        if label.split()[0].lower() in ("thôn", "xóm", "làng", "khu", "xứ", "tổ")
        else label
    )


def _detail_label(detail: str) -> Reason:
    unit, value = detail.split(":")
    if unit == "vnd":
        amount = f"{int(value):,}".replace(",", ".")
        return Reason(f"Cùng số tiền {amount} đồng", f"Same sum of {amount} đồng")
    area = f"{value} {'m²' if unit == 'm2' else unit}"
    return Reason(f"Cùng diện tích {area}", f"Same area of {area}")
