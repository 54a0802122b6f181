"""Every example runs in the suite exactly once.

The site examples run in ``tests/test_examples.py`` (which also checks their figures) and the
store example in ``tests/store/test_store_example.py``; the rest run here.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from test_examples import SITE_EXAMPLES

ROOT = Path(__file__).parent.parent
ALL = sorted((ROOT / "examples").glob("*.py"))
ELSEWHERE = {*SITE_EXAMPLES.values(), "site_store.py"}
HERE = [p for p in ALL if p.name not in ELSEWHERE]


@pytest.mark.parametrize("script", HERE, ids=lambda p: p.name)
def test_example_runs(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out.strip(), f"{script.name} printed nothing"


def test_every_example_has_one_runner() -> None:
    names = {p.name for p in ALL}
    assert names >= ELSEWHERE, ELSEWHERE - names
    store_test = (ROOT / "tests" / "store" / "test_store_example.py").read_text(encoding="utf-8")
    assert '"site_store.py"' in store_test
    assert HERE, "no example left for the smoke test"
