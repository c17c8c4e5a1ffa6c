"""QR codes: a check-in address shown on a page (SVG) or printed in a PDF (PNG). A place held at a
meeting or a volunteer shift carries its check-in address with the code, so staff scan it with the
check-in page or with any phone camera."""

from __future__ import annotations

import io

import segno


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
