"""Stored file names nobody can guess. ``upload_to=RandomName("sharing/handover")`` puts every file
in its folder under 32 random characters (192 bits), whatever the person called it: the name
neither says who sent it nor lets anyone walk through ``.../2026/05/photo_1.jpg``,
``photo_2.jpg``... The folder names the kind of file, which is how ``linli.core.media`` finds the
rule for who may see it."""

from __future__ import annotations

import secrets
from typing import Any

from django.utils.deconstruct import deconstructible

# The endings we store; anything else is stored without one (the content decides, not the name).
ENDINGS = (".jpg", ".jpeg", ".png", ".pdf")


def random_stem() -> str:
    return secrets.token_urlsafe(24)


@deconstructible
class RandomName:
    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        ending = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if ending not in ENDINGS:
            ending = ""
        return f"{self.folder}/{random_stem()}{ending}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def looks_random(name: str) -> bool:
    """Whether a stored name was made by RandomName (used to find old, guessable names)."""
    stem = name.rsplit("/", 1)[-1].split(".", 1)[0]
    return len(stem) == 32 and all(c.isalnum() or c in "-_" for c in stem)
