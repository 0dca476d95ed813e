"""Encrypt stage: turn the site gathered in memory into unlock shells that only the passphrase opens.

One key per build: PBKDF2-HMAC-SHA256 (600,000 iterations, a random 16-byte salt) turns the passphrase into a
32-byte master key; two subkeys come from it with HMAC-SHA256 — one for AES-256-GCM, one that names files.
Every file (page, certificate, PDF, export, calendar) is sealed on its own: a random 12-byte nonce, and the
file's own published name bound as associated data, so a swapped or edited file fails to open. What is sealed
is ``4-byte length | JSON header (original path, type, download name) | the file's exact bytes``.

Published names are opaque (``<20 hex>.html``, an HMAC of the original path under the naming key), so the
browser, holding the key, can turn each link of a decrypted page into the name of its target. ``index.html``
keeps its name (it is the entry point), ``robots.txt`` and the theme's ``static/`` files stay plain (they hold
nothing of the record), and the build's caches (which hold rendered notes) are left out.

The browser side is ``portfolio/unlock/unlock.js``; it derives the same keys with WebCrypto.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from posixpath import normpath
from urllib.parse import unquote

from portfolio.errors import RecordError

ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256 (2023)
SALT_BYTES = 16
NONCE_BYTES = 12
MIN_LENGTH = 12
NAME_HEX = 20  # 80 bits of HMAC per published name: collisions are checked anyway
ENV = "PORTFOLIO_PASSPHRASE"
CHECK_TEXT = b"portfolio key check"
CHECK_AAD = "portfolio key check"
AES_LABEL = b"portfolio aes-256-gcm key"
NAMES_LABEL = b"portfolio file names"
SHARE_AAD = "share"  # a share file's page: its own name is whatever the sender calls it
GENERATE_HINT = 'python3 -c "import secrets; print(secrets.token_urlsafe(24))"'

# Published as they are: the entry point, the robots file and the theme's assets (no record data in them).
PLAIN = ("robots.txt",)
PLAIN_PREFIX = "static/"

TYPES = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".json": "application/json",
    ".csv": "text/csv",
    ".ics": "text/calendar",
}


# ------------------------------------------------------------------------------------------ passphrase


def check_passphrase(passphrase: str, source: str) -> str:
    """Return the passphrase if it is long enough; else a RecordError that says how to make a strong one."""
    if len(passphrase) < MIN_LENGTH:
        raise RecordError.single(
            source,
            0,
            f"the passphrase is too short ({len(passphrase)} characters; at least {MIN_LENGTH} are needed, "
            f"and longer is safer). A strong one, printed once for you to keep in a password manager: "
            f"{GENERATE_HINT}",
        )
    return passphrase


def ask_passphrase(what: str = "the site") -> str:
    """The passphrase from PORTFOLIO_PASSPHRASE, else asked twice on the terminal (never echoed or logged)."""
    given = os.environ.get(ENV)
    if given is not None:
        return check_passphrase(given, ENV)
    import getpass

    try:
        first = getpass.getpass(f"Passphrase for {what} (at least {MIN_LENGTH} characters): ")
        check_passphrase(first, "passphrase")
        again = getpass.getpass("The same passphrase again: ")
    except EOFError:
        raise RecordError.single(
            "passphrase", 0, f"no passphrase was given; type it when asked, or set {ENV}"
        ) from None
    if again != first:
        raise RecordError.single(
            "passphrase", 0, "the two passphrases differ; nothing was written. Try again"
        )
    return first


# ----------------------------------------------------------------------------------------------- keys


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def derive_master(passphrase: str, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    """PBKDF2-HMAC-SHA256 of the NFC-normalized passphrase: the 32-byte master key (browser: the same)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    text = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(text)


@dataclass
class Keys:
    """The keys of one build (or one share file), derived once."""

    salt: bytes
    iterations: int
    master: bytes
    aes: bytes = field(init=False, repr=False)
    names: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.aes = hmac.new(self.master, AES_LABEL, hashlib.sha256).digest()
        self.names = hmac.new(self.master, NAMES_LABEL, hashlib.sha256).digest()

    @classmethod
    def new(cls, passphrase: str, iterations: int = ITERATIONS) -> Keys:
        salt = secrets.token_bytes(SALT_BYTES)
        return cls(salt, iterations, derive_master(passphrase, salt, iterations))

    def name(self, path: str) -> str:
        """The opaque published name of an original site path (``index.html`` keeps its own)."""
        if path == "index.html":
            return path
        digest = hmac.new(self.names, path.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:NAME_HEX] + ".html"

    def seal(self, data: bytes, aad: str) -> bytes:
        """nonce | AES-256-GCM ciphertext and tag."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + AESGCM(self.aes).encrypt(nonce, data, aad.encode("utf-8"))

    def open(self, sealed: bytes, aad: str) -> bytes:
        """The plaintext, or cryptography's InvalidTag for a wrong key, a wrong name or a damaged file."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        return AESGCM(self.aes).decrypt(nonce, body, aad.encode("utf-8"))

    def check(self) -> bytes:
        """A small sealed constant: the browser tells a wrong passphrase from a damaged file with it."""
        return self.seal(CHECK_TEXT, CHECK_AAD)


def envelope(path: str, data: bytes) -> bytes:
    """What is sealed for one file: its header (original path, type, download name), then its bytes.

    Text (pages, JSON, CSV, calendar) is deflated first, a fifth of its size: every page's ciphertext is
    written into the page in base64, and bytes written are most of an encrypted build's extra time.
    PDF and images are compressed already and go as they are.
    """
    suffix = PurePosixPath(path).suffix.lower()
    kind = TYPES.get(suffix, "application/octet-stream")
    header: dict[str, object] = {"path": path, "type": kind, "name": PurePosixPath(path).name}
    if kind.startswith("text/") or kind == "application/json":
        packer = zlib.compressobj(
            6, zlib.DEFLATED, -15
        )  # raw deflate: DecompressionStream("deflate-raw")
        data = packer.compress(data) + packer.flush()
        header["deflate"] = True
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return len(head).to_bytes(4, "big") + head + data


def unwrap(plain: bytes) -> tuple[dict[str, str], bytes]:
    """The header and the exact bytes of an opened envelope."""
    size = int.from_bytes(plain[:4], "big")
    header = json.loads(plain[4 : 4 + size].decode("utf-8"))
    body = plain[4 + size :]
    if header.get("deflate"):
        body = zlib.decompress(body, -15)
    return header, body


# --------------------------------------------------------------------------------------------- shells


@cache
def _asset(name: str) -> str:
    return resources.files("portfolio").joinpath("unlock", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + _b64(hashlib.sha256(text.encode("utf-8")).digest()) + "'"


def _compact(script: str) -> str:
    """The script without indentation, blank lines and whole-line comments (the same code, a quarter
    smaller: it is repeated in every page). Lines are kept, so no statement changes meaning."""
    lines = (line.strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


@cache
def _shell_parts(mode: str) -> tuple[str, str]:
    """The shell page before and after its payload, with the Content-Security-Policy filled in."""
    script = _compact(_asset("unlock.js"))
    style = _asset("unlock.css") + (_asset("share.css") if mode == "share" else "")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; "
        f"style-src 'self' {_csp_hash(style)}; "
        "img-src 'self' blob:; "
        "base-uri 'none'; form-action 'none'; object-src 'none'"
    )
    page = (
        _asset("shell.html")
        .replace("{{CSP}}", csp)
        .replace("{{STYLE}}", style)
        .replace("{{SCRIPT}}", script)
    )
    before, after = page.split("{{PAYLOAD}}")
    return before, after


@dataclass
class Shell:
    """The unlock shell's fixed header for one build or share file."""

    keys: Keys
    mode: str  # "site" or "share"
    lock: str = field(init=False)

    def __post_init__(self) -> None:
        header = {
            "v": 1,
            "mode": self.mode,
            "kdf": "PBKDF2-HMAC-SHA256",
            "iterations": self.keys.iterations,
            "salt": _b64(self.keys.salt),
            "check": _b64(self.keys.check()),
        }
        self.lock = json.dumps(header, sort_keys=True)

    def page(self, main: bytes, embeds: Mapping[str, bytes] = {}) -> str:  # noqa: B006 - read only
        """One shell: the sealed main file and sealed embedded files (by published name), in base64."""
        before, after = _shell_parts(self.mode)
        parts = [
            before,
            f'<script type="application/json" id="portfolio-lock">{self.lock}</script>\n',
            f'<script type="application/octet-stream" id="portfolio-data">{_b64(main)}</script>\n',
        ]
        for name, sealed in sorted(embeds.items()):
            parts.append(
                f'<script type="application/octet-stream" class="portfolio-embed" data-name="{name}">'
                f"{_b64(sealed)}</script>\n"
            )
        parts.append(after)
        return "".join(parts)


# ------------------------------------------------------------------------------------------- the site

_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"#?]+)"', re.IGNORECASE)


def _resolve(page: str, href: str) -> str | None:
    """The site path a relative link of ``page`` points at, or None when it leaves the site."""
    if ":" in href.split("/", 1)[0] or href.startswith("/"):
        return None
    joined = normpath(str(PurePosixPath(page).parent / unquote(href)))
    return None if joined.startswith("..") else joined


def published(path: str) -> bool:
    """True for a file the encrypted site publishes as it is."""
    return path in PLAIN or path.startswith(PLAIN_PREFIX)


def hidden_cache(path: str) -> bool:
    """Build caches (rendered notes, PDF input hashes): never published in an encrypted site."""
    return any(part.startswith(".") for part in path.split("/"))


def seal_site(
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    passphrase: str,
    expected: Mapping[str, str] | None = None,
) -> tuple[dict[str, bytes], dict[str, Path]]:
    """The encrypted site: (files, copies) as the write stage takes them. Derives the key once.

    ``expected``: site path → SHA-256 of copied files (certificates); a file that no longer matches (changed
    while the site was being built) is an error, never sealed silently.
    """
    keys = Keys.new(passphrase)
    shell = Shell(keys, "site")
    contents: dict[str, bytes] = dict(files)
    for rel, source in copies.items():
        if not published(rel):
            data = source.read_bytes()
            want = (expected or {}).get(rel)
            if want and hashlib.sha256(data).hexdigest() != want:
                raise RecordError.single(
                    str(source), 0, "changed while the site was being built; build again"
                )
            contents[rel] = data
    out_files: dict[str, bytes] = {}
    out_copies = {rel: src for rel, src in copies.items() if published(rel)}
    names: dict[str, str] = {}
    for rel, data in sorted(contents.items()):
        if hidden_cache(rel):
            continue
        if published(rel):
            out_files[rel] = data
            continue
        name = keys.name(rel)
        if name in names:  # 80 bits: never seen, but a silent overwrite would lose a file
            raise RuntimeError(f"published-name collision: {names[name]} and {rel}")
        names[name] = rel
        embeds: dict[str, bytes] = {}
        if rel.endswith(".html"):
            # Certificate images shown on the page travel inside it: the browser cannot fetch a
            # local file (file://), so a thumbnail must be at hand when the page opens.
            for src in sorted(set(_IMG.findall(data.decode("utf-8", "replace")))):
                target = _resolve(rel, src)
                if target and target in contents and not published(target):
                    embedded = keys.name(target)
                    embeds[embedded] = keys.seal(envelope(target, contents[target]), embedded)
        out_files[name] = shell.page(keys.seal(envelope(rel, data), name), embeds).encode("utf-8")
    return out_files, out_copies


# ------------------------------------------------------------------------------------- reading it back

_LOCK = re.compile(rb'<script type="application/json" id="portfolio-lock">(.*?)</script>')
_DATA = re.compile(rb'<script type="application/octet-stream" id="portfolio-data">(.*?)</script>')
_EMBED = re.compile(
    rb'<script type="application/octet-stream" class="portfolio-embed" data-name="([^"]+)">(.*?)</script>'
)


def read_shell(data: bytes) -> tuple[dict, bytes, dict[str, bytes]]:
    """A shell's header, sealed main file and sealed embedded files."""
    lock, main = _LOCK.search(data), _DATA.search(data)
    if not lock or not main:
        raise ValueError("not an unlock shell")
    embeds = {m[1].decode(): base64.b64decode(m[2]) for m in _EMBED.finditer(data)}
    return json.loads(lock[1]), base64.b64decode(main[1]), embeds


def keys_for(header: dict, passphrase: str) -> Keys:
    salt = base64.b64decode(header["salt"])
    keys = Keys(salt, header["iterations"], derive_master(passphrase, salt, header["iterations"]))
    keys.open(base64.b64decode(header["check"]), CHECK_AAD)  # InvalidTag: wrong passphrase
    return keys


def open_site(folder: Path, passphrase: str) -> dict[str, bytes]:
    """Every file of an encrypted site, decrypted: original site path → exact bytes (plain files too)."""
    index = folder / "index.html"
    keys = keys_for(read_shell(index.read_bytes())[0], passphrase)
    result: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if hidden_cache(rel):
            continue
        if published(rel):
            result[rel] = path.read_bytes()
            continue
        _, sealed, _ = read_shell(path.read_bytes())
        header, data = unwrap(keys.open(sealed, rel))
        result[header["path"]] = data
    return result


def open_share(file: Path, passphrase: str) -> dict[str, bytes]:
    """A share file's page and embedded files, decrypted: original path → exact bytes."""
    lock, sealed, embeds = read_shell(file.read_bytes())
    keys = keys_for(lock, passphrase)
    header, page = unwrap(keys.open(sealed, SHARE_AAD))
    result = {header["path"]: page}
    for name, blob in embeds.items():
        header, data = unwrap(keys.open(blob, name))
        result[header["path"]] = data
    return result


if __name__ == "__main__":  # python -m portfolio.encrypt: print a strong passphrase
    print(secrets.token_urlsafe(24), file=sys.stdout)
