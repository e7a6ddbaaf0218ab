"""The looks of states and lights live in tui/theme.py alone; every surface reads them there."""
from __future__ import annotations

import re
from pathlib import Path

from store import status as st
from tui import theme

TUI = Path(__file__).resolve().parents[2] / "tui"


def test_every_state_and_light_has_a_style() -> None:
    states = {*st.MILESTONE_STATES, st.MET, st.NOT_MET, st.NO_VALUE, st.MISSING, st.NO_TARGET}
    assert states <= set(theme.STATE_STYLE)
    lights = {"red", "yellow", "green", "done"}
    assert lights <= set(theme.LIGHT_STYLE) and lights <= set(theme.LIGHT_TITLE) and lights <= set(theme.LIGHT_COLOURS)


def test_no_other_module_has_its_own_copy_of_a_colour() -> None:
    colours = {fill for fill, _ in theme.LIGHT_COLOURS.values()} | {text for _, text in theme.LIGHT_COLOURS.values()}
    colours |= {theme.CHART_TARGET_FILL.lstrip("#")} | {c.lstrip("#") for c in theme.CHART_ACTUAL_FILL.values()}
    found = []
    for path in TUI.rglob("*.py"):
        if path.name == "theme.py":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {c}" for c in colours if re.search(rf"\b{c}\b", text, re.IGNORECASE)]
        if re.search(r"STATE_STYLE\s*=|LIGHT_STYLE\s*=|LIGHT_COLOURS\s*=\s*\{", text):
            found.append(f"{path.name}: a table of styles")
    assert not found


def test_the_html_page_is_coloured_from_the_theme() -> None:
    from tui.reports import html_page

    for name, (fill, text) in theme.LIGHT_COLOURS.items():
        assert f".light-{name} {{ background: #{fill}; color: #{text}; }}" in html_page.LIGHT_CSS
