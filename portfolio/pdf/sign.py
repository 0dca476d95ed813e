"""Signing (optional): the finished transcript, certificates and PDF/A conversion included, signed with the
physician's own certificate by pyHanko as a PAdES baseline B-B signature.

pyHanko is the optional extra ``sign`` (``pip install 'portfolio[sign]'``): only ``portfolio pdf --sign``
imports it. The signature is an incremental update over the whole file, so a reader's "signature valid"
covers every byte before it (the appended certificates too) and any change afterwards breaks it.
A signature holds its signing time from the clock: signed PDFs are not byte-reproducible.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from portfolio.errors import RecordError

FIELD = "Attestation"
REASON = "I attest that this CME transcript and the certificates it reproduces are true"
PASSPHRASE_VARIABLE = "PORTFOLIO_SIGN_PASSPHRASE"


def load_signer(p12: Path, passphrase: bytes | None) -> Any:
    """The key and certificate of a PKCS#12 file (.p12/.pfx); RecordError when it cannot be opened."""
    shown = str(p12)
    try:
        from pyhanko.sign import signers
    except ImportError:
        raise RecordError.single(
            "--sign",
            0,
            "signing needs pyHanko, an optional part of portfolio: pip install 'portfolio[sign]'",
        ) from None
    try:
        data = p12.read_bytes()
    except OSError as exc:
        raise RecordError.single(shown, 0, f"cannot read it ({exc.strerror or exc})") from None
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
    except ValueError:
        raise RecordError.single(
            shown,
            0,
            "cannot open it: the passphrase is wrong, or it is not a PKCS#12 file (.p12 or .pfx) "
            "holding your key and certificate",
        ) from None


def sign(data: bytes, signer: Any, *, name: str) -> bytes:
    """``data`` (a finished PDF) with a PAdES-B-B signature over all of it, in an invisible field."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=REASON,
        name=name,
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()
