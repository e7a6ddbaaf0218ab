"""The document's front matter: page chrome to skip, the title, period, region and document number.

Plans saved from a government web site carry banners, breadcrumbs, view counts and footers;
they are not plan content and are skipped (and listed for review, so nothing disappears
silently). The title is the last title-like line before the body starts; the period comes
from the title (“十四五”, 2021—2025年, 2023年工作要点) or, failing that, the first lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from store.deadlines import arabic_years
from store.draft.headings import parse_numbering
from store.draft.reading import Block
from store.draft.review import Review

_CHROME = re.compile(
    r"(您当前的位置|当前位置|首页\s*[>›]|索\s*引\s*号|发布机构|发布日期|成文日期|主题分类|体裁分类|有效性|"
    r"浏览(次数|量)?|访问量|阅读量|扫一扫|打印本页|关闭窗口|分享到|字号|【?\s*[大中小]\s*】|网站地图|"
    r"版权所有|主办单位|承办单位|网站标识码|备案号|ICP|联系我们|政策解读|一图读懂|部门解读|文件下载|"
    r"相关链接|https?://|www\.|logo|主题词|网站$|网站导航|上一篇|下一篇|返回顶部|"
    r"^\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2})",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"(规划|規劃|要点|要點|计划|計劃|方案|纲要|綱要|任务分解|任務分解|实施意见|實施意見)")
_NOT_TITLE = re.compile(r"(关于|關於|通知|印发|印發|^根据|^根據|。)")
_PERIOD_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# the year a plan word names (2024年工作计划), where a title also names a year already past
# (2023年工作总结和2024年工作计划): no other year and no sentence break between them
_PLAN_YEAR = re.compile(r"((?:19|20)\d{2})\s*年[^,，。;；\d]{0,12}?"
                        r"(?:计划|計劃|要点|要點|安排|思路|任务|任務|规划|規劃)")
_FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
              "十五五": (2026, 2030)}
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号")
_ISSUED = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
# a 公文's date in numerals, 二〇二二年六月八日: its month and day (its year by arabic_years)
_CN_MONTH_DAY = re.compile(r"(?<=年)\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$")
_CN_UNITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治区|自治區|自治州|省|市|区|區|县|縣|旗|州|盟))")
_NOT_PLACE = ("全市", "本市", "我市", "各市", "城市", "全区", "本区", "我区", "各区", "全县", "本县", "我县",
              "全省", "本省", "我省", "各省", "地区", "社区", "园区", "景区", "片区", "辖区", "示范区", "试验区",
              "开发区", "新区", "监管区", "市场", "超市", "上市", "都市", "城区", "街区", "集市", "强市", "强区",
              "强县", "强省", "城市")


@dataclass
class Front:
    title: str = ""
    title_line: int = 0
    region: str = ""
    bureau: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    start: int = 0
    end: int = 0
    body_from: int = 0  # index of the first block of the plan's body
    body_to: int = 0  # index after the last block of the plan's body
    notice: list[Block] = field(default_factory=list)  # the covering notice (印发通知), kept as text


# a table of contents: 第一章 发展基础……………1 (dot leaders, then the page), and its 目录 line
_CONTENTS_ENTRY = re.compile(r"(?:[.…·•．⋯_]{2,}|…)\s*[-—]?\s*\d{1,4}\s*[-—]?$")
_CONTENTS_HEAD = re.compile(r"^(?:目\s*录|目\s*次|Contents)$", re.IGNORECASE)


def skip_contents(blocks: list[Block], review: Review) -> list[Block]:
    """The document without its table of contents (a Word or PDF plan prints one): its entries would
    draft as a second copy of every heading, titled 发展基础……………1."""
    entries = [b for b in blocks if b.kind == "para" and (b.contents or _CONTENTS_ENTRY.search(b.text))]
    if len(entries) < 2:
        return blocks
    first, last = entries[0].line, entries[-1].line
    dropped = {id(b) for b in entries}
    heads = [b for b in blocks if b.kind == "para" and _CONTENTS_HEAD.match(b.text) and b.line <= first]
    dropped.update(id(b) for b in heads[-1:])
    review.add(min([first, *(b.line for b in heads[-1:])]), "draft_contents_skipped", first=first, last=last)
    return [b for b in blocks if id(b) not in dropped]


def is_chrome(text: str) -> bool:
    return bool(_CHROME.search(text))


def read_front(blocks: list[Block], file_stem: str, review: Review) -> Front:
    """Find where the plan starts and ends, its title and metadata; list what was skipped."""
    front = Front(body_to=len(blocks))
    _trim_tail(blocks, front, review)
    first = next((b for b in blocks if b.kind == "para"), None)
    if (first is not None and first.level == 1 and _TITLE_WORDS.search(first.text)
            and parse_numbering(first.text) is None):
        first.level = 0  # a Markdown '# title' or a Word Heading 1 that is the plan's title
    first_heading = next((i for i, b in enumerate(blocks[: front.body_to])
                          if b.kind == "para" and _heading_like(b)), front.body_to)
    title_index = None
    for i in range(first_heading):
        block = blocks[i]
        if block.kind != "para" or is_chrome(block.text):
            continue
        if block.level == 0 or (_TITLE_WORDS.search(block.text) and not _NOT_TITLE.search(block.text)
                                and len(block.text) <= 60):
            title_index = i
    skipped: list[Block] = []
    if title_index is not None:
        title_block = blocks[title_index]
        front.title, front.title_line = title_block.text, title_block.line
        front.body_from = title_index + 1
        nxt = blocks[front.body_from] if front.body_from < front.body_to else None
        if nxt is not None and nxt.kind == "para" and re.fullmatch(
                r"[(（]?\s*\d{4}\s*[—–\-－~～至到]*\s*\d{0,4}\s*年?\s*[)）]?", nxt.text):
            front.title += nxt.text  # the period printed on a line of its own under the title
            front.body_from += 1
        for block in blocks[:title_index]:
            if block.kind != "para":
                continue
            (skipped if is_chrome(block.text) or _is_crumb(block.text) else front.notice).append(block)
    else:
        review.add(blocks[0].line if blocks else 1, "draft_no_title", name=file_stem)
        while front.body_from < first_heading and is_chrome(blocks[front.body_from].text):
            skipped.append(blocks[front.body_from])
            front.body_from += 1
        front.title = file_stem
    if skipped:
        review.add(skipped[0].line, "draft_chrome_skipped", first=skipped[0].line, last=skipped[-1].line,
                   sample=skipped[0].text[:30])
    _metadata(blocks, front, title_index, review)
    return front


def _heading_like(block: Block) -> bool:
    if block.level is not None and block.level > 0:
        return True
    numbering = parse_numbering(block.text)
    return numbering is not None and numbering.style in ("part", "chapter", "cn_dun")


def _is_crumb(text: str) -> bool:
    """Short labels of a web page (一图读懂:, 文件下载:) with no sentence in them."""
    return len(text) <= 12 and text.endswith((":", ":"))


def _trim_tail(blocks: list[Block], front: Front, review: Review) -> None:
    """Footer lines at the end: chrome, and the short lines among them."""
    end = len(blocks)
    cut = end
    while cut > 0:
        block = blocks[cut - 1]
        if block.kind == "sep":
            cut -= 1
            continue
        if block.kind == "para" and (is_chrome(block.text) or (len(block.text) <= 14 and "。" not in block.text
                                                                and parse_numbering(block.text) is None
                                                                and _chrome_near(blocks, cut - 1))):
            cut -= 1
            continue
        break
    if cut < end and any(b.kind == "para" for b in blocks[cut:]):
        paras = [b for b in blocks[cut:] if b.kind == "para"]
        review.add(paras[0].line, "draft_chrome_skipped", first=paras[0].line, last=paras[-1].line,
                   sample=paras[0].text[:30])
    front.body_to = cut


def _chrome_near(blocks: list[Block], index: int) -> bool:
    """A short line counts as footer only beside real footer lines (within three blocks)."""
    window = blocks[max(0, index - 3): index + 4]
    return any(b.kind == "para" and is_chrome(b.text) for b in window)


def _metadata(blocks: list[Block], front: Front, title_index: int | None, review: Review) -> None:
    head = [b for b in blocks[: max(front.body_from, 1) + 3] if b.kind == "para"]
    for block in head:
        if front.doc_number is None and (m := _DOC_NUMBER.search(block.text)):
            front.doc_number = re.sub(r"\s+", "", m[0])
        if front.issued is None and (m := _ISSUED.match(_arabic_date(block.text))):
            front.issued = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        if front.bureau is None and (m := re.match(
                r"^([\u4e00-\u9fff]{2,30}?(?:政府|办公室|办公厅|局|委员会|厅))关于印发", block.text)):
            front.bureau = m[1]
    title = front.title
    period = _period_of(title)
    if period is None:
        body_text = " ".join(b.text for b in blocks[front.body_from: front.body_from + 5] if b.kind == "para")
        period = _period_of(body_text, first_year_only=True)
        line = blocks[front.body_from].line if front.body_from < len(blocks) else 1
        if period is not None:
            review.add(line, "draft_period_guessed", start=period[0], end=period[1])
    if period is None:
        period = _most_common_year_period(blocks)
        review.add(front.title_line or 1, "draft_period_guessed", start=period[0], end=period[1])
    front.start, front.end = period
    front.region = _region_of(title) or _region_of(front.bureau or "") or ""
    if not front.region:
        front.region = _frequent_place(blocks[front.body_from: front.body_to]) or "待填"
        review.add(front.title_line or 1, "draft_region_guessed", region=front.region)


def _numeral(text: str) -> int:
    """一..九, 十, 十二, 二十, 三十一: a month's or a day's number in Chinese numerals."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_UNITS.get(text, 0)
    return (_CN_UNITS.get(tens, 0) if tens else 1) * 10 + _CN_UNITS.get(units, 0)


def _arabic_date(text: str) -> str:
    """二〇二二年六月八日 as 2022年6月8日; any other text as it is but for its years."""
    text = arabic_years(text)
    return _CN_MONTH_DAY.sub(lambda m: f"{_numeral(m[1])}月{_numeral(m[2])}日", text)


def _period_of(text: str, first_year_only: bool = False) -> tuple[int, int] | None:
    text = arabic_years(text)  # 二〇二三年工作要点 is a 2023 plan
    for name, years in _FIVE_YEAR.items():
        if name in text:
            return years
    if m := _PERIOD_RANGE.search(text):
        start, end = int(m[1]), int(m[2])
        if start <= end:
            return start, end
    if m := _PLAN_YEAR.search(text) or _YEAR.search(text):
        year = int(m[1])
        return year, year
    return None


def _most_common_year_period(blocks: list[Block]) -> tuple[int, int]:
    years = Counter(int(y) for b in blocks if b.kind == "para" for y in _YEAR.findall(arabic_years(b.text)))
    if not years:
        return 2025, 2025
    year = years.most_common(1)[0][0]
    return year, year


def _region_of(text: str) -> str | None:
    m = _PLACE.match(text)
    if m and not any(m[1].endswith(word) for word in _NOT_PLACE):
        return m[1]
    return None


def _frequent_place(blocks: list[Block]) -> str | None:
    counts: Counter[str] = Counter()
    for block in blocks:
        if block.kind != "para":
            continue
        for m in re.finditer(r"([\u4e00-\u9fff]{2,3}(?:市|区|县))(?=人民政府|市场监督管理局|市场监管局|政府)",
                             block.text):
            name = m[1]
            if re.search(r"[委和及与各全本我该、]", name[:-1]):
                continue
            if not any(name.endswith(word) or word in name for word in _NOT_PLACE):
                counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None
