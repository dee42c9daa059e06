"""The ``indicator`` of a figure: the id of a standard indicator it measures for the
report's whole jurisdiction (``spec/indicators.md``), else None.

The catalogue is data (``exporter/catalogues/indicators.toml``, or a user's copy passed
with ``--indicators``): ids, the names each indicator goes by, its kind and base units,
and the few words a label may add around a name. The grammar is the file's header: a
label, with the jurisdiction's own prefix and an introducing verb dropped, must begin
with a name and add only qualifiers, one change word and a suffix; a name the sentence
puts after a city, a sector or ``占`` measures something else. A bare figure of a
、-list (``…达到5.53万亿元、稳居全国前十强、增长4.8%``) takes the name its nearest earlier
item opens with.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from .clauses import LIST_JOINS, clause_bounds, mask

__all__ = ["Catalogue", "Indicator", "default_catalogue_path", "describe_catalogue", "indicator_for",
           "load_catalogue"]

KINDS = ("level", "growth", "reduction", "rate")
_DEFAULT = Path(__file__).resolve().parent.parent / "catalogues" / "indicators.toml"


@dataclass(frozen=True)
class Indicator:
    """One standard indicator: its id, kind, accepted base units and names."""

    id: str
    kind: str
    names: tuple[str, ...]
    base_units: tuple[str, ...] = ()
    #: Regular expressions for wordings too varied to list (matched at the label's start).
    patterns: tuple[re.Pattern[str], ...] = ()
    #: The name outputs show for it (地区生产总值增长); the id when the catalogue gives none.
    display_name: str = ""
    #: Names of a growth indicator that state the rate with no change word (居民消费价格总水平
    #: 控制在3%左右: the price level's rise).
    rate_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """A catalogue of indicators with the words its labels are read by."""

    indicators: tuple[Indicator, ...]
    prefixes: tuple[str, ...]
    introducers: tuple[str, ...]
    not_after: tuple[str, ...]
    qualifiers: tuple[str, ...]
    rise: tuple[str, ...]
    fall: tuple[str, ...]
    suffixes: tuple[str, ...]
    source: str = ""
    #: Words naming the country: the jurisdiction of a national report, another one elsewhere.
    country: tuple[str, ...] = ()
    #: First character → every (name, indicator) starting with it, the longest name first,
    #: so the most specific wins.
    by_start: dict[str, tuple[tuple[str, Indicator], ...]] = field(
        init=False, compare=False, repr=False)
    #: Any name, to find where the next one starts: its alternatives all open with a
    #: literal, so the engine skips to their first characters at C speed (a lookahead of
    #: every name would be tried at each position).
    any_name: re.Pattern[str] = field(init=False, compare=False, repr=False)
    #: The indicators that have patterns.
    patterned: tuple[Indicator, ...] = field(init=False, compare=False, repr=False)
    #: First character → the words a label may add after a name starting with it, the
    #: longest first.
    vocabulary: dict[str, tuple[str, ...]] = field(init=False, compare=False, repr=False)
    #: Region → the pattern of the leads a label may open with (filled as regions come).
    leads: dict[str | None, re.Pattern[str]] = field(
        init=False, compare=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        pairs = sorted(((name, ind) for ind in self.indicators for name in ind.names),
                       key=lambda pair: -len(pair[0]))
        by_start: dict[str, list[tuple[str, Indicator]]] = {}
        for pair in pairs:
            by_start.setdefault(pair[0][0], []).append(pair)
        object.__setattr__(self, "by_start", {k: tuple(v) for k, v in by_start.items()})
        object.__setattr__(self, "any_name", re.compile(
            "|".join(re.escape(name) for name, _ in pairs) if pairs else "(?!)"))
        object.__setattr__(self, "patterned",
                           tuple(ind for ind in self.indicators if ind.patterns))
        words = self.qualifiers + self.rise + self.fall + self.suffixes
        vocabulary: dict[str, list[str]] = {}
        for word in sorted(words, key=len, reverse=True):
            vocabulary.setdefault(word[0], []).append(word)
        object.__setattr__(self, "vocabulary", {k: tuple(v) for k, v in vocabulary.items()})

    def display_names(self) -> dict[str, str]:
        """Indicator id → the name outputs show for it (the catalogue's ``name``)."""
        return {ind.id: ind.display_name or ind.id for ind in self.indicators}


def default_catalogue_path() -> Path:
    """The catalogue shipped in the package."""
    return _DEFAULT


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check a catalogue (the shipped one when ``path`` is None).

    A missing, unreadable or malformed file is an :class:`InputError` naming it."""
    return _default() if path is None else _load(path)


@lru_cache(maxsize=1)
def _default() -> Catalogue:
    return _load(_DEFAULT)


def _load(source: Path) -> Catalogue:
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the indicator catalogue: {exc.strerror or exc}",
                         str(source)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"not a valid TOML indicator catalogue: {exc}", str(source)) from None
    try:
        return _catalogue(data, str(source))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"bad indicator catalogue: {exc}", str(source)) from None


def _words(table: Any, key: str) -> tuple[str, ...]:
    value = table.get(key, []) if isinstance(table, dict) else []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def _catalogue(data: dict[str, Any], source: str) -> Catalogue:
    entries = data.get("indicator")
    if not isinstance(entries, list) or not entries:
        raise ValueError("no [[indicator]] entries")
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise TypeError(f"indicator {n} is not a table")
        ident, kind = entry.get("id"), entry.get("kind")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
            raise ValueError(f"indicator {n}: 'id' must be lower_snake_case text")
        if ident in seen:
            raise ValueError(f"indicator {ident!r} is listed twice")
        seen.add(ident)
        if kind not in KINDS:
            raise ValueError(f"indicator {ident!r}: 'kind' must be one of {', '.join(KINDS)}")
        names = _words(entry, "names")
        try:
            patterns = tuple(re.compile(p) for p in _words(entry, "patterns"))
        except re.error as exc:
            raise ValueError(f"indicator {ident!r}: bad pattern: {exc}") from None
        if not names and not patterns:
            raise ValueError(f"indicator {ident!r} has no names")
        base_units = _words(entry, "base_units")
        if kind != "growth" and not base_units:
            raise ValueError(f"indicator {ident!r} ({kind}) needs base_units")
        display_name = entry.get("name", "")
        if not isinstance(display_name, str):
            raise TypeError(f"indicator {ident!r}: 'name' must be text")
        rate_names = _words(entry, "rate_names")
        if rate_names and kind != "growth":
            raise ValueError(f"indicator {ident!r}: only a growth indicator has rate_names")
        indicators.append(Indicator(ident, kind, names, base_units, patterns, display_name,
                                    rate_names))
    scope, words = data.get("scope", {}), data.get("words", {})
    return Catalogue(
        indicators=tuple(indicators), prefixes=_words(scope, "prefixes"),
        introducers=_words(scope, "introducers"), not_after=_words(scope, "not_after"),
        qualifiers=_words(words, "qualifiers"), rise=_words(words, "rise"),
        fall=_words(words, "fall"), suffixes=_words(words, "suffixes"), source=source,
        country=_words(scope, "country"))


def indicator_for(metric: str, sentence: str, start: int, end: int, *, unit: str,
                  base_unit: str, catalogue: Catalogue, region: str | None = None) -> str | None:
    """Id of the standard indicator the figure ``sentence[start:end]`` labelled ``metric``
    measures for the whole jurisdiction, else None."""
    core = _core(metric, catalogue, region)
    if not core:
        return None
    for name, indicator in _candidates(core, catalogue):
        change = _rest_change(core[len(name):], catalogue)
        if change is None:
            continue  # words after the name that make it another quantity
        gap = _gap(sentence, start, end, name, catalogue, region)
        if gap is None:
            continue  # the sentence puts a part of the jurisdiction before the name
        if _fits(indicator, name + change, gap, unit, base_unit, catalogue):
            return indicator.id
    if _CLASS_AFTER.match(sentence, end):
        return None  # 经济总量超500亿元的县域: a bound naming a class of places
    if _names_a_part(core, catalogue):
        return None  # 成渝地区双城经济圈经济总量: the label puts a part before the name
    return _carried(sentence, start, unit, base_unit, catalogue, region)


#: A 的-phrase after the figure that makes it a bound of a class, unless it names the goal.
_CLASS_AFTER = re.compile(r"的(?!(?:预期|增长|发展)?目标)")
#: Words that link a name to its figure in the figure's own clause (``失业率平均为5.1%``).
_LINK = re.compile(r"(?:为|达|达到|是|保持在|控制在|稳定在)$")


def _carried(sentence: str, start: int, unit: str, base_unit: str, catalogue: Catalogue,
             region: str | None) -> str | None:
    """The indicator the sentence gives a figure whose label names none: its own 、-item's
    name (``城镇调查失业率平均为5.1%``), or for a bare figure (``增长4.8%``, ``年均增长5.2%``,
    ``超过6万亿元``) the name the nearest earlier item of its clause opens with
    (``地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%``). None when its own item names
    anything else."""
    masked = mask(sentence)
    c_start, _ = clause_bounds(sentence, start, start)
    items = masked[c_start:start].split("、")
    pattern = _lead_pattern(catalogue, region)
    lead = pattern.match(items[-1])
    own = items[-1][lead.end():] if lead else items[-1]
    for name, indicator in _candidates(own, catalogue) if own else ():
        said = _rest_change(_LINK.sub("", own[len(name):]), catalogue)  # 失业率平均为
        if said is not None and _fits(indicator, name + said, "", unit, base_unit, catalogue):
            return indicator.id
    # 增长, 年均增长; "" for a level, bare or reached (``高新技术企业数量实现翻番、达1.8万家``)
    if len(items) < 2:
        return None  # no earlier item to carry a name from
    change = _rest_change(_LINK.sub("", items[-1].strip()), catalogue)
    if change is None:
        return None
    for item in reversed(items[:-1]):
        lead = pattern.match(item)
        text = item[lead.end():] if lead else item
        for name, indicator in _candidates(text, catalogue) if text else ():
            if _fits(indicator, name + change, "", unit, base_unit, catalogue):
                return indicator.id
    return None


def _names_a_part(core: str, catalogue: Catalogue) -> bool:
    """Whether the label names an indicator only after other words (a city, an economic
    zone, a sector): the quantity is then that part's, never the jurisdiction's. A name
    after a list mark (``社会消费品零售总额、固定资产投资增长``) is one more subject."""
    seen: set[str] = set()  # names met already: only a name's first place counts
    at = 1
    while (found := catalogue.any_name.search(core, at)) is not None:  # where one starts
        at = found.start()
        for name, _ in catalogue.by_start[core[at]]:
            if name not in seen and core.startswith(name, at):
                seen.add(name)
                if core[at - 1] not in LIST_JOINS:
                    return True
        at += 1
    return False


def _candidates(core: str, catalogue: Catalogue) -> list[tuple[str, Indicator]]:
    """(name as the label writes it, indicator) for every name or pattern the label
    starts with, the listed names (longest first) before the patterns."""
    found = [(name, ind) for name, ind in catalogue.by_start.get(core[0], ())
             if core.startswith(name)]
    for ind in catalogue.patterned:
        for pattern in ind.patterns:
            m = pattern.match(core)
            if m and m.group(0):
                found.append((m.group(0), ind))
    return found


def _core(metric: str, catalogue: Catalogue, region: str | None) -> str:
    """The label without the jurisdiction's own prefixes and an introducing verb."""
    text = _CONVERTED.sub("", _TIME_LEAD.sub("", _ITEM_NUMBER.sub("", metric.strip())))
    pattern = _lead_pattern(catalogue, region)
    m = pattern.match(text)
    if m and m.end() < len(text):
        text = text[m.end():]
    if (not _national(region) and text.startswith(catalogue.country)
            and not _candidates(text, catalogue)):  # 国内生产总值 is a name, not 国内 + a name
        return ""  # 全国居民消费价格 in a provincial report: the country's, not the province's
    verbs = catalogue.fall + catalogue.rise
    if not text.startswith(verbs):
        return text  # most labels: no change verb to move to the end
    for verb in verbs:
        if text.startswith(verb):
            return text[len(verb):] + verb  # 减少农村贫困人口 reads as 农村贫困人口减少
    return text


#: An amount restated in another currency (``实际使用外资折合人民币``) measures the same.
_CONVERTED = re.compile(r"(?:折合|约合)[\u4e00-\u9fff]{2,3}$")
#: A list item's number (``2.实现城镇新增就业``) is no part of the quantity either.
_ITEM_NUMBER = re.compile(r"^(?:[0-9０-９]{1,2}[.．、]|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)])(?![0-9０-９])")
#: A time phrase opening a label dates the figure; it is no part of the quantity.
_TIME_LEAD = re.compile(
    r"^(?:力争|确保|预计)?(?:(?:19|20)[0-9]{2}年(?:底|末)?|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:时期|期间|末)?"
    r"|今年|去年|全年|五年来|过去五年)+")


def _lead_pattern(catalogue: Catalogue, region: str | None) -> re.Pattern[str]:
    """The leads a label may open with in a report of ``region`` (made once per region)."""
    pattern = catalogue.leads.get(region)
    if pattern is None:
        pattern = catalogue.leads[region] = _leads(
            _jurisdiction_words(catalogue, region) + catalogue.introducers, region)
    return pattern


def _national(region: str | None) -> bool:
    """Whether the report speaks for the country (or names no region, so may)."""
    return region is None or region == "全国"


def _jurisdiction_words(catalogue: Catalogue, region: str | None) -> tuple[str, ...]:
    """The words that name the whole jurisdiction of a report of ``region``: the
    catalogue's prefixes, but of the ones naming a kind of place (``全省``, ``我市``,
    ``全区``) only those of the region's own kind, since 全省 in a city's report is the
    province around it; the country words only in a national or regionless report."""
    if region is None:
        return catalogue.prefixes + catalogue.country
    own = tuple(word for word in catalogue.prefixes
                if (kind := _PLACE_WORD.fullmatch(word)) is None or region.endswith(kind["kind"]))
    return own + catalogue.country if _national(region) else own


#: A prefix naming a kind of place: 全 / 我 / 本 and the kind (省, 市, 区, 自治区 …).
_PLACE_WORD = re.compile(r"[全我本](?P<kind>省|市|自治区|区|州|盟|县|旗)")


def _leads(words: tuple[str, ...], region: str | None) -> re.Pattern[str]:
    """Any run of ``words`` and the region's names at the start of a label."""
    alternatives = sorted(words + _region_names(region), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, alternatives)) + ")+")


def _region_names(region: str | None) -> tuple[str, ...]:
    """The report's region as a label may write it: ``四川省`` and ``四川``."""
    if not region or region == "全国":
        return ()
    short = re.sub(r"(?:维吾尔|壮族|回族)?(?:自治区|特别行政区|省|市)$", "", region)
    return (region, short) if short and short != region else (region,)


def _rest_change(rest: str, catalogue: Catalogue) -> str | None:
    """The change word among what follows the name ("" for none), or None when the rest
    holds anything but qualifiers, one change word and suffixes."""
    change = ""
    rest = _ASIDE.sub("", rest)
    while rest:
        word = next((w for w in catalogue.vocabulary.get(rest[0], ()) if rest.startswith(w)),
                    None)
        if word is None:
            return None
        if word in catalogue.rise or word in catalogue.fall:
            if change:
                return None
            change = word
        rest = rest[len(word):]
    return change


#: Another name of the quantity in brackets after its name (``地区生产总值（GDP）``); an
#: editor's note on its price basis (``（现价）``) has left the label already.
_ASIDE = re.compile(r"[（(][A-Za-z0-9.]+[）)]")


def _gap(sentence: str, start: int, end: int, name: str, catalogue: Catalogue,
         region: str | None) -> str | None:
    """Text between the name (its last mention before the figure, in the figure's
    clause or the one before) and the figure; "" when the sentence does not repeat the
    name; None when the name follows a word naming a part (``成都市``, ``的``, ``占``)."""
    masked = mask(sentence)
    c_start, _ = clause_bounds(sentence, start, end)
    scope_start = masked.rfind("，", 0, max(0, c_start - 1)) + 1 if c_start else 0
    at = sentence.rfind(name, scope_start, start)
    if at < 0:
        return ""
    left = sentence[max(0, at - 12):at]
    changed = True
    while changed:
        changed = False
        for lead in _jurisdiction_words(catalogue, region) + _region_names(region):
            if left.endswith(lead):
                left = left[: -len(lead)]
                changed = True
    if left.endswith(catalogue.not_after) and not left.endswith(catalogue.introducers):
        return None
    if not _national(region) and left.endswith(catalogue.country):
        return None  # 全国居民消费价格上涨 in a provincial report
    return sentence[at + len(name):start]


def _fits(indicator: Indicator, named: str, gap: str, unit: str, base_unit: str,
          catalogue: Catalogue) -> bool:
    """Whether the figure's change words and unit fit the indicator's kind. A number in
    the gap is another figure of the same name, which takes the words before it
    (``收入增长4.6%，总量突破1900亿元``: the 1900亿元 is a level)."""
    gap = _AFTER_NUMBER.split(gap)[-1]
    said = (named + gap).replace(_VALUE_ADDED, "")  # 增加值 is a noun, not 增加
    rises = any(word in said for word in catalogue.rise)
    falls = any(word in said for word in catalogue.fall)
    reached = _reached(gap, catalogue)
    if indicator.kind == "growth":  # a fall is a growth below zero (地区生产总值下降4.3%)
        stated = rises != falls or (not rises and named in indicator.rate_names)
        return stated and base_unit == "ratio" and "百分点" not in unit  # 增长5%, 增长百分之九;
        # 占比提高2.7个百分点 is a change of a share, never the growth rate
    if indicator.kind == "reduction":
        return falls and base_unit in indicator.base_units
    changed = (rises or falls) and not reached
    return not changed and base_unit in indicator.base_units


_VALUE_ADDED = "增加值"
#: A number in a gap: only what follows the last one speaks of the figure.
_AFTER_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def _reached(gap: str, catalogue: Catalogue) -> bool:
    """Whether the gap states a level reached (``提高到``, ``增加到…的``, ``达``) rather than
    a change: its last change word is followed by 到/至."""
    last = max(((gap.rfind(word), word) for word in catalogue.rise + catalogue.fall),
               default=(-1, ""))
    if last[0] < 0:
        return False
    return gap[last[0] + len(last[1]):].startswith(("到", "至"))


def describe_catalogue(catalogue: Catalogue) -> str:
    """The catalogue as text: its file, then one line per indicator (id, kind, base
    units, names)."""
    from wcwidth import wcswidth  # only for this listing: 15 ms a build need not pay

    lines = [f"# {catalogue.source}", f"{len(catalogue.indicators)} indicators"]
    width = max(len(ind.id) for ind in catalogue.indicators)
    units = [",".join(ind.base_units) or "%" for ind in catalogue.indicators]
    unit_width = max(wcswidth(u) for u in units)
    for ind, unit in zip(catalogue.indicators, units):
        pad = " " * (unit_width - wcswidth(unit))
        said = list(ind.names) + [f"/{p.pattern}/" for p in ind.patterns]
        lines.append(f"{ind.id:<{width}}  {ind.kind:<9}  {unit}{pad}  {' / '.join(said)}")
    return "\n".join(lines) + "\n"
