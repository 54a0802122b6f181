"""The code in the eligibility guide runs, and prints what the page shows after it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

PAGE = Path(__file__).parent.parent / "docs" / "topics" / "eligibility.md"
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.DOTALL)


def test_eligibility_guide_examples_run_and_print_what_the_page_shows() -> None:
    blocks = [
        (m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(PAGE.read_text())
    ]
    assert sum(kind == "python" for kind, *_ in blocks) >= 5
    text = PAGE.read_text()
    namespace: dict[str, object] = {"__name__": "eligibility_guide"}
    checked = 0
    for index, (kind, code, _, end) in enumerate(blocks):
        if kind != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{PAGE.name} block {index}", "exec"), namespace)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following[0] == "text"
            and not text[end : following[2]].strip()
        ):
            assert out.getvalue().strip() == following[1].strip(), f"block {index}"
            checked += 1
        else:
            assert not out.getvalue(), f"block {index} prints but the page shows no output"
    assert checked >= 4
