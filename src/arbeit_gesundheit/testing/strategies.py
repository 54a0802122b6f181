"""Hypothesis strategies for every model (filled in by the strategies work)."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Entry point of the ``hypothesis`` group: registers the strategies for ``st.from_type``."""
