"""Faults: two writing processes, a process killed mid-import, a read-only file, a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from store_data import demo, person, small_dataset

from arbeit_gesundheit import Enrolment, EnrolmentStatus
from arbeit_gesundheit.exceptions import StoreAccessError
from arbeit_gesundheit.store import Store, init_store, open_store

HERE = Path(__file__).parent
_WRITER = textwrap.dedent(
    """
    import sys
    from arbeit_gesundheit import AttendanceStatus
    from arbeit_gesundheit.store import open_store
    store = open_store(sys.argv[1])
    for n in range(1, 151):
        store.record_attendance(sys.argv[2], n, AttendanceStatus.PRESENT, actor="sb-" + sys.argv[2])
    store.close()
    """
)


def test_two_processes_writing_at_once_lose_nothing(store: Store, store_location: str) -> None:
    store.import_dataset(small_dataset(), actor="sb-1")
    day = small_dataset().offerings[0].starts_on
    store.add(
        Enrolment.create("e1", "MS-0001", "bew-1", day, EnrolmentStatus.REGISTERED),
        Enrolment.create("e2", "MS-0002", "bew-1", day, EnrolmentStatus.REGISTERED),
        actor="sb-1",
    )
    before = store.audit_count()
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, store_location, name])
        for name in ("e1", "e2")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    attendances = store.dataset().attendances
    assert sorted((a.enrolment_id, a.session_number) for a in attendances) == sorted(
        (e, n) for e in ("e1", "e2") for n in range(1, 151)
    )
    assert store.audit_count() == before + 300


_IMPORTER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from store_data import demo
    from arbeit_gesundheit.store import open_store
    dataset = demo("gelsenkirchen", size=1500)
    store = open_store(sys.argv[1])
    print("go", flush=True)
    store.import_dataset(dataset, actor="sb-1")
    print("done", flush=True)
    """
)


def test_a_process_killed_during_an_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with open_store(path, create=True) as store:
        store.import_dataset(small_dataset(), actor="sb-1")
        before = store.dataset(withhold_withdrawn=False)
        rows = store.audit_count()
    child = subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(path), str(HERE)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "go"
    wal = Path(str(path) + "-wal")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 1_000_000):
        time.sleep(0.01)  # until the import is visibly writing
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert wal.stat().st_size >= 1_000_000, "the import was killed while it wrote"
    with open_store(path) as store:
        assert store.dataset(withhold_withdrawn=False) == before
        assert store.audit_count() == rows
        with store.reading() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


_READ_ONLY = textwrap.dedent(
    """
    import os, sys
    from arbeit_gesundheit.exceptions import StoreAccessError
    from arbeit_gesundheit.store import open_store
    from arbeit_gesundheit import Participant, BenefitType
    open_store(sys.argv[1]).dataset()  # import everything while the files can be read
    if os.geteuid() == 0:
        os.setgid(65534); os.setuid(65534)  # root writes anywhere: become nobody
    store = open_store(sys.argv[1])
    assert len(store.dataset().sites) == 1
    try:
        store.add(Participant("MS-0042", "musterstadt", 1970, BenefitType.SGB_II), actor="sb-1")
    except StoreAccessError as exc:
        print(exc)
    """
)


def test_a_read_only_store_gives_the_library_s_error() -> None:
    directory = Path(tempfile.mkdtemp(prefix="ag-ro-"))
    try:
        path = directory / "store.sqlite"
        with open_store(path, create=True) as store:
            store.import_dataset(small_dataset(), actor="sb-1")
            store.compact()
        for item in directory.iterdir():
            item.chmod(0o444)
        directory.chmod(0o555)
        result = subprocess.run(
            [sys.executable, "-c", _READ_ONLY, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "read-only" in result.stdout
        assert str(path) in result.stdout
    finally:
        directory.chmod(0o755)
        for item in directory.iterdir():
            item.unlink()
        directory.rmdir()


def test_a_full_disk_gives_the_library_s_error(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    init_store(path)
    store = open_store(path)
    pages = {}

    def limit(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        pages["now"] = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages['now']}")

    store._engine.dispose()
    event.listen(store._engine, "connect", limit)
    with pytest.raises(StoreAccessError, match="disk is full"):
        store.import_dataset(demo("gelsenkirchen", size=100), actor="sb-1")
    event.remove(store._engine, "connect", limit)
    store._engine.dispose()
    assert store.dataset().participants == ()
    assert store.audit_count() == 0
    store.add(person("MS-0001"), actor="sb-1")
    store.close()
    assert os.path.exists(path)
