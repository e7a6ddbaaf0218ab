"""The looks of states and lights, in one place: the command line's printouts, the app's widgets,
the HTML report and the workbook all read them here.

Terminal styles are Rich style strings; the paper formats (HTML, xlsx) take hex colours. Change a
colour here and every surface follows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from store import status as st

if TYPE_CHECKING:  # Rich only where a line is drawn: the csv, json and paper reports read colours alone
    from rich.text import Text

    from tui.i18n import Catalog

# a milestone's or an indicator year's state, in the terminal and the app
STATE_STYLE: dict[str, str] = {
    st.DONE: "green", st.DONE_LATE: "green", st.OVERDUE: "bold red", st.DUE_SOON: "yellow", st.OPEN: "",
    st.MET: "green", st.NOT_MET: "bold red", st.NO_VALUE: "dim", st.MISSING: "bold red", st.NO_TARGET: "dim",
}
# a traffic light's dot in a printout, and a tree line's title by its roll-up's light
LIGHT_STYLE: dict[str, str] = {"red": "bold red", "yellow": "yellow", "green": "green", "done": "dim green"}
LIGHT_TITLE: dict[str, str] = {"red": "bold red", "yellow": "yellow", "green": "", "done": "green"}
DONE_BAR = "green"  # progress bars: the share done
# the app's mark of a reporting light (store.lights) on a tree line and in the header: a glyph of
# neutral East Asian width, so that no Chinese terminal draws it two cells wide (● is ambiguous)
LIGHT_MARK = "◉"
LIGHT_COLOURS_ORDER = ("red", "yellow", "green")

# paper: fill and text of a light (Excel's "bad / neutral / good" pairs), used by html and xlsx
LIGHT_COLOURS: dict[str, tuple[str, str]] = {
    "red": ("FFC7CE", "9C0006"),
    "yellow": ("FFEB9C", "9C5700"),
    "green": ("C6EFCE", "006100"),
    "done": ("C6EFCE", "006100"),
}
# paper: the bars of an indicator's chart (target, and the recorded value by its light)
CHART_TARGET_FILL = "#7f9fc4"
CHART_ACTUAL_FILL: dict[str | None, str] = {"green": "#4f9a4f", "red": "#c0504d", "yellow": "#d6a630", None: "#8c8c8c",
                                            "done": "#4f9a4f"}


def counts_line(rollup: st.Rollup, t: Catalog, separator: str = " · ", zeros: bool = True) -> Text:
    """done · overdue · due soon · open, each in its state's style (the header and the printouts);
    without ``zeros``, a count of none is left out (a narrow header)."""
    from rich.text import Text

    line = Text()
    parts = [("done", rollup.done, STATE_STYLE[st.DONE]),
             ("overdue", rollup.counts[st.OVERDUE], STATE_STYLE[st.OVERDUE]),
             ("due_soon", rollup.counts[st.DUE_SOON], STATE_STYLE[st.DUE_SOON]),
             ("open", rollup.counts[st.OPEN], STATE_STYLE[st.OPEN])]
    for key, n, style in parts if zeros else [p for p in parts if p[1]]:
        if line:
            line.append(separator)
        line.append(f"{t(key)} {n}", style=style if n else "")
    return line


def light_mark(light: str) -> Text:
    """A reporting light's coloured mark (red / yellow / green); text appended to it is unstyled."""
    from rich.text import Text

    return Text().append(LIGHT_MARK, style=LIGHT_STYLE.get(light, ""))


def lights_line(counts: tuple[int, int, int], t: Catalog) -> Text:
    """red N yellow N green N, each in its light's colour (the header: short, so that it still fits
    an 80-column terminal in Chinese, 红16 黄64 绿0); a colour none has is dim."""
    from rich.text import Text

    line = Text()
    for i, (light, n) in enumerate(zip(LIGHT_COLOURS_ORDER, counts, strict=True)):
        if i:
            line.append(" ")
        line.append(t(f"ui_pg_hdr_{light}", n=n), style=LIGHT_STYLE[light] if n else "dim")
    return line
