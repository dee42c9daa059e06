"""The words that qualify a numeral: before it (约, 近, 超过) and after it (以上, 左右, 余).

One table for every rule that reads them, with the guard that keeps a one-character
qualifier from being read inside another word (the 过 of 通过, the 近 of 最近).
"""

from __future__ import annotations

import re

LEAD_QUALIFIERS: dict[str, str] = {
    "大约": "about", "大概": "about", "约": "about",
    "将近": "under", "接近": "under", "不到": "under", "不足": "under", "不超过": "under",
    "不高于": "under", "近": "under",
    "超过": "over", "超出": "over", "突破": "over", "跨上": "over", "迈上": "over", "跃上": "over",
    "跨越": "over", "跨过": "over", "迈过": "over", "不低于": "over", "不少于": "over", "至少": "over", "逾": "over",
    "超": "over", "过": "over", "上": "over",
}
TRAIL_QUALIFIERS: dict[str, str] = {
    "以上": "over", "还多": "over", "多": "over", "余": "over",
    "左右": "about", "上下": "about",
    "以内": "under", "以下": "under",
}
#: Characters that, before a one-character qualifier (or 达, which labels cut from a
#: subject's end), make it part of another word (通过, 最近, 签约, 下达): there it
#: qualifies nothing.
_NOT_BEFORE = {"过": "通经不度跨走越穿路错透超迈", "近": "最附临靠亲贴将接",
               "约": "签合预节制公条规相邀履违特契婚盟隐大", "超": "赶高",
               "上": "迈跨以向之线网路面场登赶爬走北南东西马",
               "达": "下到抵通表传发雷"}  # 达 is no qualifier, but labels cut it as a word


def guarded_qualifier(word: str) -> str:
    """A pattern for ``word`` that does not match where it is part of another word (the
    过 of 通过, the 近 of 最近); detection and labels read qualifiers alike."""
    guard = _NOT_BEFORE.get(word)
    return (f"(?<![{guard}])" if guard else "") + re.escape(word)
