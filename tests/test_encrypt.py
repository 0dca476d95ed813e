"""`portfolio build --encrypt`: what is written can be read back exactly, and yields nothing without the key.

Decrypting the encrypted build gives the plain build's bytes, file for file; no field value of the record and
no window of any certificate's bytes appears in any output file; names are opaque; passphrases are checked.
"""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from builder import RecordBuilder
from cryptography.exceptions import InvalidTag

from portfolio import encrypt, records
from portfolio.errors import RecordError

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"
PASSPHRASE = "a long and unguessable passphrase"
EPOCH = "1795046400"  # 2026-11-18: the PDF's generation stamp, so both builds write the same PDF


def demo(tmp_path: Path) -> RecordBuilder:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return RecordBuilder(tmp_path, profile=None)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(record root, plain site, encrypted site) of the demo record, same as-of and generation time."""
    root = tmp_path_factory.mktemp("demo")
    rec = demo(root)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    mp.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    try:
        plain = rec.run("build", "--as-of", AS_OF, "--out", str(root / "plain"))
        assert plain.code == 0, plain.err
        sealed = rec.run("build", "--encrypt", "--as-of", AS_OF, "--out", str(root / "site"))
        assert sealed.code == 0, sealed.err
    finally:
        mp.undo()
    assert re.search(r"encrypt \d+\.\d\d s", sealed.out), sealed.out
    return root, root / "plain", root / "site"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_decrypting_gives_back_the_plain_build_file_for_file(builds) -> None:  # noqa: ANN001
    _, plain, site = builds
    expected = {rel: data for rel, data in files(plain).items() if not encrypt.hidden_cache(rel)}
    opened = encrypt.open_site(site, PASSPHRASE)
    assert sorted(opened) == sorted(expected)
    different = [rel for rel in expected if opened[rel] != expected[rel]]
    assert different == []
    assert len(expected) > 50 and "transcript.pdf" in expected


def test_names_are_opaque_and_every_shell_is_neutral_and_noindex(builds) -> None:  # noqa: ANN001
    root, _, site = builds
    written = files(site)
    for rel in written:
        if rel in ("index.html", "robots.txt", ".portfolio-site") or rel.startswith("static/"):
            continue
        assert re.fullmatch(r"[0-9a-f]{20}\.html", rel), rel
    shells = [data for rel, data in written.items() if rel.endswith(".html")]
    assert len(shells) == len(written) - 4  # robots, marker, two stylesheets
    for data in shells:
        assert b"<title>Private page</title>" in data
        assert b'<meta name="robots" content="noindex, nofollow">' in data
        assert b"Content-Security-Policy" in data and b"'unsafe-inline'" not in data
    assert written["robots.txt"] == b"User-agent: *\nDisallow: /\n"


def record_values(root: Path) -> set[str]:
    """Every field value of the record worth hiding (6 characters or more: shorter ones, like a state code,
    occur by chance in base64 text)."""
    record, _ = records.load(root)
    profile = record.profile
    values = {profile.name, profile.npi or "", profile.specialty or ""}
    values |= {lic.number for lic in profile.licenses}
    for a in record.activities:
        values |= {a.title, a.provider, a.accreditor or "", a.location or "", a.url or ""}
        values |= {t.name for t in a.topics}
        values |= {line.strip() for line in a.body.splitlines()}
        values |= {a.id, a.id.rsplit("/", 1)[-1]}
        values |= {c.path for c in a.certificates}
        values |= {Path(c.path).stem for c in a.certificates}
    for r in record.requirements:
        values.add(r.name)
    return {v for v in values if len(v) >= 6}


def certificate_windows(root: Path, size: int = 24, step: int = 97) -> set[bytes]:
    windows: set[bytes] = set()
    for cert in sorted((root / "content" / "certificates").rglob("*")):
        if cert.is_file():
            data = cert.read_bytes()
            windows |= {data[i : i + size] for i in range(0, max(1, len(data) - size), step)}
    return windows


def leaks(out: dict[str, bytes], root: Path) -> list[str]:
    found = []
    values = record_values(root)
    assert len(values) > 100  # the scan really looks for something
    variants = set()
    for v in values:
        variants |= {v, escape(v), json.dumps(v)[1:-1], v.replace(" ", "-").lower()}
    variants = {v for v in variants if len(v) >= 6}
    windows = certificate_windows(root)
    assert len(windows) > 100
    for rel, data in out.items():
        text = data.decode("utf-8", "replace")
        found += [f"{rel}: {v!r}" for v in variants if v in text or v in rel]
        found += [f"{rel}: certificate bytes {w[:12]!r}…" for w in windows if w in data]
    return found


def test_leak_scan_over_every_output_file(builds) -> None:  # noqa: ANN001
    root, plain, site = builds
    assert leaks(files(site), root) == []
    # The same scan finds the record in the plain build (it can fail).
    assert len(leaks(files(plain), root)) > 100


def test_a_swapped_or_edited_file_does_not_open(builds, tmp_path: Path) -> None:  # noqa: ANN001
    _, _, site = builds
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    keys = encrypt.keys_for(encrypt.read_shell((copy / "index.html").read_bytes())[0], PASSPHRASE)
    shutil.copyfile(copy / keys.name("archive.html"), copy / keys.name("topics.html"))
    with pytest.raises(InvalidTag):
        encrypt.open_site(copy, PASSPHRASE)
    with pytest.raises(InvalidTag):
        encrypt.open_site(site, "the wrong passphrase, long")


def test_every_build_has_its_own_salt_nonces_and_names(builds, tmp_path: Path) -> None:  # noqa: ANN001
    root, _, site = builds
    rec = RecordBuilder(root, profile=None)
    again = tmp_path / "again"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
        assert (
            rec.run("build", "--encrypt", "--no-pdf", "--as-of", AS_OF, "--out", str(again)).code
            == 0
        )
    first, second = files(site), files(again)
    names = lambda d: {r for r in d if re.fullmatch(r"[0-9a-f]{20}\.html", r)}  # noqa: E731
    assert names(first) and not names(first) & names(second)
    salt = lambda d: encrypt.read_shell(d["index.html"])[0]["salt"]  # noqa: E731
    assert salt(first) != salt(second)
    payloads = [encrypt.read_shell(d)[1][:12] for r, d in first.items() if r in names(first)]
    assert len(set(payloads)) == len(payloads)  # a fresh nonce for every file


def test_iterations_and_key_derived_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []
    real = encrypt.derive_master

    def counting(passphrase: str, salt: bytes, iterations: int = encrypt.ITERATIONS) -> bytes:
        calls.append(iterations)
        return real(passphrase, salt, iterations)

    monkeypatch.setattr(encrypt, "derive_master", counting)
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    rec = demo(tmp_path)
    assert rec.run("build", "--encrypt", "--no-pdf", "--as-of", AS_OF).code == 0
    assert calls == [600_000]
    header = encrypt.read_shell((tmp_path / "site" / "index.html").read_bytes())[0]
    assert header["iterations"] >= 600_000 and header["kdf"] == "PBKDF2-HMAC-SHA256"


def test_short_passphrase_is_refused_with_a_way_to_make_one(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    rec = demo(tmp_path)
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "short pass")
    result = rec.run("build", "--encrypt", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 1
    assert "too short (10 characters; at least 12" in result.err
    assert "secrets.token_urlsafe" in result.err
    assert "short pass" not in result.err + result.out
    assert not (tmp_path / "site").exists()


def test_passphrase_asked_twice_when_not_in_the_environment(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import getpass

    rec = demo(tmp_path)
    monkeypatch.delenv("PORTFOLIO_PASSPHRASE", raising=False)
    answers = iter(["first long passphrase", "second long passphrase"])
    prompts = []
    monkeypatch.setattr(
        getpass, "getpass", lambda prompt: (prompts.append(prompt), next(answers))[1]
    )
    result = rec.run("build", "--encrypt", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 1 and "the two passphrases differ" in result.err
    assert len(prompts) == 2 and not (tmp_path / "site").exists()
    answers = iter([PASSPHRASE, PASSPHRASE])
    result = rec.run("build", "--encrypt", "--no-pdf", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert PASSPHRASE not in result.out + result.err
    assert encrypt.open_site(tmp_path / "site", PASSPHRASE)["index.html"].startswith(b"<!doctype")


def test_no_passphrase_option_on_the_command_line() -> None:
    from portfolio import cli

    with pytest.raises(SystemExit):
        cli._parser().parse_args(["build", "--encrypt", "--passphrase", "x" * 20])


# ----------------------------------------------------------------------------------------- portfolio share

REQUIREMENT = "California license renewal"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(record root, share file, the PDF `portfolio pdf` writes for the same committee)."""
    root = tmp_path_factory.mktemp("share")
    rec = demo(root)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    mp.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    try:
        args = ["--as-of", AS_OF, "--requirement", REQUIREMENT, "--with-certificates"]
        made = rec.run("share", *args, "-o", str(root / "for-committee.html"))
        assert made.code == 0, made.err
        assert "encrypted share of" in made.out and re.search(r"encrypt \d+\.\d\d s", made.out)
        pdf = rec.run("pdf", *args, "-o", str(root / "same.pdf"))
        assert pdf.code == 0, pdf.err
    finally:
        mp.undo()
    return root, root / "for-committee.html", root / "same.pdf"


def test_share_holds_the_same_pdf_and_the_original_certificates(shared) -> None:  # noqa: ANN001
    root, file, pdf = shared
    opened = encrypt.open_share(file, PASSPHRASE)
    pdfs = [p for p in opened if p.endswith(".pdf") and not p.startswith("certificates/")]
    assert pdfs == ["transcript-california-license-renewal-2026-11-25.pdf"]
    assert opened[pdfs[0]] == pdf.read_bytes()  # the same figures as `portfolio pdf`, byte for byte
    certs = {p: d for p, d in opened.items() if p.startswith("certificates/")}
    assert len(certs) >= 5
    for path, data in certs.items():
        assert data == (root / "content" / path).read_bytes()
    page = opened["share.html"].decode("utf-8")
    assert "California license renewal" in page and "Jordan Avery" in page
    for path in certs:
        assert f'href="{path}"' in page


def test_leak_scan_over_the_share_file(shared) -> None:  # noqa: ANN001
    root, file, _ = shared
    data = file.read_bytes()
    assert leaks({file.name: data}, root) == []
    assert b"<title>Private page</title>" in data and b"noindex" in data
    assert not re.search(rb'(src|href|action)="[a-z]+:', data)  # it loads nothing from anywhere


def test_share_without_certificates_and_usage_errors(shared, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    root, _, _ = shared
    rec = RecordBuilder(root, profile=None)
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "period.html"
    made = rec.run(
        "share", "--as-of", AS_OF, "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(out)
    )
    assert made.code == 0, made.err
    opened = encrypt.open_share(out, PASSPHRASE)
    assert not [p for p in opened if p.startswith("certificates/")]
    assert "not included" in opened["share.html"].decode()
    # Nothing to share, half a period, a file that is not ours, a short passphrase: refused, nothing written.
    assert rec.run("share", "-o", str(tmp_path / "x.html")).code == 2
    assert rec.run("share", "--from", "2026-01-01", "-o", str(tmp_path / "x.html")).code == 2
    other = tmp_path / "notes.html"
    other.write_text("<p>mine</p>", encoding="utf-8")
    refused = rec.run("share", "--requirement", REQUIREMENT, "-o", str(other))
    assert refused.code == 1 and "not written by 'portfolio share'" in refused.err
    assert other.read_text(encoding="utf-8") == "<p>mine</p>"
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "too short")
    short = rec.run("share", "--requirement", REQUIREMENT, "-o", str(tmp_path / "x.html"))
    assert short.code == 1 and "too short" in short.err
    assert not (tmp_path / "x.html").exists()
    # An earlier share file is replaced.
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", PASSPHRASE)
    again = rec.run("share", "--requirement", REQUIREMENT, "-o", str(out))
    assert again.code == 0, again.err


def test_a_certificate_changed_during_the_build_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "cert.pdf"
    source.write_bytes(b"%PDF-1.4 changed")
    with pytest.raises(RecordError) as info:
        encrypt.seal_site(
            {"index.html": b"<p>x</p>"},
            {"certificates/cert.pdf": source},
            PASSPHRASE,
            {"certificates/cert.pdf": "0" * 64},
        )
    assert "changed while the site was being built" in str(info.value.diagnostics[0])
