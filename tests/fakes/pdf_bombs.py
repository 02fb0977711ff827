"""Hostile PDFs, written by hand for the extraction budget tests and benchmark: small
files that cost a reader far more than their size. Same bytes every time."""

from __future__ import annotations

import zlib

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _text_ops(megabytes: float) -> bytes:
    """Content-stream operators drawing one short word at a time, `megabytes` of them."""
    op = b"BT /F1 9 Tf 56 700 Td (Inflated) Tj ET\n"
    return op * max(1, int(megabytes * 1024 * 1024 / len(op)))


def _document(contents: list[bytes], pages: int) -> bytes:
    """A PDF whose `pages` pages all draw the content streams in `contents`."""
    objects: list[bytes] = [b"", b"", _FONT]
    first = len(objects) + 1
    objects += contents
    refs = b" ".join(b"%d 0 R" % (first + i) for i in range(len(contents)))
    kids = []
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents [%s] >>" % refs
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _flate(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    )


def inflation_bomb(megabytes: float = 200) -> bytes:
    """One page whose compressed content stream inflates to `megabytes` of drawing."""
    return _document([_flate(_text_ops(megabytes))], pages=1)


def shared_stream_bomb(pages: int = 2000, megabytes: float = 1) -> bytes:
    """`pages` pages all drawing the same `megabytes` content stream: each is small on
    disk, the whole is `pages` times the work."""
    return _document([_flate(_text_ops(megabytes))], pages=pages)
