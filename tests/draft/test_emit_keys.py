"""The draft writes ``lead`` / ``support`` / ``every`` exactly when the plan loader reads them
(store/draft/writing.py: EMIT_LEAD_SUPPORT, EMIT_EVERY), and its file imports either way."""
from __future__ import annotations

import dataclasses

import pytest

import store.draft as draft_module
from store.draft import writing
from store.loader import MilestoneData, NodeData

from .conftest import FIXTURES, lead_units, milestones, nodes, support_units

REPO_SOURCES = FIXTURES.parents[1] / "seeds" / "source"


def _loader_reads(cls: type, name: str) -> bool:
    return name in {f.name for f in dataclasses.fields(cls)}


def test_the_switches_follow_what_the_loader_reads() -> None:
    """Off while the loader would drop the keys (a lead unit written as ``lead`` would be lost);
    on once it reads them. When this fails after a merge, flip the switch it names."""
    assert _loader_reads(NodeData, "support") == writing.EMIT_LEAD_SUPPORT, \
        "the loader's lead/support reading changed: set EMIT_LEAD_SUPPORT in store/draft/writing.py to match"
    assert _loader_reads(MilestoneData, "every") == writing.EMIT_EVERY, \
        "the loader's every reading changed: set EMIT_EVERY in store/draft/writing.py to match"


@pytest.fixture(params=[False, True], ids=["keys-off", "keys-on"])
def emitting(request, monkeypatch) -> bool:
    monkeypatch.setattr(writing, "EMIT_LEAD_SUPPORT", request.param)
    monkeypatch.setattr(writing, "EMIT_EVERY", request.param)
    monkeypatch.setattr(draft_module, "EMIT_EVERY", request.param)
    return request.param


def test_units_are_written_in_the_form_switched_on_and_the_file_imports(emitting: bool, drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "task_table.txt")  # drafted() loads the file with the real loader
    first = next(n for n in nodes(doc) if n["kind"] == "task")
    assert lead_units(first) == ["市市场监管局质量发展科"]
    assert support_units(first) == ["市发展改革委", "市工信局"]
    assert ("support" in first) is emitting and ("lead" in first) is emitting
    assert ("配合单位" in (first.get("fields") or {})) is not emitting


def test_recurring_targets_are_written_as_every_year_when_switched_on(emitting: bool, drafted) -> None:
    draft, luoyang, _ = drafted(REPO_SOURCES / "002_c97b93fe9adfb2ac.txt")
    recurring = [m for m in milestones(luoyang) if m.get("every") == "year"]
    assert bool(recurring) is emitting
    assert ("draft_recurring" in [i.key for i in draft.review]) is not emitting
