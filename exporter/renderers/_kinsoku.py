"""The rules of Chinese line breaking (避头尾) every renderer shares: which characters may
not start a line, which may not end one, and where a break is legal. The PDF's line
breaker (:mod:`.pdf._linebreak`) applies them to every line; the Word briefing to the line
breaks it sets itself (a title balanced over its lines)."""

from __future__ import annotations

__all__ = ["NO_END", "NO_START", "can_break"]

#: Characters that must not start a line (closing marks, pause marks, dashes, ellipses).
NO_START = frozenset(
    "，。、；：？！）》」』”’〉】〕〗｝］〙〛…—·・％‰"
    ",.;:?!)]}%"
    "ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
#: Characters that must not end a line (opening marks).
NO_END = frozenset("（《「『“‘〈【〔〖｛［〘〚([{")


def _is_word(char: str) -> bool:
    """A character of a Latin or digit run that should not be broken inside."""
    return char.isascii() and not char.isspace() and char not in "()[]{}"


def can_break(text: str, index: int, *, split_words: bool = False) -> bool:
    """Whether a line may end before ``text[index]`` (``0 < index < len(text)``)."""
    after = text[index]
    before = text[index - 1]
    if after in NO_START or before in NO_END:
        return False
    return split_words or not (_is_word(before) and _is_word(after))
