"""Traffic lights (亮灯): placeholder, filled in below."""
from __future__ import annotations

DEFAULT_YELLOW_LAG = 10.0
DEFAULT_RED_LAG = 30.0
