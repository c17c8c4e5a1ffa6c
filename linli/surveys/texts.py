"""Texts written in several languages, stored as ``{"zh-hans": "...", "en": "..."}``.

A reader gets their own language; Traditional and Simplified Chinese stand in for each other
through OpenCC (a faithful conversion, so not a missing translation); any other gap falls back to
the survey's first language and is *marked*, so a resident knows the text is not in their language
and an organiser sees what is left to translate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import translation

from linli.core.script import to_script

CHINESE = ("zh-hans", "zh-hant")


@dataclass(frozen=True)
class Picked:
    text: str
    language: str  # the language the text is actually in
    missing: bool  # True when the reader's language had no text and another one stands in

    def __str__(self) -> str:
        return self.text


def pick(
    texts: Mapping[str, str] | None, language: str | None = None, order: list[str] | None = None
) -> Picked:
    texts = {k: v for k, v in (texts or {}).items() if v}
    language = (language or translation.get_language() or "zh-hans").lower()
    if language in texts:
        return Picked(texts[language], language, False)
    if language in CHINESE:
        other = CHINESE[1 - CHINESE.index(language)]
        if other in texts:
            return Picked(to_script(texts[other], language), language, False)
    for fallback in [*(order or []), "zh-hans", "zh-hant", "en", *texts]:
        if fallback in texts:
            return Picked(texts[fallback], fallback, True)
    return Picked("", language, bool(order))


def missing_languages(texts: Mapping[str, str] | None, languages: list[str]) -> list[str]:
    """Languages of the survey with no text here; Chinese scripts cover each other."""
    present = {k for k, v in (texts or {}).items() if v}
    missing = []
    for language in languages:
        if language in present:
            continue
        if language in CHINESE and set(CHINESE) & present:
            continue
        missing.append(language)
    return missing
