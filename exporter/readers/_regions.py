"""The jurisdiction a report speaks for (meta.region) and its level (meta.level).

Names and levels come from the catalogue ``regions.toml`` beside this module: China's
provincial-level divisions with the short forms a text may use, the words and bodies that
stand for the whole country, and the level a smaller place takes from the ending of its
name. Nothing here knows one report.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ._lines import CJK

#: What a place name is followed by when it names the body that speaks (广州市人民政府,
#: 广州市第十六届人民代表大会, 广州市政府工作报告, 广州市市长, 德州市2008年政府工作报告).
_BODY_AFTER = (r"第[一二三四五六七八九十百]+届|人民政府|人民代表大会|人大|政府|委员会|"
               r"(?:代理?|常务|副)?(?:市长|州长|县长|区长|旗长|盟长|专员)|"
               r"(?:19|20)\d{2}年(?:度)?(?:政府工作报告|国民经济和社会发展统计公报)")
#: Where a place name may begin: the start, or after a year, 在, a dash or a blank.
_PLACE_START = r"(?:^|(?<=[年在—\-\s（(“]))"
#: The scope words a report uses for its own jurisdiction, and the kinds they go with.
_SCOPE = {"全省": ("province",), "全区": ("autonomous_region",), "全市": ("municipality",)}
#: The relative name of a body (我代表省人民政府) and the level its first word implies.
_RELATIVE_LEVEL = {"省": "provincial", "自治区": "provincial", "州": "municipal",
                   "自治州": "municipal", "盟": "municipal", "县": "county", "旗": "county"}


@dataclass(frozen=True)
class Catalogue:
    """The catalogue of jurisdictions, ready to match."""

    national: str
    national_words: tuple[str, ...]
    provinces: dict[str, tuple[str, str]]  # written form → (full name, kind)
    suffixes: tuple[tuple[str, str], ...]  # (ending, level), longest ending first
    place: re.Pattern[str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The bundled catalogue (``regions.toml``), read once."""
    text = (Path(__file__).parent / "regions.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    provinces: dict[str, tuple[str, str]] = {}
    for entry in data["province"]:
        for form in (entry["name"], *entry.get("short", [])):
            provinces[form] = (entry["name"], entry["kind"])
    suffixes = tuple(sorted(data["suffixes"].items(), key=lambda item: -len(item[0])))
    endings = "|".join(re.escape(ending) for ending, _ in suffixes)
    place = re.compile(rf"{_PLACE_START}(?!关于)((?:(?!在)[{CJK}]){{1,10}}?(?:{endings}))(?={_BODY_AFTER})")
    national = data["national"]
    return Catalogue(national=national["region"],
                     national_words=tuple(national["names"]) + tuple(national["bodies"]),
                     provinces=provinces, suffixes=suffixes, place=place)


def _province_in(text: str) -> str | None:
    """The first provincial division ``text`` names, as its full name; a short form
    followed by a place ending (吉林市) names a smaller place, not the province."""
    found = catalogue().provinces
    best: tuple[int, int, str] | None = None
    for form, (name, _) in found.items():
        at = text.find(form)
        while at >= 0:
            after = text[at + len(form): at + len(form) + 1]
            if form == name or after not in "市县区州盟旗":
                key = (at, -len(form), name)
                if best is None or key < best:
                    best = key
                break
            at = text.find(form, at + 1)
    return best[2] if best else None


def region_named(text: str | None) -> str | None:
    """The jurisdiction a line of self-description names (a title, subtitle, organization,
    speaker's title): 全国 for the country or its bodies, a provincial division by its
    full name, or a smaller place named with its body (广州市人民政府 → 广州市)."""
    if not text:
        return None
    cat = catalogue()
    province = _province_in(text)
    if province is not None:
        return province
    if any(word in text for word in cat.national_words):
        return cat.national
    match = cat.place.search(text)
    if match is None:
        return None
    name = match.group(1)
    # A relative body (市人民政府, 省长) names no place of its own.
    return None if name in _RELATIVE_LEVEL or name in ("市", "区") else name


def region_in_body(text: str) -> str | None:
    """The provincial division a report's body speaks for, when its scope words (全省,
    全区, 全市) and the division it names most often agree and that one clearly leads."""
    scopes = Counter({word: text.count(word) for word in _SCOPE})
    scope, uses = scopes.most_common(1)[0]
    if uses < 3:
        return None
    kinds = _SCOPE[scope]
    counts: Counter[str] = Counter()
    for form, (name, kind) in catalogue().provinces.items():
        if kind in kinds:
            counts[name] += len(re.findall(rf"{re.escape(form)}(?![市县区州盟旗])", text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]


def level_of(region: str | None) -> str | None:
    """national / provincial / municipal / county for a region, by the catalogue."""
    if not region:
        return None
    cat = catalogue()
    if region == cat.national:
        return "national"
    if region in cat.provinces and cat.provinces[region][0] == region:
        return "provincial"
    for ending, level in cat.suffixes:
        if region.endswith(ending):
            return level
    return None


def relative_level(body: str | None) -> str | None:
    """The level a body named without its place implies: 省人民政府 → provincial,
    县人民政府 → county; None for 市 (a municipality or a city alike)."""
    if not body:
        return None
    for word in sorted(_RELATIVE_LEVEL, key=len, reverse=True):
        if body.startswith(word) and not body.startswith(word + "级"):
            return _RELATIVE_LEVEL[word]
    return None


#: A place word alone, which names no body (the 自治区 of 自治区代主席).
PLACE_WORDS = frozenset({*_RELATIVE_LEVEL, "市", "区"})
#: The head of a people's government (省长, 代市长, 自治区主席, 国务院总理).
_GOVERNMENT_HEAD = re.compile(r"(?:代理?|常务)?(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席)$")


def government_of(region: str | None, post: str | None) -> str | None:
    """The body a government's head speaks for when the byline names only the post
    (省长 张三 in a report of 四川省 → 四川省人民政府; the country's → 国务院); None for any
    other post or an unknown region."""
    if not region or not post or _GOVERNMENT_HEAD.search(post) is None:
        return None
    return "国务院" if region == catalogue().national else region + "人民政府"


def full_body(body: str | None, region: str | None) -> str | None:
    """A body named relative to its place, completed with the region it speaks for:
    省人民政府 in 四川省 → 四川省人民政府, 自治区人民政府 in 广西壮族自治区 →
    广西壮族自治区人民政府. Anything else is returned as it is."""
    if not body or not region or body.startswith(region):
        return body
    for word in ("自治区", "自治州", "省", "市", "州", "盟", "县", "旗", "区"):
        if body.startswith(word) and region.endswith(word) and len(body) > len(word):
            return region + body[len(word):]
    return body
