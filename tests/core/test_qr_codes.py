"""The QR codes printed on letters scan back to their address."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from linli.core.qr import dark_runs, qr_modules


def rebuilt_from_runs(modules: np.ndarray) -> np.ndarray:
    image = np.zeros(modules.shape, dtype=bool)
    for row, col, length in dark_runs(modules):
        image[row, col : col + length] = True
    return image


@pytest.mark.parametrize(
    "url",
    [
        "https://linli.example.org/register?code=ABCD1234",
        "http://127.0.0.1:8000/register?code=ZZZZ9999",
        "https://社区.example.org/c/银杏/",
    ],
)
def test_the_drawn_runs_scan_back_to_the_address(url):
    modules = qr_modules(url)
    assert modules.shape[0] == modules.shape[1] >= 21
    drawn = rebuilt_from_runs(modules)
    assert (drawn == modules).all()
    # as printed: dark on white with a quiet zone, eight pixels a module
    printed = np.pad(np.where(drawn, 0, 255).astype(np.uint8), 4, constant_values=255)
    printed = np.kron(printed, np.ones((8, 8), dtype=np.uint8))
    assert zxingcpp.read_barcode(printed).text == url


def test_a_row_of_runs_covers_exactly_the_dark_modules():
    modules = np.array([[1, 1, 0, 1], [0, 0, 0, 0], [1, 1, 1, 1]], dtype=bool)
    assert dark_runs(modules) == [(0, 0, 2), (0, 3, 1), (2, 0, 4)]
