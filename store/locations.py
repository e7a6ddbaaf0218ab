"""Every path plandesk uses, in one place (posting's locations.py model).

The database lives in the platform's user data folder unless ``--db`` or ``PLANDESK_DB`` say
otherwise; the seed plans ship inside the package.
"""
from __future__ import annotations

import os
from pathlib import Path

from store.errors import BadInput

APP_NAME = "plandesk"
DB_ENV = "PLANDESK_DB"
DB_FILE = "plandesk.sqlite3"


def default_db_path() -> Path:
    """The embedded default database file, in the user data folder (XDG on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILE


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` beats ``PLANDESK_DB`` beats the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


class DbLocationRefused(BadInput):
    """``--db`` names no file (``''``) or a file in a folder that does not exist."""

    def __init__(self, reason: str, path: Path | None = None):
        self.reason, self.path = reason, path
        super().__init__("--db: empty path" if reason == EMPTY_PATH else
                         f"--db: the folder {path.parent if path else ''} does not exist (add --create to make it)")


EMPTY_PATH = "empty"
NO_FOLDER = "no_folder"


def check_db_location(explicit: str | os.PathLike[str] | None, *, create: bool = False) -> Path:
    """The database path to open, refusing ``--db ''`` and a typo'd folder.

    A new file is created (and seeded) as before, but only in a folder that exists, or with
    ``create``: ``--db ~/plandsek/x.sqlite3`` would otherwise silently start an empty second
    database in a new folder. The default data folder is always created on first run.
    """
    if explicit is not None and not str(explicit).strip():
        raise DbLocationRefused(EMPTY_PATH)
    path = resolve_db_path(explicit)
    if path.parent.is_dir() or path == default_db_path():
        return path
    if not create:
        raise DbLocationRefused(NO_FOLDER, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def seed_plans_path() -> Path:
    """seed_plans.yaml: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seed_plans.yaml", here.parent / "seed_plans.yaml"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("seed_plans.yaml is missing from the plandesk installation")
