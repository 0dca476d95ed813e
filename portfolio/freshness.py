"""No-change rebuilds (issue 12, item 10): leave ``site/`` alone when nothing it is made from changed.

A build stores, in ``site/.portfolio-cache/inputs.json``, the hash of every input (:func:`inputs_key`),
the list of the files it wrote with their ``stat`` (so a site edited or damaged by hand is rebuilt), and
how many warnings it printed (so an unchanged build still ends with the same hint; the words stay out of
the site). Like every cache, this file is the machine's own: inode numbers and times, not the record. The next build computes the key again
before loading anything; when it matches and every file of the site is still the one written, there is
nothing to do.

The inputs: every file under ``content/`` and ``themes/`` (the built-in theme is part of the code), the
as-of date, the generation time a build with the PDF carries (SOURCE_DATE_EPOCH exactly, else the UTC
date — as in ``portfolio.pdf.cache``), the options (``pdf``, ``keep_pdf``), the git commit the record's history is read
from, and the software: the bytes of every file of this package, the Python and library versions.
An encrypted build never takes this path (every build seals with a fresh salt).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

STAMP = ".portfolio-cache/inputs.json"
UP_TO_DATE = "is up to date (inputs unchanged since the last build)"

# A file whose ctime is less than RACY seconds old when it is hashed has its bytes hashed too. Otherwise
# its stat is its fingerprint: (inode, size, mtime_ns, ctime_ns). Why that is exact: a write to a file (or
# a rename over it, a chmod, a touch) always sets its ctime to the current time, and no program can set a
# ctime back. So a file that changed after it was fingerprinted has a new ctime — unless the change fell in
# the same tick of the file system's clock as the previous one (ext4 and others use a coarse clock of a few
# milliseconds; FAT keeps 2-second times). A file that was last changed at least RACY seconds before the
# fingerprint is past that tick: any later change shows. A file changed more recently is fingerprinted by
# its bytes (and a fingerprint made one way never equals one made the other, so switching methods only
# rebuilds). Hashing every byte instead would be exact too, but a career's scanned certificates are
# gigabytes; stat costs the same for any size. (Git decides "racily clean" index entries the same way.)
RACY = 3.0

# What the build's output depends on besides portfolio itself.
LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown",
    "nh3",
    "pyyaml",
    "icalendar",
    "weasyprint",
    "pydyf",
    "pypdf",
    "pillow",
    "cryptography",
)


def walk(folder: Path) -> list[tuple[str, str]]:
    """(relative POSIX path, path) of every entry under ``folder`` that is not a folder, sorted; .git skipped.

    Plain strings and os.scandir: at 10,000 files, pathlib's objects cost more than the system calls.
    """
    found: list[tuple[str, str]] = []
    stack = [(os.fspath(folder), "")]
    while stack:
        base, prefix = stack.pop()
        try:
            entries = list(os.scandir(base))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            rel = prefix + entry.name
            # links to folders are not followed: listed as entries, like files
            if entry.is_dir(follow_symlinks=False):
                if entry.name != ".git":
                    stack.append((entry.path, rel + "/"))
            else:
                found.append((rel, entry.path))
    found.sort()
    return found


def _fingerprint(path: str, now: float) -> str:
    """The file's stat (and, for a link, where it leads), or its bytes when it changed in the last RACY s."""
    try:
        info = link = os.lstat(path)
        words = [
            f"l{link.st_mode:o}:{link.st_ino}:{link.st_size}:{link.st_mtime_ns}:{link.st_ctime_ns}"
        ]
        if stat.S_ISLNK(link.st_mode):
            words.append("->" + os.readlink(path))
            info = os.stat(path)  # the file the link leads to
            words.append(
                f"s{info.st_mode:o}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            )
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    changed = max(link.st_ctime_ns, info.st_ctime_ns, link.st_mtime_ns, info.st_mtime_ns) / 1e9
    if now - changed < RACY and stat.S_ISREG(
        info.st_mode
    ):  # never open a FIFO or a device: it may block
        try:
            with open(path, "rb") as file:
                words.append("bytes:" + hashlib.file_digest(file, "sha256").hexdigest())
        except OSError as exc:
            words.append(f"unreadable:{exc.errno}")
    return " ".join(words)


def _code_files() -> list[tuple[str, Path]]:
    package = Path(__file__).parent
    return [(rel, Path(path)) for rel, path in walk(package) if "__pycache__" not in rel]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def library_versions(libraries: Iterable[str]) -> dict[str, str]:
    """Each library's installed version ("missing" when it is not installed): read from the names of the
    ``NAME-VERSION.dist-info`` folders on sys.path (the first one wins, as for an import), which is what
    importlib.metadata reads too, without the ~25 ms its import costs every build; a library installed
    another way is asked of importlib.metadata."""
    wanted = {_canonical(name): name for name in libraries}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if not folder.endswith(".dist-info"):
                continue
            dist, _, version = folder[: -len(".dist-info")].partition("-")
            name = wanted.get(_canonical(dist))
            if name is not None and version and name not in found:
                found[name] = version
    for name in wanted.values():
        if name not in found:
            from importlib import metadata

            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                found[name] = "missing"
    return found


def _versions() -> str:
    """Python's version and each library's the output depends on."""
    found = library_versions(LIBRARIES)
    return "\n".join([sys.version, *(f"{name} {found[name]}" for name in LIBRARIES)])


def _git_head(content: Path) -> str:
    """The commit the history is read from: its log of content/activities depends on nothing else (the
    uncommitted changes it also reads are the files, hashed above). Read from the repository's files, not by
    running git (the build runs git exactly twice, whatever the size of the record). Anything unexpected
    gives a value that never matches, so the build is a full one."""
    for folder in (content, *content.parents):
        dotgit = folder / ".git"
        if dotgit.exists():
            break
    else:
        return "no repository"
    try:
        gitdir = dotgit
        if dotgit.is_file():  # a worktree or submodule: "gitdir: PATH"
            gitdir = (
                folder / dotgit.read_text(encoding="utf-8").split(":", 1)[1].strip()
            ).resolve()
        common = gitdir
        if (gitdir / "commondir").is_file():
            common = (gitdir / (gitdir / "commondir").read_text(encoding="utf-8").strip()).resolve()
        head = (gitdir / "HEAD").read_text(encoding="utf-8").strip()
        commit = head
        if head.startswith("ref: "):
            ref = head[5:].strip()
            loose = next((d / ref for d in (gitdir, common) if (d / ref).is_file()), None)
            if loose is not None:
                commit = loose.read_text(encoding="utf-8").strip()
            else:
                packed = common / "packed-refs"
                lines = packed.read_text(encoding="utf-8").splitlines() if packed.is_file() else []
                commit = next((ln.split()[0] for ln in lines if ln.endswith(" " + ref)), "unborn")
        return f"{dotgit.resolve()} {head} {commit}"
    except (OSError, UnicodeDecodeError, IndexError):
        return "unreadable " + os.urandom(16).hex()


def inputs_key(
    root: Path,
    today: dt.date,
    generated: dt.datetime,
    options: dict[str, object],
    software: str | None = None,
) -> str:
    """SHA-256 of everything a build's site depends on (see the module's docstring); ``software``:
    software_key(), when the caller has it already."""
    from portfolio import clock

    now = time.time()
    digest = hashlib.sha256()

    def part(label: str, text: str) -> None:
        data = text.encode("utf-8", "surrogateescape")  # a file name need not be UTF-8
        digest.update(f"{label}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)

    for folder in ("content", "themes"):
        for rel, path in walk(root / folder):
            part(f"{folder}/{rel}", _fingerprint(path, now))
    part("as-of", today.isoformat())
    if options.get("pdf"):  # only the PDF carries a generation time; the pages show the as-of date
        epoch = clock.source_date_epoch()
        at = generated.astimezone(dt.UTC)
        part("generated", at.isoformat() if epoch is not None else at.date().isoformat())
    part("options", json.dumps(options, sort_keys=True))
    part("git", _git_head(root / "content"))
    part("software", software or software_key())
    return digest.hexdigest()


def software_key() -> str:
    """SHA-256 of the software a build runs: every file of this package, and Python's and the libraries'
    versions."""
    digest = hashlib.sha256()
    for rel, path in _code_files():
        digest.update(f"code/{rel}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\0".encode())
    digest.update(_versions().encode())
    return digest.hexdigest()


def site_fingerprint(info: os.stat_result) -> str:
    """A site file as the stamp knows it: any write, rename over it or new link changes its ctime."""
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def site_files(site: Path) -> dict[str, str]:
    """Relative path → stat of every file in a site folder but the stamp itself."""
    return {rel: site_fingerprint(os.lstat(path)) for rel, path in walk(site) if rel != STAMP}


def stamp_text(key: str, site: Path, warnings: int, keys: dict[str, str] | None = None) -> str:
    """The stamp for a site folder whose every other file is written; ``keys``: what each file was made
    from (portfolio.reuse), so the next build may keep it."""
    return json.dumps(
        {"inputs": key, "warnings": warnings, "files": site_files(site), "keys": keys or {}},
        sort_keys=True,
    )


def read_stamp(site: Path) -> dict[str, Any] | None:
    """The stamp the last build left in ``site`` (None when there is none, or it is not a JSON object)."""
    try:
        stored = json.loads((site / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) else None


def unchanged(site: Path, key: str, stored: dict[str, Any] | None) -> int | None:
    """The last build's warning count when ``site`` was built from inputs ``key`` and is as it left it;
    ``stored``: its stamp (read_stamp)."""
    if stored is None or stored.get("inputs") != key:
        return None
    if stored.get("files") != site_files(site):
        return None
    warnings = stored.get("warnings")
    return warnings if isinstance(warnings, int) and warnings >= 0 else None
