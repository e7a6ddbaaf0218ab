"""A drafted plan's review list and summary, in the clerk's language: shared by ``plandesk draft``
and the app's plan chooser (so the chooser need not import the command line)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.draft import Draft


def review_text(t: Callable[..., str], draft: Draft, file_name: str) -> str:
    """The review list as lines a clerk reads beside the plan file."""
    if not draft.review:
        return t("draft_review_none", file=file_name) + "\n"
    lines = [t("draft_review_header", file=file_name, n=len(draft.review))]
    lines += [t("draft_review_line", line=item.line, message=t(item.key, **item.params)) for item in draft.review]
    return "\n".join(lines) + "\n"


def summary(t: Callable[..., str], draft: Draft, path: str) -> str:
    nodes = [n for root in draft.plan.nodes for n in [root, *root.walk()]]
    milestones = sum(len(n.milestones) for n in nodes)
    return t("draft_written", path=path, nodes=len(nodes), milestones=milestones,
             indicators=len(draft.plan.indicators))
