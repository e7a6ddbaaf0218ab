"""Draft a plan file from a bureau's plan document (.txt, .md, .docx) for a clerk to review.

``draft_file(path)`` reads the document, finds its title and period, builds the task tree
from the headings' numbering, reads indicator, project and task tables, finds the dated and
quantitative targets, and returns the plan file's text (which loads as it is) with a review
list of everything it had to guess, each with its line in the document.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from store.draft.finish import finish
from store.draft.front import read_front, skip_contents
from store.draft.model import DraftPlan
from store.draft.outline import Outline
from store.draft.reading import Document, read_document
from store.draft.review import Review, ReviewItem
from store.draft.writing import EMIT_EVERY, plan_document, to_yaml
from store.errors import PlandeskError
from store.loader import plan_problems

__all__ = ["Draft", "draft_document", "draft_file", "plan_id_for"]


@dataclass
class Draft:
    plan: DraftPlan
    yaml_text: str
    review: list[ReviewItem]
    encoding: str


def plan_id_for(file_name: str, start: int, end: int) -> str:
    """An ascii id from the file name and the period: ``通辽规划.txt`` -> ``plan-1a2b3c-2021-2025``."""
    stem = Path(file_name).stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if not slug:
        slug = "plan-" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:6]
    period = f"{start}" if start == end else f"{start}-{end}"
    return slug if slug.endswith(period) else f"{slug}-{period}"


def draft_document(document: Document, header: str = "") -> Draft:
    review = Review()
    blocks = document.blocks
    if not any(b.kind in ("para", "table") for b in blocks):
        raise PlandeskError("err_draft_no_text", file=document.name)
    stem = Path(document.name).stem
    if document.wrapped_at is not None:  # a PDF's text: say so, a paragraph's end was inferred
        review.add(1, "draft_unwrapped", chars=document.wrapped_at // 2)
    for formula in document.unsaved:  # its row drafts as if the cell were blank: say why
        review.add(formula.row, "draft_formula_no_value", sheet=formula.sheet, cell=formula.cell)
    blocks = skip_contents(blocks, review)
    front = read_front(blocks, stem, review)
    outline = Outline(blocks, front, review)
    root = outline.build()
    if not root.children:
        raise PlandeskError("err_draft_no_plan", file=document.name)
    finish(root, front.start, front.end, review, recurring_key=EMIT_EVERY)
    for number, indicator in enumerate(outline.indicators, start=1):
        indicator.id = f"i{number:02d}"
    plan = DraftPlan(id=plan_id_for(document.name, front.start, front.end), region=front.region,
                     title=front.title, start=front.start, end=front.end, source_file=document.name,
                     bureau=front.bureau, doc_number=front.doc_number, issued=front.issued,
                     nodes=root.children, indicators=outline.indicators)
    doc = plan_document(plan)
    text = to_yaml(doc, header)
    problems = plan_problems(doc, document.name)
    if problems:  # a defect of the draft, never the clerk's: say so rather than write a broken file
        raise PlandeskError("err_draft_broken", file=document.name, problem=problems[0])
    return Draft(plan, text, review.items, document.encoding)


def draft_file(path: Path | str, header: str = "") -> Draft:
    return draft_document(read_document(path), header)
