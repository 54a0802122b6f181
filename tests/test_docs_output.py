"""Guide pages whose code shows its output as comments print exactly that.

Each page's ``python`` blocks run in order in one namespace (``workdir`` is a temporary
directory). Comments right after a ``print(...)`` call (inline, or comment lines directly
below it) are its expected output. (``tests/test_docs_snippets.py`` runs every page; this
file also checks what these pages say they print.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "topics"
PAGES = [
    "participation.md",
    "instruments.md",
    "small-counts.md",
    "metrics.md",
    "synthetic-data.md",
    "annual-review.md",
]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def expected_output(code: str) -> str:
    pieces: list[str] = []
    following_print = False
    for line in code.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if following_print:
                pieces.append(stripped.lstrip("#").strip())
            continue
        following_print = stripped.startswith("print(")
        if following_print and "  # " in line:
            pieces.append(line.split("  # ", 1)[1].strip())
    return " ".join(pieces)


@pytest.mark.parametrize("page", PAGES)
def test_page_prints_what_it_shows(page: str, tmp_path: Path) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, f"no python blocks in {page}"
    printed: list[str] = []
    namespace: dict[str, object] = {
        "__name__": f"docs_{page}",
        "workdir": str(tmp_path),
        "print": lambda *args: printed.append(" ".join(str(a) for a in args)),
    }
    for code in blocks:
        printed.clear()
        exec(compile(code, f"{page}", "exec"), namespace)
        actual = " ".join(" ".join(p.split()) for p in printed)
        assert actual == " ".join(expected_output(code).split())
