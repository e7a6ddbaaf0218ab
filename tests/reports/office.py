"""LibreOffice in tests: convert a workbook or document to PDF and read it back as words with boxes.

Skips (saying why) where ``soffice`` or poppler's pdftotext/pdfinfo are missing; ``.ci/run``
installs them so that CI runs these tests.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest


class Word(NamedTuple):
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def needs_office() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui "
                    "libreoffice-writer-nogui); .ci/run installs it")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("pdftotext/pdfinfo are not installed (apt-get install poppler-utils)")
    return soffice


def to_pdf(source: Path, outdir: Path) -> Path:
    """``soffice --headless --convert-to pdf`` with a profile of its own (tests may run in parallel)."""
    soffice = needs_office()
    profile = outdir / "lo-profile"
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                             "pdf", "--outdir", str(outdir), str(source)], capture_output=True, text=True,
                            timeout=300)
    pdf = outdir / (source.stem + ".pdf")
    assert pdf.exists(), result.stderr[-2000:]
    return pdf


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def words(pdf: Path) -> list[Word]:
    """Every word with its box, page by page (``pdftotext -bbox``)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found: list[Word] = []
    for page, body in enumerate(html.split("<page ")[1:], 1):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            found.append(Word(page, float(x0), float(y0), float(x1), float(y1), word))
    return found


def overprinted(found: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words on one page whose boxes overlap by more than a third of the smaller one."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for w in found:
        by_page.setdefault(w.page, []).append(w)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w.y0)
        for i, a in enumerate(page_words):
            for b in page_words[i + 1:]:
                if b.y0 >= a.y1:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                smaller = min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
                if dx > 0 and dy > 0 and dx * dy > smaller / 3:
                    pairs.append((a, b))
    return pairs
