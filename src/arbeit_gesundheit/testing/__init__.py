"""Public testing helpers for downstream test suites (Hypothesis strategies, plugin test kit).

``arbeit_gesundheit.testing.strategies`` needs Hypothesis (the ``testing`` extra); it is
imported only when used, so importing this package stays cheap and needs nothing extra.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import strategies

__all__ = ["strategies"]


def __getattr__(name: str) -> ModuleType:
    if name == "strategies":
        return importlib.import_module(f"{__name__}.strategies")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
