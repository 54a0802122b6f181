"""Safe writing: complete file or no file, no clobbering, library errors."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit.exceptions import ArbeitGesundheitError, InvalidFieldError
from arbeit_gesundheit.files import (
    TEMP_SUFFIX,
    OutputError,
    OutputExistsError,
    remove_stale_temporaries,
    write_atomic,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Boom(Exception):
    pass


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def listing(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- writing --------------------------------------------------------------------------


@given(content=st.binary(max_size=5000))
def test_bytes_round_trip_and_no_temporary_left(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        target = Path(name) / "out.bin"
        result = write_atomic(target, content)
        assert result == target
        assert target.read_bytes() == content
        assert [p.name for p in Path(name).iterdir()] == ["out.bin"]


@given(text=st.text(max_size=300))
def test_str_is_written_as_utf8(text: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        target = Path(name) / "out.txt"
        write_atomic(str(target), text)
        assert target.read_bytes() == text.encode("utf-8")


@given(chunks=st.lists(st.binary(max_size=200), max_size=8))
def test_callable_streams_into_the_file(chunks: list[bytes]) -> None:
    def writer(handle: BinaryIO) -> None:
        for chunk in chunks:
            handle.write(chunk)

    with tempfile.TemporaryDirectory() as name:
        target = Path(name) / "stream.bin"
        write_atomic(target, writer)
        assert target.read_bytes() == b"".join(chunks)


def test_new_file_gets_umask_permissions(folder: Path) -> None:
    target = write_atomic(folder / "a.csv", b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~current_umask()


# --- overwriting ----------------------------------------------------------------------


def test_existing_file_is_not_overwritten_without_the_flag(folder: Path) -> None:
    target = folder / "report.csv"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError) as info:
        write_atomic(target, b"new")
    assert str(target) in str(info.value)
    assert "overwrite" in str(info.value)
    assert isinstance(info.value, ArbeitGesundheitError)
    assert isinstance(info.value, FileExistsError)
    assert listing(folder) == {"report.csv": b"old"}


def test_overwrite_replaces_and_keeps_permissions(folder: Path) -> None:
    target = folder / "report.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new content", overwrite=True)
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert listing(folder) == {"report.csv": b"new content"}


def test_file_created_meanwhile_is_never_clobbered(folder: Path) -> None:
    target = folder / "report.csv"

    def writer(handle: BinaryIO) -> None:
        handle.write(b"ours")
        target.write_bytes(b"theirs")  # another process wins the race

    with pytest.raises(OutputExistsError):
        write_atomic(target, writer)
    assert listing(folder) == {"report.csv": b"theirs"}


# --- failures -------------------------------------------------------------------------


@given(
    existing=st.none() | st.binary(max_size=300),
    written=st.binary(max_size=3000),
    error=st.sampled_from([Boom, KeyboardInterrupt, ValueError]),
)
def test_failure_mid_write_leaves_no_trace(
    existing: bytes | None, written: bytes, error: type[BaseException]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        target = folder / "out.xlsx"
        if existing is not None:
            target.write_bytes(existing)
        before = listing(folder)
        raised = error("stop")

        def writer(handle: BinaryIO) -> None:
            handle.write(written)
            handle.flush()
            raise raised

        with pytest.raises(error) as info:
            write_atomic(target, writer, overwrite=True)
        assert info.value is raised  # the caller's exception passes through unchanged
        assert listing(folder) == before


def test_os_error_inside_the_writer_becomes_output_error(folder: Path) -> None:
    def writer(handle: BinaryIO) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as info:
        write_atomic(folder / "x.bin", writer)
    assert "x.bin" in str(info.value)
    assert isinstance(info.value.__cause__, OSError)
    assert listing(folder) == {}


def test_missing_directory_is_a_library_error(folder: Path) -> None:
    target = folder / "missing" / "out.csv"
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"x")
    assert str(target) in str(info.value)
    assert "does not exist" in str(info.value)


def test_directory_as_target_is_a_library_error(folder: Path) -> None:
    (folder / "sub").mkdir()
    with pytest.raises(OutputError, match="directory"):
        write_atomic(folder / "sub", b"x", overwrite=True)


@pytest.mark.skipif(IS_ROOT or sys.platform == "win32", reason="permissions are not enforced")
def test_unwritable_directory_is_a_library_error(folder: Path) -> None:
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied") as info:
            write_atomic(locked / "out.csv", b"x")
        assert str(locked / "out.csv") in str(info.value)
    finally:
        locked.chmod(0o700)


def test_permission_error_is_a_library_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("arbeit_gesundheit.files.os.open", refuse)
    with pytest.raises(OutputError, match="permission denied") as info:
        write_atomic(folder / "out.csv", b"x")
    assert str(folder / "out.csv") in str(info.value)


def test_file_system_without_hard_links_still_refuses_existing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr("arbeit_gesundheit.files.os.link", no_links)
    target = write_atomic(folder / "a.txt", b"one")
    assert target.read_bytes() == b"one"

    other = folder / "b.txt"

    def writer(handle: BinaryIO) -> None:
        handle.write(b"two")
        other.write_bytes(b"theirs")

    with pytest.raises(OutputExistsError):
        write_atomic(other, writer)
    assert listing(folder) == {"a.txt": b"one", "b.txt": b"theirs"}


@pytest.mark.parametrize("data", [123, None, ["a"]])
def test_bad_data_is_rejected(folder: Path, data: object) -> None:
    with pytest.raises(InvalidFieldError, match="data"):
        write_atomic(folder / "x", data)  # type: ignore[arg-type]
    assert listing(folder) == {}


def test_bad_overwrite_flag_is_rejected(folder: Path) -> None:
    with pytest.raises(InvalidFieldError, match="overwrite"):
        write_atomic(folder / "x", b"", overwrite="yes")  # type: ignore[arg-type]


# --- hard kill --------------------------------------------------------------------------

_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from arbeit_gesundheit.files import write_atomic

    def writer(handle):
        handle.write(b"partial" * 1000)
        handle.flush()
        print("writing", flush=True)
        time.sleep(60)
        handle.write(b"never")

    write_atomic(sys.argv[1], writer, overwrite=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("existing", [None, b"the previous report"])
def test_killed_process_leaves_no_partial_target(folder: Path, existing: bytes | None) -> None:
    target = folder / "report.html"
    if existing is not None:
        target.write_bytes(existing)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"writing\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    if existing is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == existing
    leftovers = [p for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert len(leftovers) == 1  # documented: the temporary file may remain
    assert remove_stale_temporaries(folder, older_than=timedelta(0)) == leftovers
    assert [p.name for p in folder.iterdir()] == ([] if existing is None else ["report.html"])


# --- stale temporaries ----------------------------------------------------------------


def test_remove_stale_temporaries_only_touches_old_leftovers(folder: Path) -> None:
    old = folder / f".report.csv.0123456789abcdef{TEMP_SUFFIX}"
    fresh = folder / f".report.csv.fedcba9876543210{TEMP_SUFFIX}"
    unrelated = [folder / "report.csv", folder / f"notes{TEMP_SUFFIX}", folder / ".x.tmp"]
    for path in [old, fresh, *unrelated]:
        path.write_bytes(b"x")
    past = time.time() - 7200
    os.utime(old, (past, past))
    for path in unrelated:
        os.utime(path, (past, past))
    assert remove_stale_temporaries(folder) == [old]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in [fresh, *unrelated])


def test_remove_stale_temporaries_rejects_bad_input(folder: Path) -> None:
    with pytest.raises(InvalidFieldError):
        remove_stale_temporaries(folder, older_than=timedelta(seconds=-1))
    with pytest.raises(OutputError):
        remove_stale_temporaries(folder / "missing")
