"""The backup archive: one plain tar holding `database/<copy>`, `media/<every uploaded file>` and, last,
`manifest.json` (each member's sha256 and size, the database's vendor, row counts and migrations, the version). Beside
it, `<archive>.sha256` holds the whole archive's checksum in `sha256sum` format.

Reading an archive back starts with `archive_verify`: every member is read and checked against the manifest before
anything is restored, so a corrupt or truncated archive changes nothing."""

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be trusted: `detail` says why (in English, for the log and the operator)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


class _Hashing:
    """A file read through by tarfile while its bytes are hashed: what is stored is what is hashed."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.handle.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ArchiveWriter:
    """Adds members one by one, remembering their checksums; `close(manifest)` writes the manifest last."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.members: dict[str, Member] = {}
        self._tar = tarfile.open(path, "x", format=tarfile.PAX_FORMAT)  # noqa: SIM115 closed by close()/abandon()
        os.chmod(path, 0o640)  # every citizen's data: the site's user and its group only

    def add_file(self, name: str, source: Path) -> Member:
        with open(source, "rb") as handle:
            info = self._tar.gettarinfo(fileobj=handle, arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o640
            reader = _Hashing(handle)
            self._tar.addfile(info, reader)
        if reader.size != info.size:
            raise ArchiveError(f"{source} changed size while it was being archived")
        member = Member(sha256=reader.digest.hexdigest(), size=reader.size)
        self.members[name] = member
        return member

    def close(self, manifest: dict[str, Any]) -> None:
        manifest = {**manifest, "members": {n: vars(m) for n, m in sorted(self.members.items())}}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o640
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        with open(self.path, "rb") as handle:
            os.fsync(handle.fileno())

    def abandon(self) -> None:
        self._tar.close()


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT, as (its name in the archive, its path), in a stable order."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield "media/" + path.relative_to(root).as_posix(), path


def _safe_media_name(name: str) -> PurePosixPath:
    relative = PurePosixPath(name).relative_to("media")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ArchiveError(f"member {name!r} would be written outside MEDIA_ROOT")
    return relative


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def archive_verify(path: Path, *, progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Check the archive end to end and answer its manifest; raise ArchiveError at the first thing wrong."""
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file")
    check = sidecar(path)
    if check.exists():
        expected = check.read_text().split()[0] if check.read_text().split() else ""
        if file_sha256(path) != expected:
            raise ArchiveError(f"the archive's sha256 differs from {check.name}")
        progress(f"sha256 of the whole archive matches {check.name}")
    try:
        with tarfile.open(path, "r:") as tar:
            names = tar.getnames()
            if MANIFEST not in names:
                raise ArchiveError(
                    "manifest.json is missing (the archive is truncated or not a Gần Dân backup)"
                )
            handle = tar.extractfile(MANIFEST)
            assert handle is not None
            manifest = json.loads(handle.read())
            if manifest.get("format") != FORMAT:
                raise ArchiveError(f"unknown archive format {manifest.get('format')!r}")
            listed: dict[str, dict[str, Any]] = manifest["members"]
            extra = set(names) - set(listed) - {MANIFEST}
            if extra:
                raise ArchiveError(f"members not in the manifest: {sorted(extra)[:5]}")
            for name, expected_member in listed.items():
                if name not in names:
                    raise ArchiveError(f"{name} is listed in the manifest but missing")
                if name.startswith("media/"):
                    _safe_media_name(name)
                member = tar.extractfile(name)
                if member is None:
                    raise ArchiveError(f"{name} is not a regular file")
                digest, size = hashlib.sha256(), 0
                while chunk := member.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                if size != expected_member["size"] or digest.hexdigest() != expected_member["sha256"]:
                    raise ArchiveError(f"{name} does not match its checksum")
            progress(f"{len(listed)} members match their sha256")
            return manifest
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as error:
        raise ArchiveError(f"unreadable archive ({error.__class__.__name__}: {error})") from error


def archive_extract_member(path: Path, name: str, target: Path) -> None:
    with tarfile.open(path, "r:") as tar:
        source = tar.extractfile(name)
        assert source is not None
        with open(target, "wb") as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)


def archive_extract_media(path: Path, media_root: Path, names: list[str]) -> int:
    """Write the archive's uploaded files under MEDIA_ROOT (each through a temporary name, then renamed)."""
    count = 0
    with tarfile.open(path, "r:") as tar:
        for name in names:
            target = media_root / _safe_media_name(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(name)
            assert source is not None
            staged = target.with_name(target.name + ".restoring")
            with open(staged, "wb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
            os.replace(staged, target)
            count += 1
    return count
