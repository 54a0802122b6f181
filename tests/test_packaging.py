"""Packaging facts written once: the version lives in ``pyproject.toml`` only."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import arbeit_gesundheit

ROOT = Path(__file__).parent.parent


def test_the_version_is_read_from_the_package_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert arbeit_gesundheit.__version__ == version("arbeit_gesundheit") == project["version"]
    source = (ROOT / "src" / "arbeit_gesundheit" / "__init__.py").read_text(encoding="utf-8")
    assert project["version"] not in source
