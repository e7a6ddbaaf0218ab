"""A file written for the clerk, checked and atomic, its refusal phrased in the clerk's language.

Shared by the command line (``tui.cli.output.write_file``) and the app (``w``, a report), so
both refuse the same paths with the same words; the rules live in ``store/files.py``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from store.errors import PlandeskError

if TYPE_CHECKING:
    from tui.i18n import Catalog


def write_guarded(t: Catalog, target: str | Path, write: Callable[[BinaryIO], None], *,
                  protected: Iterable[str | Path]) -> bool:
    """``store.files.write_output`` with its refusals as one PlandeskError in ``t``'s language;
    True if an existing file was replaced."""
    from store import files

    try:
        return files.write_output(target, write, protected=protected)
    except files.OutputRefused as exc:
        raise PlandeskError(t(f"sd_out_{exc.reason}", path=exc.path, guarded=exc.guarded)) from None
    except OSError as exc:
        from tui.phrases import os_reason

        raise PlandeskError(t("sd_out_failed", path=target, reason=os_reason(t, exc))) from None
