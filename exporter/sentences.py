"""Sentence splitting shared by the reader (lead sentences) and the figure extractor."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of one paragraph, split after 。！？ (and
    ASCII ! ?), keeping the closing mark and any closing quote that follows it. Leading
    and trailing blanks are left out of each span; a blank-only piece gives no span."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            result.append((begin, end))
    return result


def first_sentence(text: str) -> str | None:
    """The first sentence of ``text`` as :func:`split_sentences` cuts it, when another
    follows; None when ``text`` holds one sentence or none. Only the first end mark is
    looked for (every piece that ends with one is more than blanks)."""
    end = _SENTENCE_END.search(text)
    if end is None or not text[end.end():].strip():
        return None
    return text[:end.end()].strip()
