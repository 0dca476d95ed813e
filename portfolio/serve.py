"""`portfolio serve`: build site/, serve it on 127.0.0.1 only, rebuild on every change to content/ or themes/.

A change that breaks the record (or a theme) is reported as ``path:line: error: message`` and the last good
site keeps being served: the build is atomic, so site/ is only ever replaced by a complete, valid build.
The preview skips the PDF transcript to stay fast; ``portfolio build`` makes it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path

import jinja2

from portfolio import clock, publish, site
from portfolio.errors import RecordError

HOST = "127.0.0.1"  # never 0.0.0.0: the record is private
LOOPBACK_NAMES = {HOST, "localhost"}


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the site folder, never cached (each reload shows the latest build), no access log."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - the stdlib's signature (a file object or None)
        # A web page can point its own host name at 127.0.0.1 (DNS rebinding) and read the record through this
        # server: answer only requests addressed to the loopback name or address itself.
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in {f"{name}:{port}" for name in LOOPBACK_NAMES} | LOOPBACK_NAMES:
            self.send_error(
                421, "Misdirected Request", f"This preview answers only http://{HOST}:{port}/"
            )
            return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def rebuild(root: Path, out: Path, as_of: str | None) -> bool:
    """Build once; on a user's mistake print it and return False (the previous site stays in place)."""
    try:
        result = site.build(root, out, as_of, pdf=False, keep_pdf=True, reuse=True)
    except RecordError as exc:
        for d in exc.diagnostics:
            print(d, file=sys.stderr, flush=True)
        print("Build failed; still serving the last good site.", file=sys.stderr, flush=True)
        return False
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "theme"
        line = getattr(exc, "lineno", None) or 0
        print(f"{where}:{line}: error: {exc.message or exc}", file=sys.stderr, flush=True)
        print("Build failed; still serving the last good site.", file=sys.stderr, flush=True)
        return False
    except Exception:  # a real bug: show it, but keep the preview alive for the next edit
        traceback.print_exc()
        print("Build failed; still serving the last good site.", file=sys.stderr, flush=True)
        return False
    print(result.summary(), flush=True)
    return True


def watched(root: Path) -> list[Path]:
    return [p for p in (root / "content", root / "themes") if p.is_dir()]


def serve(root: Path, port: int, as_of: str | None, stop: threading.Event | None = None) -> int:
    """Serve ``root/site`` on 127.0.0.1:``port`` and rebuild on changes until ``stop`` is set or Ctrl+C."""
    import watchfiles

    out = root / "site"
    clock.today(
        as_of
    )  # a malformed --as-of is a usage mistake, reported once, not on every rebuild
    if not (root / "content").is_dir():
        raise RecordError.single(
            str(root / "content"), 0, "no record here: run 'portfolio init' or pass --root"
        )
    publish.check_output_folder(root, out)
    rebuild(root, out, as_of)
    handler = functools.partial(PreviewHandler, directory=str(out))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:  # in use, or below 1024 without the right to it
        raise RecordError.single(
            "--port",
            0,
            f"cannot listen on {HOST}:{port} ({exc.strerror or exc}); choose another port",
        ) from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(
        f"Serving {out} at http://{HOST}:{server.server_address[1]}/ "
        f"(watching {', '.join(str(p) for p in watched(root))}); Ctrl+C to stop",
        flush=True,
    )
    try:
        changes_seen = watchfiles.watch(
            *watched(root), stop_event=stop, debounce=300, watch_filter=record_files
        )
        for changes in changes_seen:
            names = _names(changes, root)
            print(f"Changed: {names}; rebuilding", flush=True)
            rebuild(root, out, as_of)
    finally:
        server.shutdown()
        server.server_close()
    return 0


def record_files(change: object, path: str) -> bool:
    """Changes worth a rebuild: not editors' temporary files (hidden, backup, swap, or sed's 'sedXXXXXX')."""
    name = Path(path).name
    if name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak")):
        return False
    return (
        "." in name
    )  # record and theme files have a suffix; 'sed -i' and some editors write bare temp names


def _names(changes: Iterable[tuple[object, str]], root: Path) -> str:
    paths = sorted({Path(p) for _, p in changes})
    shown = []
    for p in paths[:3]:
        try:
            shown.append(p.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            shown.append(str(p))
    return ", ".join(shown) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def command(args: argparse.Namespace) -> int:
    # Rebuilds run beside the HTTP server's thread: render serially, never fork a threaded process.
    os.environ["PORTFOLIO_JOBS"] = "1"
    return serve(args.root, args.port, args.as_of)
