"""openpyxl imported without numpy, wherever numpy happens to be installed, and without parsing its
built-in cell styles until something asks for one.

openpyxl imports numpy whenever it can (``openpyxl.compat.numbers``), only to accept numpy's number
types as cell values, which plandesk never writes. Where numpy is installed that import cost the
workbook report 13 MiB and about 0.1 s: the 50,000-node workbook's peak went from 1.8x to 2.4x
`status`'s, over issue 15's 2x; where it is not, nothing changes. numpy is hidden only while
openpyxl loads (once per process); a later ``import numpy`` works as usual. Nothing of plandesk
imports numpy, so no other thread can meet the hidden module meanwhile.

openpyxl also parses the XML of Excel's 47 built-in named styles ("Good", "Comma", ...) as it is
imported (``openpyxl.styles.builtins``), a tenth of its import, though they are read only when a
cell is given a built-in style by name or a workbook without styles is read; plandesk's workbook
names its own. That module is stood in for by one whose ``styles`` parses them on first use (the
real module then takes its place), so any later use in the process gets exactly what it would have.
"""
from __future__ import annotations

import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any

_BUILTINS = "openpyxl.styles.builtins"


def load() -> None:
    """Import openpyxl, without numpy unless numpy is loaded already, its built-in styles parsed later."""
    if "openpyxl" in sys.modules:
        return
    hide = "numpy" not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # None: "import numpy" raises ImportError
    if _BUILTINS not in sys.modules:
        sys.modules[_BUILTINS] = _stand_in()
    try:
        import openpyxl  # noqa: F401  (loads openpyxl.compat.numbers, which decides once)
    finally:
        if hide and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


class BuiltinStyles(Mapping[str, Any]):
    """``openpyxl.styles.builtins.styles``, the real module loaded at the first look into it."""

    def __init__(self) -> None:
        self._styles: Mapping[str, Any] | None = None

    def _real(self) -> Mapping[str, Any]:
        if self._styles is None:
            self._styles = _real_module().styles
        return self._styles

    def __getitem__(self, name: str) -> Any:
        return self._real()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._real())

    def __len__(self) -> int:
        return len(self._real())


def _stand_in() -> types.ModuleType:
    module = types.ModuleType(_BUILTINS, "openpyxl's built-in named styles, parsed on first use")
    module.styles = BuiltinStyles()  # type: ignore[attr-defined]  # a module's attributes are set at run time

    def rest(name: str) -> Any:  # the module's other names (its styles' XML texts): the real module's
        if name.startswith("__"):  # what the import system asks a module (__path__: is it a package?)
            raise AttributeError(name)
        return getattr(_real_module(), name)

    module.__getattr__ = rest  # type: ignore[method-assign]  # PEP 562: looked up in the module's namespace
    return module


def _real_module() -> types.ModuleType:
    """Run openpyxl's own ``styles/builtins.py`` and put it in the stand-in's place."""
    import importlib.machinery
    import importlib.util

    import openpyxl.styles

    real = sys.modules.get(_BUILTINS)
    if real is not None and not isinstance(getattr(real, "styles", None), BuiltinStyles):
        return real
    spec = importlib.machinery.PathFinder.find_spec(_BUILTINS, openpyxl.styles.__path__)
    assert spec is not None and spec.loader is not None, "openpyxl.styles.builtins is part of openpyxl"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[_BUILTINS] = module
    openpyxl.styles.builtins = module  # type: ignore[attr-defined]  # as importing it would have set
    return module
