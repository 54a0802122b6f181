"""The command line ``arbeit-gesundheit`` (also ``python -m arbeit_gesundheit``).

Commands: ``sites``, ``modules``, ``partners``, ``plugins``, ``formats``, ``explain``,
``validate``, ``report`` (the annual report, the main job) and ``careplans`` (care plans for
a partner, with consent). Output is German unless ``--lang en`` is given.

Exit codes: 0 success; 1 invalid data or another error; 2 wrong usage (unknown option,
site or format); 3 a plugin failed (or an optional extra is missing); 4 the output file
exists (use ``--overwrite``); 130 interrupted (Ctrl-C).

Only click and the standard library are imported at start-up; everything else is
imported inside the commands, so ``--help`` answers in a fraction of a second.
"""

from __future__ import annotations

from ._main import cli, main
from ._state import EXIT_DATA, EXIT_OK, EXIT_OUTPUT_EXISTS, EXIT_PLUGIN, EXIT_USAGE

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_OUTPUT_EXISTS",
    "EXIT_PLUGIN",
    "EXIT_USAGE",
    "cli",
    "main",
]
