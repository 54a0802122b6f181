"""``python -m arbeit_gesundheit``: the command line (see :mod:`arbeit_gesundheit.cli`)."""

from __future__ import annotations

from .cli import main

__all__: list[str] = []

if __name__ == "__main__":
    main()
