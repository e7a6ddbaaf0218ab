"""Golden digests of a document's parts (a workbook, a Word draft): a writer made faster must write
every part as before. ``PLANDESK_REGEN=1`` records the current parts instead of checking them."""
from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from store import actions

SEED_PLANS = ("wulong", "linyi", "luoyang", "tongliao", "xiangyang")
SEED_AS_OF = date(2024, 1, 15)


def part_digests(write: Callable[[BinaryIO], object]) -> dict[str, str]:
    """Each part of the package ``write`` makes, by digest (its creation and modification times aside)."""
    out = io.BytesIO()
    write(out)
    with zipfile.ZipFile(out) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest()[:20] for name in sorted(archive.namelist())
                if name != "docProps/core.xml"}


def check_parts(expected_file: Path, case: str, parts: dict[str, str], what: str) -> None:
    """``parts`` are the ones recorded for ``case`` (or are recorded, under ``PLANDESK_REGEN``)."""
    recorded = json.loads(expected_file.read_text(encoding="utf-8")) if expected_file.exists() else {}
    if os.environ.get("PLANDESK_REGEN"):
        recorded[case] = parts
        expected_file.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = recorded[case]
    differ = sorted(name for name in expected.keys() | parts.keys() if expected.get(name) != parts.get(name))
    assert not differ, f"{case}: these parts of the {what} changed: {differ}"


def tick_with_notes(conn: sqlite3.Connection, plan_id: str, every: int, notes: tuple[str | None, ...]) -> None:
    """Every ``every``-th milestone of the plan done, some late, each with a note that needs care."""
    ids = [row[0] for row in conn.execute("SELECT id FROM milestones WHERE plan_id = ? ORDER BY seq", (plan_id,))]
    for k, milestone in enumerate(ids[::every]):
        actions.tick(conn, milestone, date(2021 + k % 3, 1 + k % 12, 1 + k % 28), notes[k % len(notes)])
