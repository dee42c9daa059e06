"""Sentence splitting shared by the reader (lead sentences) and the figure extractor."""

from __future__ import annotations

import re

#: The marks that end a sentence (the reader's lead sentences end at them too).
END_MARKS = "。！？!?"
_SENTENCE_END = re.compile(f"[{END_MARKS}]+[”’」』）)]*")
#: A sentence that ends with a mark, after the blanks before it, matched where the one
#: before ended (a match, not a search: a text without a mark is read once, not from
#: every character).
_SENTENCE = re.compile(rf"\s*+([^{END_MARKS}]*+{_SENTENCE_END.pattern})")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of one paragraph, split after 。！？ (and
    ASCII ! ?), keeping the closing mark and any closing quote that follows it. Leading
    and trailing blanks are left out of each span; a blank-only piece gives no span."""
    spans = []
    at = 0
    while (sentence := _SENTENCE.match(text, at)) is not None:
        spans.append(sentence.span(1))
        at = sentence.end()
    rest = text[at:]  # after the last mark: a sentence if more than blanks
    stripped = rest.strip()
    if stripped:
        begin = at + len(rest) - len(rest.lstrip())
        spans.append((begin, begin + len(stripped)))
    return spans


def first_sentence(text: str) -> str | None:
    """The first sentence of ``text`` as :func:`split_sentences` cuts it, when another
    follows; None when ``text`` holds one sentence or none. Only the first end mark is
    looked for (every piece that ends with one is more than blanks)."""
    end = _SENTENCE_END.search(text)
    if end is None or not text[end.end():].strip():
        return None
    return text[:end.end()].strip()
