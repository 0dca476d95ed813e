"""Write stage: put a built site in place of the previous one, whole or not at all.

The files a build made (Output: bytes in memory, certificates to copy, files of the previous
site to keep) go into a sibling temporary folder that replaces the output folder only when every byte is
written, so a failed build leaves the previous site exactly as it was. One build writes a folder at a time
(a lock on its parent); what killed builds left beside it is cleaned or, for a site left aside, brought back.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from portfolio import freshness, progress, reuse
from portfolio.errors import RecordError
from portfolio.model import open_no_link

MARKER = ".portfolio-site"
MARKER_TEXT = (
    "This folder is written by 'portfolio build' and replaced on every build. Do not edit it.\n"
)


@dataclass
class Output:
    """The files of a site, gathered in memory before anything is written."""

    files: dict[str, bytes] = field(default_factory=dict)  # site-relative POSIX path → bytes
    copies: dict[str, Path] = field(default_factory=dict)  # site-relative POSIX path → source file
    # site-relative path → (SHA-256 the pages and exports state, the file as the user knows it): the copy is
    # checked against it, so the bytes published are the bytes hashed
    digests: dict[str, tuple[str, str]] = field(default_factory=dict)
    summary_parts: list[str] = field(
        default_factory=list
    )  # extra words for the summary ("PDF 3 pages")
    page_count: int | None = None  # set when the files are no longer the pages (encrypted shells)
    # site-relative path → the previous site's file, kept because its key did not change (portfolio.reuse)
    reused: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # (file, its stat in the stamp)
    keys: dict[str, str] = field(
        default_factory=dict
    )  # site-relative path → what the file is made from

    def add(self, path: str, data: str | bytes) -> None:
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data

    @property
    def pages(self) -> int:
        if self.page_count is not None:
            return self.page_count
        return sum(1 for p in (*self.files, *self.reused) if p.endswith(".html"))


def check_output_folder(root: Path, out: Path) -> None:
    """Refuse an output folder that would destroy something: the record itself, or a folder we did not make."""
    out_r, root_r, content_r = out.resolve(), root.resolve(), (root / "content").resolve()
    if out_r == root_r or content_r.is_relative_to(out_r) or out_r.is_relative_to(content_r):
        raise RecordError.single(
            str(out), 0, "the output folder must not contain or be inside content/; use site/"
        )
    if out_r == Path(out_r.anchor) or out_r == Path.home().resolve():
        raise RecordError.single(
            str(out), 0, "refusing to build into a root or home folder; use site/"
        )
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise RecordError.single(
                str(out), 0, "the output path exists and is not a folder; refusing to replace it"
            )
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise RecordError.single(
                str(out),
                0,
                f"refusing to replace a folder that 'portfolio build' did not create (no {MARKER} marker); "
                "choose an empty or new folder",
            )


LOCK_WAIT = 60.0  # seconds a build waits for another one to finish writing the same site


def write_atomically(
    out: Path,
    output: Output,
    before_swap: Callable[[], None] | None = None,
    stamp: tuple[str, int] | None = None,
) -> None:
    """Write every file into a temporary sibling folder, then swap it in place of ``out``.

    Under a lock on the parent folder (one build writes a site at a time). Folders that killed builds left
    beside ``out`` are cleaned first, and a site a crash left aside comes back. Where the system can exchange
    two folders in one step (Linux renameat2, macOS renamex_np), ``out`` is whole at every instant.
    ``stamp``: (inputs key, warning count) for the next build to see that nothing changed (portfolio.freshness).
    """
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out):
        recover(out)
        _refuse_read_only(out)
        # Every file to keep is still as the stamp recorded, or none is linked: linking one (and removing
        # the folder after a failure) changes its status, so the next attempt could not keep it.
        for path, fingerprint in output.reused.values():
            if not reuse.as_stamped(path, fingerprint):
                raise reuse.Stale(str(path))
        tmp = _fresh_folder(parent / f".{out.name}.building-{os.getpid()}")
        try:
            (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            made: set[str] = {""}
            count = len(output.files) + len(output.copies) + len(output.reused)
            progress.stage("write", count, "files")
            for rel, data in sorted(output.files.items()):
                with open(_target(tmp, rel, made), "wb") as handle:
                    handle.write(data)
                progress.advance()
            for rel, source in sorted(output.copies.items()):
                _copy(source, _target(tmp, rel, made), output.digests.get(rel))
                progress.advance()
            for rel, kept in sorted(output.reused.items()):
                _keep(kept, _target(tmp, rel, made))
                progress.advance()
            if before_swap:
                before_swap()
            _swap(tmp, out)
        except BaseException:
            if not out.exists() and _ours(parent / f".{out.name}.old-{os.getpid()}"):
                os.rename(parent / f".{out.name}.old-{os.getpid()}", out)
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # ``tmp`` now holds the previous site (or nothing): remove it, and say so if it will not go.
        _remove(tmp)
        _remove(parent / f".{out.name}.old-{os.getpid()}")
        if stamp is not None:
            # Last: removing the previous site changes the ctime of every file it shared with this one (a
            # link count is part of a file's status). Until the stamp is there, the next build is a full one.
            text = freshness.stamp_text(stamp[0], out, stamp[1], output.keys)
            target = out / freshness.STAMP
            target.parent.mkdir(exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out``; afterwards ``new`` holds the previous site, if there was one."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    # No atomic exchange here: two renames, with a moment between them that `recover` repairs after a crash.
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)
    os.rename(new, out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call; False where the system or file system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux"):
            call = libc.renameat2
            at_fdcwd, rename_exchange = -100, 2
            result = call(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
        elif sys.platform == "darwin":
            call = libc.renamex_np
            result = call(os.fsencode(a), os.fsencode(b), 0x2)  # RENAME_SWAP
        else:
            return False
    except (AttributeError, OSError):  # no such call in this C library
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out``'s parent folder; wait up to LOCK_WAIT for another build."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds are not serialized there
        yield
        return
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RecordError.single(str(out), 0, _other_build(out)) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock


def _other_build(out: Path) -> str:
    pids = sorted(
        p.name.rsplit("-", 1)[-1].split(".")[0]
        for p in out.parent.glob(f".{out.name}.building-*")
        if p.is_dir()
    )
    who = f" (process {', '.join(pids)})" if pids else ""
    return (
        f"another build{who} is writing this folder and did not finish within {LOCK_WAIT:g} s;"
        " wait for it (or stop it) and build again"
    )


def recover(out: Path) -> None:
    """Undo what killed builds left beside ``out``: bring back a site left aside, remove half-built ones.

    Only folders this program made (they carry the marker, or are empty) are touched. Call under the lock.
    """
    leftovers = [
        p
        for pattern in (f".{out.name}.old-*", f".{out.name}.building-*")
        for p in out.parent.glob(pattern)
        if p.is_dir() and not p.is_symlink() and _ours(p)
    ]
    if not out.exists():
        aside = [p for p in leftovers if ".old-" in p.name and (p / MARKER).is_file()]
        if aside:
            newest = max(aside, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out)
            leftovers.remove(newest)
    for path in leftovers:
        _remove(path)


def _fresh_folder(path: Path) -> Path:
    """Make ``path`` (or ``path.1``, ``path.2`` …, when a folder that is not ours already holds the name: a
    reused process number) and return it; never writes into a folder it did not make."""
    for n in range(1000):
        candidate = path if n == 0 else path.with_name(f"{path.name}.{n}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise RecordError.single(str(path), 0, "too many half-built sites beside this one; delete them")


def _ours(path: Path) -> bool:
    try:
        return (path / MARKER).is_file() or not any(path.iterdir())
    except OSError:
        return False


def _remove(path: Path) -> None:
    """Delete a folder of ours; if it will not go, say so (it would otherwise stay unnoticed)."""
    if not path.exists():
        return
    problems: list[str] = []
    shutil.rmtree(path, onerror=lambda _f, p, exc: problems.append(f"{p}: {exc[1]}"))
    if problems:
        print(
            f"warning: could not remove {path} ({problems[0]}); delete it by hand",
            file=sys.stderr,
        )


def _refuse_read_only(out: Path) -> None:
    """A site folder (or a folder in it) that cannot be written is the user's choice: an error, not a bypass."""
    if not out.is_dir():
        return
    folders = (
        Path(folder) for folder, _dirs, _files in os.walk(out)
    )  # links to folders not followed
    locked = next((p for p in folders if not os.access(p, os.W_OK | os.X_OK)), None)
    if locked is not None:
        shown = locked.relative_to(out.parent).as_posix()
        raise RecordError.single(
            str(out),
            0,
            f"{shown} is read-only, so the build cannot replace it; make it writable"
            f" (chmod -R u+w {out.name}) or remove it, then build again",
        )


def _copy(source: Path, target: Path | str, expected: tuple[str, str] | None) -> None:
    """Copy through a descriptor that does not follow a link; check the bytes against ``expected``'s hash."""
    shown = expected[1] if expected else str(source)
    digest = hashlib.sha256()
    try:
        with open_no_link(source) as src, open(target, "xb") as dst:
            for block in iter(lambda: src.read(1 << 20), b""):
                digest.update(block)
                dst.write(block)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.EINVAL, errno.ENOENT, errno.EMLINK):
            raise
        raise RecordError.single(
            shown,
            0,
            "changed while the build was reading it (it is a link or gone now); build again",
        ) from None
    if expected and digest.hexdigest() != expected[0]:
        raise RecordError.single(
            shown, 0, "changed while the build was reading it (its SHA-256 differs); build again"
        )


def _keep(kept: tuple[Path | str, str], target: Path | str) -> None:
    """The previous site's file ``kept`` into the new site: a hard link (no bytes move), else a copy.

    Its status is checked again just before (write_atomically checked every kept file before linking the
    first): a file changed or gone since (someone edited it) is not published; reuse.Stale makes the build
    render again, keeping only the files still as stamped.
    """
    path, fingerprint = kept
    if not reuse.as_stamped(path, fingerprint):
        raise reuse.Stale(str(path))
    try:
        os.link(path, target, follow_symlinks=False)
        return
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
    with open_no_link(path) as src, open(target, "xb") as dst:
        shutil.copyfileobj(src, dst)


def _target(base: Path, rel: str, made: set[str]) -> str:
    """Where ``rel`` goes under ``base``, its folder made (``made``: the folders below ``base`` made so far).
    Strings, not Paths: a one-edit rebuild links thousands of files."""
    folder = rel.rpartition("/")[0]
    if folder not in made:
        os.makedirs(os.path.join(base, folder), exist_ok=True)
        made.add(folder)
    return os.path.join(base, rel)
