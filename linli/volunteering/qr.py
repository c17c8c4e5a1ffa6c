"""The QR code of a sign-up: it holds the check-in address with the code, so a leader can scan it
with the check-in page or with any phone camera."""

from __future__ import annotations

import io

import segno


def qr_svg(data: str, scale: int = 5) -> str:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, omitsize=False
    )
    return buffer.getvalue().decode()
