"""The code on the metrics, synthetic-data and annual-review pages runs as written.

Each page's ``python`` blocks run in order in one namespace (``workdir`` is a temporary
directory). Comments right after a ``print(...)`` call are its expected output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "topics"
PAGES = ["metrics.md", "synthetic-data.md", "annual-review.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", PAGES)
def test_page_code_runs(page: str, tmp_path: Path) -> None:
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
        exec(compile(code, page, "exec"), namespace)
        expected = [line.split("# ", 1)[1].strip() for line in code.splitlines()
                    if line.lstrip().startswith("print(") and "# " in line]  # fmt: skip
        assert printed == expected
