"""Safe writing of output files (sicheres Schreiben): never a half-written file.

Every exporter writes through :func:`write_atomic`: the content goes to a temporary file in
the target's directory and is renamed into place only when complete; an existing file is
replaced only when asked.
"""

from __future__ import annotations

from ._files import TEMP_SUFFIX, Writer, remove_stale_temporaries, write_atomic
from .exceptions import OutputError, OutputExistsError

__all__ = [
    "TEMP_SUFFIX",
    "OutputError",
    "OutputExistsError",
    "Writer",
    "remove_stale_temporaries",
    "write_atomic",
]
