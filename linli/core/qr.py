"""QR codes: a check-in address shown on a page (SVG) or printed in a PDF (PNG). A place held at a
meeting or a volunteer shift carries its check-in address with the code, so staff scan it with the
check-in page or with any phone camera."""

from __future__ import annotations

import io

import segno
from reportlab.pdfgen import canvas


def qr_svg(data: str, scale: int = 5) -> str:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, omitsize=False
    )
    return buffer.getvalue().decode()


def qr_png(data: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` drawn as vector squares, ``size`` wide with its lower left corner at
    (x, y). Much cheaper than a PNG per page (no image to encode, decode and compress), and
    sharp at any printer's resolution. The mask is fixed: searching the eight masks for the
    best-looking one is most of segno's time and any mask scans."""
    code = segno.make(url, error="m", mask=0, boost_error=False)
    matrix = code.matrix
    border = 2
    module = size / (len(matrix) + 2 * border)
    # Whole-module rectangles, one per run of dark modules in a row, written as PDF operators in
    # module units under one scaling (reportlab formats each number of a path in Python).
    runs = []
    for r, row in enumerate(matrix):
        bottom = len(matrix) + border - 1 - r
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append(f"{start + border} {bottom} {c - start} 1 re")
            else:
                c += 1
    pdf.addLiteral(f"q 0 g {module:.4f} 0 0 {module:.4f} {x:.2f} {y:.2f} cm {' '.join(runs)} f Q")
