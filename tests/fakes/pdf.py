"""Small, reproducible PDFs written by hand: text pages in Helvetica, with a running
header and footer, for extraction tests and the PDF benchmark. No dependency, same bytes
every time."""

from __future__ import annotations

from collections.abc import Sequence

PAGE_W, PAGE_H = 595, 842  # A4 in points


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = "{page}",
    font_size: float = 11,
    leading: float = 15,
) -> bytes:
    """A PDF with one page per item of `pages`, each a list of lines set top-down.

    A line starting with "# " is set as a heading (bold, larger). `header` and `footer`
    are drawn on every page at the top and bottom; "{page}" and "{pages}" in them become
    the page number and count, as report PDFs do.
    """
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for n, lines in enumerate(pages, start=1):
        ops = []
        if header:
            text = header.format(page=n, pages=len(pages))
            ops.append(b"BT /F1 9 Tf 56 %d Td %s Tj ET" % (PAGE_H - 40, _pdf_string(text)))
        y = PAGE_H - 80
        for line in lines:
            if line.startswith("# "):
                y -= 6
                ops.append(b"BT /F2 14 Tf 56 %.1f Td %s Tj ET" % (y, _pdf_string(line[2:])))
                y -= leading + 6
            else:
                if line:
                    ops.append(
                        b"BT /F1 %.1f Tf 56 %.1f Td %s Tj ET" % (font_size, y, _pdf_string(line))
                    )
                y -= leading
        if footer:
            text = footer.format(page=n, pages=len(pages))
            ops.append(b"BT /F1 9 Tf %d 30 Td %s Tj ET" % (PAGE_W // 2 - 10, _pdf_string(text)))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, PAGE_W, PAGE_H, font, bold, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = (
        add(b"<< /Title %s /Producer (inspectwatch tests) >>" % _pdf_string(title))
        if title
        else None
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
