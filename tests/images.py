"""Pictures and documents an attacker (or a phone) sends, made in memory for the upload tests."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

# Where the photo was taken, as a phone writes it: 30°48'44" N, 104°3' E (a courtyard in Chengdu).
GPS = {1: "N", 2: (30.0, 48.0, 44.0), 3: "E", 4: (104.0, 3.0, 0.0)}
GPS_IFD = 0x8825


def jpeg_with_gps(size: tuple[int, int] = (2400, 1800)) -> bytes:
    """A phone photo: EXIF with the maker and the GPS position, and a comment naming a flat."""
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"3-201 Wang Xiuying")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_of_size(width: int, height: int) -> bytes:
    """A real, valid black PNG of any size, a few hundred KB even at 20000 x 20000 pixels
    (1 bit per pixel, every row compressed to almost nothing): a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + pixels
    packer = zlib.compressobj(9)
    compressed = [packer.compress(row * 1000) for _ in range(height // 1000)]
    compressed.append(packer.compress(row * (height % 1000)))
    compressed.append(packer.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(compressed))
        + _chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    """The smallest whole PDF: one empty page."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
