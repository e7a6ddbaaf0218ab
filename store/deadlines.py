"""Turn a deadline as printed in a plan (到2025年, 年底, 2022年6月底, 2023—2024 ...) into dates.

Plans state deadlines in Chinese phrases; a tracker needs dates. A phrase without a year
(年内, 上半年) belongs to the plan's own year, passed in as ``default_year``.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from store.problems import Say


class DeadlineError(ValueError):
    """A deadline phrase that cannot be read as a date; ``said`` is why (store.problem_texts)."""

    def __init__(self, key: str, **values: object) -> None:
        self.said = Say(key, values)
        super().__init__(str(self.said))


@dataclass(frozen=True)
class Deadline:
    due: date
    start: date | None = None
    opens: date | None = None  # first day of the period the phrase names (2022年 -> 2022-01-01)

    @property
    def as_start(self) -> date:
        """The phrase read as a start date: 2022年 starts on 1 January, not 31 December."""
        return self.start or self.opens or self.due


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}

_LEAD = re.compile(r"^(?:到|至|于|在|截至|截止|截止到|力争|力争到|争取|争取到|预计)+")
_TRAIL = re.compile(r"(?:以前|之前|前|完成|为止|止|期间|内完成)+$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_RANGE = re.compile(r"^(\d{4})年?\s*[—–\-~～至到]+\s*(\d{4})年?(?:底|末)?$")
_FULL_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日$")
_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:份)?(?:底|末|中旬|下旬|上旬)?$")
_YEAR_PART = re.compile(
    r"^(?:(\d{4})年?)?(年底|年末|底|末|年内|内|全年|上半年|下半年|(?:第)?([一二三四1-4])季度(?:末|底)?)?$"
)


# a year in Chinese numerals as 公文 print it: 二〇二三年, or the first of 二〇二一—二〇二五年 (〇 U+3007;
# ○ U+25CB and 零 in some copies)
_CN_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九十])[一二][〇○零一二三四五六七八九]{3}"
                      r"(?=\s*年|\s*[—–\-－~～至到]+\s*[一二][〇○零一二三四五六七八九]{3}\s*年)")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def arabic_years(text: str) -> str:
    """``text`` with each year in Chinese numerals (二〇二三年, 二○二四年) in Arabic digits (2023年),
    one digit per numeral: the same length, so that a match in it is a span of ``text`` too."""
    if "〇" not in text and "○" not in text and "零" not in text and "九" not in text:
        return text  # every year 1900..2099 in numerals has one of these: most text is done here
    return _CN_YEAR.sub(lambda m: m[0].translate(_CN_YEAR_DIGITS), text)


def _month_end(year: int, month: int) -> date:
    if not 1 <= month <= 12:
        raise DeadlineError("pr_no_month", month=month)
    return date(year, month, calendar.monthrange(year, month)[1])


def _normalise(phrase: str) -> str:
    text = unicodedata.normalize("NFKC", phrase).strip()
    text = arabic_years(re.sub(r"\s+", "", text))
    for word, number in sorted(_CN_DIGITS.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\d一二三四五六七八九十]){word}(?=月)", str(number), text)
    text = _LEAD.sub("", text)
    text = _TRAIL.sub("", text)
    return text


def parse_deadline(phrase: str | date, default_year: int) -> Deadline:
    """Read a deadline phrase; raise DeadlineError with the reason if it is not one."""
    if isinstance(phrase, date):
        return Deadline(due=phrase)
    text = _normalise(str(phrase))
    if not text:
        raise DeadlineError("pr_empty_deadline")
    try:
        if m := _ISO.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return Deadline(due=day, opens=day)
        if m := _RANGE.match(text):
            first, last = int(m[1]), int(m[2])
            if last < first:
                raise DeadlineError("pr_range_backwards", phrase=phrase)
            return Deadline(start=date(first, 1, 1), due=date(last, 12, 31))
        if m := _FULL_DATE.match(text):
            day = date(int(m[1] or default_year), int(m[2]), int(m[3]))
            return Deadline(due=day, opens=day)
        if m := _MONTH.match(text):
            end = _month_end(int(m[1] or default_year), int(m[2]))
            return Deadline(due=end, opens=end.replace(day=1))
        if (m := _YEAR_PART.match(text)) and (m[1] or m[2]):
            year = int(m[1] or default_year)
            part = m[2] or ""
            if part == "上半年":
                return Deadline(due=date(year, 6, 30), opens=date(year, 1, 1))
            if part == "下半年":
                return Deadline(start=date(year, 7, 1), due=date(year, 12, 31))
            if m[3]:
                quarter = int(m[3]) if m[3].isdigit() else _CN_DIGITS[m[3]]
                month, last_day = _QUARTER_END[quarter]
                return Deadline(due=date(year, month, last_day), opens=date(year, month - 2, 1))
            return Deadline(due=date(year, 12, 31), opens=date(year, 1, 1))
    except ValueError as exc:  # date() out of range
        if isinstance(exc, DeadlineError):
            raise
        raise DeadlineError("pr_not_real_phrase", phrase=phrase) from exc
    return _parse_with_dateutil(str(phrase))


def _parse_with_dateutil(phrase: str) -> Deadline:
    """Last resort for other written dates (``30 June 2024``, ``2024.6.30``), year first."""
    from dateutil import parser  # imported here: only unusual phrases need it

    text = unicodedata.normalize("NFKC", phrase).strip()
    if not re.search(r"\d{4}", text):
        raise DeadlineError("pr_not_a_deadline", phrase=phrase)
    try:
        parsed = parser.parse(text, yearfirst=True, dayfirst=False, default=None)
    except (ValueError, OverflowError, TypeError) as exc:
        raise DeadlineError("pr_not_a_deadline", phrase=phrase) from exc
    return Deadline(due=parsed.date(), opens=parsed.date())
