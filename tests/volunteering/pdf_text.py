"""Read the text back out of a reportlab PDF written with a CID font (UTF-16 big-endian strings in
ASCII85 + Flate streams). pypdf is not in the project's dependencies; this is enough to check
what a certificate says."""

from __future__ import annotations

import base64
import re
import zlib

_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        nxt = raw[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def text_of(pdf: bytes) -> str:
    lines = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        body = match.group(1).strip()
        if body.endswith(b"~>"):
            body = zlib.decompress(base64.a85decode(body, adobe=True))
        for literal in re.finditer(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", body, re.S):
            raw = _unescape(literal.group(1))
            try:
                lines.append(raw.decode("utf-16-be"))
            except UnicodeDecodeError:
                lines.append(raw.decode("latin-1"))
    return "\n".join(lines)
