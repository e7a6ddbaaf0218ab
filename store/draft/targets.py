"""Find the dated and quantitative targets in a paragraph: one milestone per clause.

The rule, explicitly:
- A paragraph is cut into sentences at 。；;！？ and each sentence into clauses at commas
  outside brackets and quotes.
- A clause carries a deadline when it holds a date phrase that reads as one: a range
  (2022-2025年期间), a year with a part (2025年底, 2024年6月底, 上半年), a year led by 到/至/于/在/截至/
  力争/争取/确保 or starting the clause or followed by a result verb (2022年建成), “十四五”期末, or
  a year-less phrase (年内, 年底, 上半年, 一季度). Years inside 《》 or brackets, years before the
  plan starts (past results) or after it ends (a 2035 vision) are not deadlines, nor is the plan's
  own period where the text states it (规划期限为2021—2025年).
- A clause that is only a date (到2025年,) gives its date to the clause after it; a dated
  clause gives its date to the clauses after it in the same sentence (到2025年,A,B: two targets),
  until a clause looks beyond the plan (展望至2035年, 到2035年B): that one and the undated
  ones after it are the vision, not targets.
- In task paragraphs (not narrative text), a clause without a date that states a number with
  a unit (200家, 98%, 10亿元; not the count closing a list: 木业、食品等6个产业), a result (确保…,
  完成…) or a standing (保持全省领先, 进入全省中上游) is a target due at the plan's end.
- In a one-year plan (an annual 工作要点) a task clause naming a deliverable (出台…方案, 召开…会议,
  开展“…”专项行动, 申报…中心: store/draft/deliverables.py) is a target due at the end of that year;
  a five-year plan's deliverable is a target only with its year (2023年召开…, by the rules above).
- One target per quantity listed (1.2万家、200个) and per long named object completed together
  (完成甲实验室、乙中心建设).
- A clause saying 每年/年度/每季度 is recurring, except in a one-year plan (年度工作要点 is a name).
Every date is checked with the plan loader's own deadline parser, so what is written imports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from store.deadlines import DeadlineError, arabic_years, parse_deadline
from store.draft.deliverables import is_deliverable, split_items

_SENTENCE = re.compile(r"(?<=[。；;！!？?])|(?<=[\u4e00-\u9fff”）)]\.)")
_OPEN, _CLOSE = "(（《“「【〔[‘", ")）》”」】〕]’"
_DATE = re.compile(
    r"(?P<lead>(?:力争|争取|确保|预计|计划)?(?:到|至|于|在|截至|截止到|截止)?)"
    r"(?:"
    r"(?P<range>(?P<y1>(?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*(?P<y2>(?:19|20)\d{2})\s*年(?:底|末)?(?:期间)?)"
    r"|(?P<five>[“\"]?十(?P<fivenum>[一二三四五])五[”\"]?(?:期末|末|期间))"
    r"|(?P<ymd>(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<mo>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日|底|末|份|中旬|下旬|上旬)?"
    r"|(?P<part>年?底|年?末|上半年|下半年|(?:第)?[一二三四]季度(?:末|底)?))?)"
    r"|(?P<yearless>年内|年底|年末|上半年|下半年|(?:第)?[一二三四]季度(?:末|底)?"
    r"|(?:(?P<m1>\d{1,2})\s*[-—–~～至到]\s*)?(?P<m2>\d{1,2})\s*月份?(?:\s*\d{1,2}\s*日|底|末|中旬|下旬|上旬)?))"
    r"(?P<trail>前|以前|之前|内)?"
)
_RESULT_AFTER = re.compile(r"^\s*(?:建成|完成|实现|達到|達|實現|達成|建立|达到|达|基本|全面|初步|形成|力争|确保|"
                           r"新增|累计|全市|全区|全县|"
                           r"全省|建立|培育|创建|通过|争取|要|将|使|打造|推动|推进|开展|组织|出台|制定|修订|印发|召开|举办|申报|启动|"
                           r"编制|,|，|、)")
_NOT_AFTER = re.compile(r"^\s*(?:是|以来|的|度|起|开始|以后|后|版|为|时|期间的|已)")
# what states the plan's own period (规划期限为2021—2025年, 本规划实施期为…): the years are not a deadline
_PERIOD_STATED = re.compile(r"(?:期限|规划期|規劃期|实施期|實施期|时限|時限|基期)\s*(?:为|為|是|:|：|自|从|從)?\s*$")
_FIVE_YEAR_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
_RECURRING = re.compile(r"(每年|年度|每季度|每半年|每月|逐年)")
_QUANTITY = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:[-—~～至]\s*\d+(?:\.\d+)?\s*)?"
    r"(?:万|萬|亿|億)?(?:%|％|个百分点|亿元|万元|元|万户|户|万件|件|家|个|项|批次|名|人次|万人|人|次|所|台|座|条|份|"
    r"个工作日|工作日|天|小时|倍|公里|平方米|场|期|类|种|套|批|宗|起|张|本|篇|位|支|处|只|吨|公斤|亩|"
    r"戶|萬戶|萬件|項|個|億元|萬元|條|臺|場|種|張|處|噸|萬人)"
)
_RESULT_START = re.compile(r"^(?:推进|推动|力争|全面)?(?:确保|完成)")
# a standing to reach or keep: 保持打击传销全省领先, 进入全省中上游, 位居中部地区前列
_RANKING = re.compile(r"(?:保持|进入|位居|位列|稳居|走在|争创|居)[^，,]{0,20}?"
                      r"(?:全国|全省|全市|地区|城市|同类)[^，,]{0,8}?"
                      r"(?:领先|前列|前茅|上游|中上游|第一|首位|前\d+位|前\d+名)")


@dataclass
class Target:
    title: str
    due: str  # a phrase the plan loader reads (as printed where it can, else e.g. 2025年)
    year: int
    recurring: bool = False
    yearless: bool = False  # the phrase named no year (年底): it takes the plan's last year
    phrase: str = ""  # the date phrase as printed ("" for an undated quantitative target)


@dataclass
class _Date:
    phrase: str
    due: str
    year: int
    yearless: bool
    span: tuple[int, int]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def clauses(sentence: str) -> list[str]:
    """Split at commas outside brackets and quotes (and not inside a number like 1,000)."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for i, char in enumerate(sentence):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and (char == "，" or (char == "," and not (0 < i < len(sentence) - 1
                                                                and sentence[i - 1].isdigit()
                                                                and sentence[i + 1].isdigit()))):
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip().rstrip("。；;！!？?").strip() for p in parts if p.strip().rstrip("。；;！!？?").strip()]


def _inside_brackets(text: str, position: int) -> bool:
    depth = 0
    for char in text[:position]:
        if char in "(（《〔[":
            depth += 1
        elif char in ")）》〕]":
            depth = max(0, depth - 1)
    return depth > 0


def find_date(clause: str, start: int, end: int) -> _Date | None:
    """The first date phrase in a clause that reads as a deadline inside the plan's period (a year in
    Chinese numerals, 二〇二三年, read as the same year in digits; the phrase kept as printed)."""
    read = arabic_years(clause)
    for m in _DATE.finditer(read):
        if not m.group(0) or not (m["range"] or m["five"] or m["ymd"] or m["yearless"]):
            continue
        if _inside_brackets(clause, m.start()):
            continue
        lead, trail = m["lead"] or "", m["trail"] or ""
        before = read[: m.start()]
        after = read[m.end():]
        if _PERIOD_STATED.search(before):
            continue
        at_start = re.fullmatch(r"\s*(?:力争|争取|确保|预计|计划|并|同时|其中|，|,)?\s*", before) is not None
        if m["range"]:
            first, last = int(m["y1"]), int(m["y2"])
            if (not (first <= last and start <= last <= end)
                    or _NOT_AFTER.match(after) and not m.group(0).endswith("期间")):
                continue
            if re.match(r"^\s*[\u4e00-\u9fff]", after) and not (lead or at_start or "期间" in m["range"]):
                continue  # 制定2023-2025年三年行动方案: a name, not a deadline
            return _make(m, clause, f"{first}—{last}年", last, False, end)
        if m["five"]:
            five_start = _FIVE_YEAR_START[m["fivenum"]]
            five_end = five_start + 4
            if "期间" in m["five"]:
                if not lead or not start <= five_end <= end:
                    continue
                return _make(m, clause, f"{five_start}—{five_end}年", five_end, False, end)
            if not start <= five_end <= end:
                continue
            return _make(m, clause, f"{five_end}年末", five_end, False, end)
        if m["ymd"]:
            year = int(m["y"])
            if not start <= year <= end:
                continue
            specific = bool(m["mo"] or m["part"] or trail)
            if _NOT_AFTER.match(after) and not specific:
                continue
            if not (specific or lead or at_start or _RESULT_AFTER.match(after) or not after.strip()):
                continue
            return _make(m, clause, None, year, False, end)
        if m["yearless"]:
            if before.endswith(("每", "全", "今", "明", "当", "上", "去")):
                continue
            if m["m2"] and not (lead or trail or (at_start and _RESULT_AFTER.match(after))):
                continue  # 9月30日前, 到6月底, 11月中旬召开…: a month that reads as a deadline
            if m["m2"] and not 1 <= int(m["m2"]) <= 12:
                continue
            return _make(m, clause, f"{int(m['m2'])}月底" if m["m1"] else None, end, True, end)  # 1-6月: by June's end
    return None


def due_in_plan(phrase: str, start: int, end: int) -> date | None:
    """The date the plan loader reads ``phrase`` as (a year-less one in the plan's last year), when it
    falls inside the plan; None for no date (长期, 持续推进) or one outside it."""
    try:
        due = parse_deadline(phrase, end).due
    except DeadlineError:
        return None
    return due if start <= due.year <= end else None


def _make(m: re.Match[str], printed: str, canonical: str | None, year: int, yearless: bool, end: int) -> _Date:
    phrase = printed[m.start():m.end()]  # the match was made in arabic_years(printed): the same span
    due = phrase
    try:
        parsed = parse_deadline(phrase, end)
        if parsed.due.year != year:
            raise DeadlineError("pr_not_a_deadline", phrase=phrase)  # not the year of its clause
    except DeadlineError:
        due = canonical or f"{year}年"
        parse_deadline(due, end)  # must read: it is built from the year
    return _Date(phrase, due, year, yearless, m.span())


def _only_date(clause: str, date: _Date) -> bool:
    rest = clause[: date.span[0]] + clause[date.span[1]:]
    return re.fullmatch(r"\s*(?:力争|争取|确保|预计|计划|并|同时|其中|期间|前)?\s*", rest) is not None


def _states_quantity(clause: str) -> bool:
    """A number with a unit that is a target: not the count closing a list (木业、食品……等6个产业)."""
    return any(not clause[: m.start()].rstrip().endswith("等") for m in _QUANTITY.finditer(clause))


def _quantities(clause: str) -> list[str]:
    """``新增商家1.2万家、服务站200个``: one target per quantity listed with 、 (or 和/及); words
    between the quantities stay with the quantity that follows them."""
    pieces = re.split(r"(、|和|及)", clause)
    chunks: list[str] = []
    current = ""
    for k, piece in enumerate(pieces):
        if k % 2 == 1:  # a separator
            current += piece if current else ""
            continue
        current += piece
        if _states_quantity(piece):
            chunks.append(current)
            current = ""
    if current and chunks:
        chunks[-1] += current
    if len(chunks) >= 2:
        return [c.rstrip("、和及") for c in chunks]
    return [clause]


def _parts(clause: str) -> list[str]:
    """One target per quantity listed (``_quantities``) and per named object completed (``split_items``)."""
    return [item for part in _quantities(clause) for item in split_items(part)]


def _looks_beyond(clause: str, end: int) -> bool:
    """The clause sets a deadline after the plan (展望至2035年, 到2035年…): the plan's vision. A year
    in a name (制定2024-2026年…行动方案) is not one: the same reading as ``find_date``'s."""
    beyond = find_date(clause, end + 1, end + 100)
    return beyond is not None and not beyond.yearless


def _mentions_past(clause: str, start: int) -> bool:
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", arabic_years(clause))]
    return any(year < start for year in years) or bool(re.search(r"十[一二三]五|去年|上年|以来", clause))


def find_targets(text: str, start: int, end: int, quantitative: bool) -> list[Target]:
    """Every target clause of a paragraph, in order (see the module's rule)."""
    targets: list[Target] = []
    annual = start == end
    for sentence in sentences(text):
        inherited: _Date | None = None
        pending: str = ""  # a clause that was only a date, to lead the next one
        past = False  # a sentence about results before the plan (截至2020年底……) states no target
        vision = False  # the sentence has gone on past the plan (到2035年……): no target after that
        for clause in clauses(sentence):
            own = find_date(clause, start, end)
            if own is None and (vision or _looks_beyond(clause, end)):
                vision, inherited, pending = True, None, ""  # the vision: nothing after it is due in the plan
                continue
            if own is None and _mentions_past(clause, start):
                past = True
            if own is not None and _only_date(clause, own):
                inherited, pending = own, clause
                continue
            date = own or inherited
            title = f"{pending},{clause}" if pending else (
                clause if own is not None or date is None else f"{date.phrase},{clause}")
            pending = ""
            recurring = not annual and bool(_RECURRING.search(clause))  # one year: 年度 names, never repeats
            if date is not None:
                for part in _parts(title):
                    targets.append(Target(part, date.due, date.year, recurring, date.yearless, date.phrase))
                inherited = date
            elif quantitative and not past and len(clause) >= 6 and (
                    _states_quantity(clause) or _RESULT_START.match(clause) or _RANKING.search(clause)):
                for part in _parts(clause):
                    targets.append(Target(part, f"{end}年", end, recurring, False, ""))
            elif quantitative and annual and not past and is_deliverable(clause):
                for part in split_items(clause):
                    targets.append(Target(part, f"{end}年", end, False, False, ""))
    return targets
