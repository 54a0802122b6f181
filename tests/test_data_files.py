"""One check behind every reader of data files: header, empty files, non-regular files."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from arbeit_gesundheit.exceptions import DocumentError
from arbeit_gesundheit.jsonl import check_data_file, read_data_file, write_jsonl
from arbeit_gesundheit.synthetic import generate_cohort


@pytest.fixture(scope="module")
def good_lines(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    path = tmp_path_factory.mktemp("data") / "daten.jsonl"
    write_jsonl(generate_cohort(seed=3, participants=5), path)
    return path.read_bytes().splitlines(keepends=True)


def test_a_good_file_reads(tmp_path: Path, good_lines: list[bytes]) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_bytes(b"".join(good_lines))
    kind, dataset, problems = check_data_file(path)
    assert (kind, problems) == ("JSON Lines", [])
    assert dataset == read_data_file(path)
    assert dataset is not None
    assert len(dataset.participants) == 5


@pytest.mark.parametrize("version", [2, "1", 1.5, 0, None])
def test_an_unsupported_header_version_is_refused(
    tmp_path: Path, good_lines: list[bytes], version: object
) -> None:
    header = orjson.loads(good_lines[0])
    assert header["type"] == "dataset"
    header["format_version"] = version
    path = tmp_path / "v.jsonl"
    path.write_bytes(orjson.dumps(header) + b"\n" + b"".join(good_lines[1:]))
    _kind, dataset, problems = check_data_file(path)
    assert dataset is None
    assert [p.path for p in problems] == ["line 1"]
    assert "format_version" in problems[0].message


def test_a_header_after_records_and_every_bad_line_are_named(
    tmp_path: Path, good_lines: list[bytes]
) -> None:
    path = tmp_path / "late.jsonl"
    path.write_bytes(b"".join(good_lines[1:3]) + good_lines[0] + b"{not json\n" + b"[1]\n")
    _kind, dataset, problems = check_data_file(path)
    assert dataset is None
    assert [p.path for p in problems] == ["line 3", "line 4", "line 5"]
    with pytest.raises(DocumentError) as info:
        read_data_file(path)
    assert len(info.value.problems) == 3


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leer.jsonl"
    path.write_bytes(b"\n\n")
    _kind, dataset, problems = check_data_file(path)
    assert dataset is None
    assert "empty file" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("name", ["pipe.jsonl", "pipe.json"])
def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    os.mkfifo(path)
    _kind, dataset, problems = check_data_file(path)
    assert dataset is None
    assert problems[0].message == "not a regular file"
