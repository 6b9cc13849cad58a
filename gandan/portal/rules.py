"""The address of a commune's portal: its name as a slug ("Xã Sông Lô" → "song-lo"), without Django."""

import re

# The kind words a commune's official name starts with; the slug leaves them out ("xã", "phường", "đặc khu").
KIND_WORDS = ("xa", "phuong", "dac khu")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def commune_slug(folded_name: str) -> str:
    """The slug of a commune's folded name (`vntext.fold`): its kind word dropped, every run of other characters
    a dash. "xa song lo" → "song-lo", "phuong ea h'leo" → "ea-h-leo"."""
    name = folded_name.strip()
    for word in KIND_WORDS:
        if name.startswith(word + " "):
            name = name[len(word) + 1 :]
            break
    return _NOT_SLUG.sub("-", name).strip("-")


def slug_names(slug: str) -> list[str]:
    """The folded names a slug may stand for, kind word included: "song-lo" → "song lo", "xa song lo", …"""
    words = slug.replace("-", " ").strip()
    return [words, *(f"{word} {words}" for word in KIND_WORDS)]


def parse_hosts(value: str) -> dict[str, str]:
    """GANDAN_PORTAL_HOSTS: "songlo.phutho.gov.vn=08848, haiuu.phutho.gov.vn=08824" → {host: official code}.
    Host names are compared in lower case, without a port; a malformed pair is a configuration error."""
    hosts: dict[str, str] = {}
    for pair in value.split(","):
        if not pair.strip():
            continue
        host, sep, code = pair.partition("=")
        if not sep or not host.strip() or not code.strip():
            raise ValueError(f"GANDAN_PORTAL_HOSTS: expected host=code, got {pair.strip()!r}")
        hosts[host.strip().lower()] = code.strip()
    return hosts
