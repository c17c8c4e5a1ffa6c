"""Show text written by users in the reader's Chinese script (Simplified <-> Traditional) via OpenCC."""

from __future__ import annotations

from functools import lru_cache

import opencc
from django.utils import translation

# Phrase-level conversion ("s2tw" keeps mainland vocabulary; names and places stay recognisable).
_CONFIG = {"zh-hant": "s2t.json", "zh-hans": "t2s.json"}


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_script(text: str, language: str | None = None) -> str:
    """Convert ``text`` to the script of ``language`` (default: the active language)."""
    if not text:
        return text
    language = (language or translation.get_language() or "").lower()
    config = _CONFIG.get(language)
    if config is None:
        return text
    return str(_converter(config).convert(text))
