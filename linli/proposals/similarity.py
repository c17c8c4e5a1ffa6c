"""Finding proposals that say the same thing. Pure Python, no Django.

Chinese has no spaces between words, so instead of a word segmenter we compare character
bigrams (梧桐院加装电梯 -> 梧桐, 桐院, 院加, 加装, 装电, 电梯), which match shared words well,
plus whole lower-cased words for Latin text. Terms are weighted by TF-IDF over the documents
compared, so common bigrams (院落, 居民) count little, and scored by cosine similarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

_LATIN_WORD = re.compile(r"[a-z0-9]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def terms(text: str) -> Counter[str]:
    """Character bigrams of every run of Chinese characters (a one-character run counts as
    itself), and Latin words."""
    lowered = text.lower()
    found: Counter[str] = Counter(_LATIN_WORD.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        if len(run) == 1:
            found[run] += 1
        else:
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def _weights(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def similar(
    query: str,
    documents: Sequence[tuple[Hashable, str]],
    limit: int = 5,
    min_score: float = 0.12,
) -> list[tuple[Hashable, float]]:
    """The documents most similar to ``query``, best first, as ``(id, score)`` with score in
    [0, 1]; documents scoring below ``min_score`` are left out."""
    query_terms = terms(query)
    if not query_terms or not documents:
        return []
    doc_terms = [(key, terms(text)) for key, text in documents]
    frequency: Counter[str] = Counter()
    for _key, counts in doc_terms:
        frequency.update(counts.keys())
    frequency.update(query_terms.keys())
    total = len(doc_terms) + 1
    idf = {t: math.log((1 + total) / (1 + n)) + 1 for t, n in frequency.items()}
    query_vector = _weights(query_terms, idf)
    scored = []
    for key, counts in doc_terms:
        vector = _weights(counts, idf)
        score = sum(w * vector.get(t, 0.0) for t, w in query_vector.items())
        if score >= min_score:
            scored.append((key, round(score, 4)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def best_match(query: str, documents: Iterable[tuple[Hashable, str]]) -> Hashable | None:
    found = similar(query, list(documents), limit=1, min_score=0.0)
    return found[0][0] if found else None
