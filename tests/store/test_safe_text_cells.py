"""``cell_text`` skips its regex for ordinary text; what it returns must not change: every control,
bidi and separator character still shows as a marker, and a formula's lead still gets its quote."""
from __future__ import annotations

from store.safe_text import FORMULA_LEADS, cell_text, is_formula_like, visible

SAMPLES = ["推进市场主体登记便利化", "区市场监管局、区商务委", "", " 前导空格", "a\tb", "第一行\n第二行",
           "=SUM(A1:A2)", "+86 123", "-0.05", "@cmd", "完成[/]", "≤0.1", "①Ⅲ—", "\u00a0不换行空格"]
SAMPLES += [f"任务{chr(code)}标题" for code in [*range(0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
                                                  *range(0x2066, 0x206a), 0x2028, 0x2029, 0x200b, 0xfeff]]
SAMPLES += [lead + "任务" for lead in FORMULA_LEADS]


def test_cell_text_is_the_visible_text_never_a_formula() -> None:
    for text in SAMPLES:
        shown = visible(text)
        expected = "'" + shown if is_formula_like(shown) else shown
        assert cell_text(text) == expected, repr(text)
    assert cell_text("任务\u202e反转") == "任务\\u202e反转"
    assert cell_text("=1+1") == "'=1+1"
