"""Every path plandesk uses, in one place (posting's locations.py model).

The database lives in the platform's user data folder unless ``--db`` or ``PLANDESK_DB`` say
otherwise; the seed plans ship inside the package.
"""
from __future__ import annotations

import os
from pathlib import Path

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


def seed_plans_path() -> Path:
    """seed_plans.yaml: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seed_plans.yaml", here.parent / "seed_plans.yaml"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("seed_plans.yaml is missing from the plandesk installation")
