"""``portfolio pdf --sign`` (issue 13, item 5): a PAdES-B-B signature checked with pyHanko's validator."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from builder import RecordBuilder
from test_pdf import AS_OF, sample

pytest.importorskip("pyhanko")

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402
from pyhanko.sign.validation.errors import SignatureValidationError  # noqa: E402
from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402

PASSPHRASE = "correct horse battery staple"


def identity(folder: Path) -> tuple[Path, bytes]:
    """A test physician's key and self-signed certificate as a passphrase-protected .p12; the cert (DER)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Physician, MD")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    p12 = folder / "me.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"me",
            key,
            cert,
            None,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return p12, cert.public_bytes(serialization.Encoding.DER)


def validate(data: bytes, cert_der: bytes):  # noqa: ANN201 - pyHanko's status object
    from asn1crypto import x509 as asn1_x509

    root = asn1_x509.Certificate.load(cert_der)
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    (signature,) = reader.embedded_signatures
    return signature, validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


@pytest.fixture
def signed(rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    sample(rec)
    p12, cert = identity(tmp_path)
    monkeypatch.setenv("PORTFOLIO_SIGN_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "signed.pdf"
    result = rec.run(
        "pdf",
        "--as-of",
        AS_OF,
        "-o",
        str(out),
        "--with-certificates",
        "--pdf-a",
        "--sign",
        str(p12),
    )
    assert result.code == 0, result.err
    assert "PDF/A-3b" in result.out and "signed (PAdES)" in result.out
    assert PASSPHRASE not in result.out + result.err
    return out.read_bytes(), cert


def test_signature_is_valid_pades_and_covers_the_whole_file(signed) -> None:  # noqa: ANN001
    data, cert = signed
    signature, status = validate(data, cert)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert signature.field_name == "Attestation"
    # What it covers: the transcript, the appended certificates and their attachments, PDF/A metadata.
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert sorted(reader.attachments) == ["C1-old.pdf", "C2-pain.pdf", "C3-meeting.png"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # still tagged


def test_a_changed_byte_breaks_the_signature(signed) -> None:  # noqa: ANN001
    data, cert = signed
    signature, _ = validate(data, cert)
    # Change one byte of the transcript's own objects (well inside the signed range).
    at = data.index(b"/Creator") + 3
    tampered = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    try:
        _, status = validate(tampered, cert)
    except SignatureValidationError:
        return  # refused outright: just as good
    assert not status.intact and not status.bottom_line


def test_wrong_passphrase_is_a_plain_error_and_nothing_is_written(
    rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample(rec)
    p12, _ = identity(tmp_path)
    monkeypatch.setenv("PORTFOLIO_SIGN_PASSPHRASE", "not-it-xyzzy")
    out = tmp_path / "t.pdf"
    result = rec.run("pdf", "--as-of", AS_OF, "-o", str(out), "--sign", str(p12))
    assert result.code == 1
    assert "me.p12: error: cannot open it: the passphrase is wrong" in result.err
    assert "Traceback" not in result.err and "xyzzy" not in result.err + result.out
    assert not out.exists()


def test_without_sign_nothing_changes(
    rec: RecordBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample(rec)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    monkeypatch.setenv("PORTFOLIO_SIGN_PASSPHRASE", PASSPHRASE)  # set but unused
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert rec.run("pdf", "-o", str(first)).code == 0
    monkeypatch.delenv("PORTFOLIO_SIGN_PASSPHRASE")
    assert rec.run("pdf", "-o", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"/Sig" not in first.read_bytes() and b"ETSI.CAdES" not in first.read_bytes()
