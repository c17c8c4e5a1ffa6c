"""QR codes: a check-in address shown on a page (SVG) or printed in a PDF (PNG). A place held at a
meeting or a volunteer shift carries its check-in address with the code, so staff scan it with the
check-in page or with any phone camera."""

from __future__ import annotations

import io

import numpy as np
import segno
import zxingcpp
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


def qr_modules(data: str) -> np.ndarray:
    """The QR code of ``data`` as a square boolean array, True for a dark module, without the quiet
    zone. Encoded by zxing-cpp (compiled; error correction M, like the other helpers): segno's
    pure-Python encoder was half of each household letter's time (bench/RESULTS.md, issue 23)."""
    barcode = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return np.asarray(barcode.to_image(scale=1, add_quiet_zones=False)) < 128


def dark_runs(modules: np.ndarray) -> list[tuple[int, int, int]]:
    """Each horizontal run of dark modules as (row, first column, length), row 0 at the top."""
    padded = np.zeros((modules.shape[0], modules.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = modules
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    # argwhere walks row by row, left to right, so the n-th start and the n-th end are one run
    lengths = ends[:, 1] - starts[:, 1]
    return list(zip(starts[:, 0].tolist(), starts[:, 1].tolist(), lengths.tolist(), strict=True))


def draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` drawn as vector squares, ``size`` wide with its lower left corner at
    (x, y). Much cheaper than a PNG per page (no image to encode, decode and compress), and
    sharp at any printer's resolution."""
    modules = qr_modules(url)
    border = 2
    count = modules.shape[0]
    module = size / (count + 2 * border)
    # Whole-module rectangles, one per run of dark modules in a row, written as PDF operators in
    # module units under one scaling (reportlab formats each number of a path in Python).
    runs = " ".join(
        f"{col + border} {count + border - 1 - row} {length} 1 re"
        for row, col, length in dark_runs(modules)
    )
    pdf.addLiteral(f"q 0 g {module:.4f} 0 0 {module:.4f} {x:.2f} {y:.2f} cm {runs} f Q")
