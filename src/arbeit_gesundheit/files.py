"""Safe writing of output files: temporary file, fsync, atomic rename."""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from .exceptions import InvalidFieldError, OutputError, OutputExistsError

__all__ = [
    "TEMP_SUFFIX",
    "OutputError",
    "OutputExistsError",
    "Writer",
    "remove_stale_temporaries",
    "temporary_name",
    "write_atomic",
]

#: Ending of every temporary file :func:`write_atomic` creates. Together with the leading
#: dot and the random token it makes leftovers recognizable (see
#: :func:`remove_stale_temporaries`).
TEMP_SUFFIX = ".ag-tmp"

#: A function that writes the whole content to an open binary file (for example
#: ``workbook.save``).
Writer = Callable[[BinaryIO], None]

_TOKEN_LENGTH = 8  # bytes, so 16 hex digits
_TEMP_NAME = re.compile(r"\..*\.[0-9a-f]{16}" + re.escape(TEMP_SUFFIX))
_MAX_NAME_PART = 120  # keep temporary names well below NAME_MAX (255)
_DEFAULT_MODE = 0o666  # reduced by the process umask, as for any newly created file
_NO_HARD_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS")
    if hasattr(errno, name)
)


def temporary_name(target: Path) -> Path:
    """A fresh temporary path next to ``target``: ``.<name>.<16 hex digits>.ag-tmp``."""
    token = secrets.token_hex(_TOKEN_LENGTH)
    return target.with_name(f".{target.name[:_MAX_NAME_PART]}.{token}{TEMP_SUFFIX}")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "the directory does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (the location is not writable)"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is not a directory"
    return exc.strerror or str(exc)


def _check_target(target: Path, overwrite: bool) -> int | None:
    """Check the target before writing; return the mode of an existing file to keep."""
    try:
        info = target.stat()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(target, _reason(exc)) from exc
    else:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(target, "the path is a directory")
        if not overwrite:
            raise OutputExistsError(target)
        return stat.S_IMODE(info.st_mode)
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(target, f"the directory {parent} does not exist")
    return None


def _create_temporary(target: Path) -> tuple[Path, int]:
    """Create an empty temporary file exclusively; the umask applies to its mode."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = temporary_name(target)
        try:
            return temp, os.open(temp, flags, _DEFAULT_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(target, _reason(exc)) from exc
    raise OutputError(target, "could not create a unique temporary file")  # pragma: no cover


def _fill(handle: BinaryIO, data: bytes | bytearray | memoryview | str | Writer) -> None:
    if isinstance(data, str):
        handle.write(data.encode("utf-8"))
    elif isinstance(data, bytes | bytearray | memoryview):
        handle.write(data)
    else:
        data(handle)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); silently skipped where unsupported."""
    if sys.platform == "win32":  # pragma: no cover
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _publish(temp: Path, target: Path, overwrite: bool) -> None:
    """Move the finished temporary file into place.

    Without ``overwrite`` a hard link claims the name atomically, so a file another process
    created meanwhile is never clobbered. Where the file system has no hard links the
    existence check is repeated just before the rename (a small race remains there).
    """
    if overwrite:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if sys.platform == "win32":  # pragma: no cover - rename refuses existing targets there
            os.rename(temp, target)
            return
        if os.path.lexists(target):
            raise OutputExistsError(target) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | bytearray | memoryview | str | Writer,
    *,
    overwrite: bool = False,
) -> Path:
    """Write ``data`` to ``path`` so that the file is either complete or not there at all.

    ``data`` is bytes, a str (written as UTF-8) or a function that writes to a binary file
    object, so exporters can stream (``write_atomic(p, workbook.save)``). The content goes
    to a temporary file in the same directory, is flushed and fsynced, and only then
    renamed to ``path``. If anything fails (including Ctrl-C) the temporary file is removed
    and an existing ``path`` stays as it was. If the process is killed hard (SIGKILL, power
    loss) a temporary file ``.<name>.<token>.ag-tmp`` may remain, but never a partial
    ``path``; :func:`remove_stale_temporaries` tidies such leftovers.

    An existing file is replaced only with ``overwrite=True`` (keeping its permission
    bits); otherwise :class:`~arbeit_gesundheit.exceptions.OutputExistsError`. New files get
    the usual permissions (``0o666`` minus the umask). A missing directory or an unwritable
    location raises :class:`~arbeit_gesundheit.exceptions.OutputError`. Returns the path.
    """
    if not isinstance(data, str | bytes | bytearray | memoryview) and not callable(data):
        raise InvalidFieldError(
            "write_atomic", "data", "bytes, str or a function writing to a binary file", data
        )
    if not isinstance(overwrite, bool):
        raise InvalidFieldError("write_atomic", "overwrite", "True or False", overwrite)
    try:
        target = Path(path)
    except TypeError as exc:
        raise InvalidFieldError("write_atomic", "path", "a file path", path) from exc
    keep_mode = _check_target(target, overwrite)
    temp, fd = _create_temporary(target)
    owned = False  # once the file object owns the descriptor, it closes it
    try:
        if keep_mode is not None:
            os.chmod(temp, keep_mode)
        with os.fdopen(fd, "wb") as handle:
            owned = True
            _fill(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temp, target, overwrite)
    except BaseException as exc:
        if not owned:
            os.close(fd)
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - nothing more can be done
            pass
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(target, _reason(exc)) from exc
        raise
    _sync_directory(target.parent)
    return target


def remove_stale_temporaries(
    directory: str | os.PathLike[str], *, older_than: timedelta = timedelta(hours=1)
) -> list[Path]:
    """Remove temporary files :func:`write_atomic` left behind in ``directory``.

    Only files named like ``.<name>.<16 hex digits>.ag-tmp`` and last modified more than
    ``older_than`` ago are removed (so a write still running in another process is left
    alone). Returns the removed paths, sorted.
    """
    folder = Path(directory)
    if not isinstance(older_than, timedelta) or older_than < timedelta(0):
        raise InvalidFieldError(
            "remove_stale_temporaries", "older_than", "a timedelta of zero or more", older_than
        )
    cutoff = time.time() - older_than.total_seconds()
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise OutputError(folder, _reason(exc)) from exc
    for entry in entries:
        if _TEMP_NAME.fullmatch(entry.name) is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime > cutoff:
                continue
            os.unlink(entry.path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise OutputError(entry.path, _reason(exc)) from exc
        removed.append(Path(entry.path))
    return sorted(removed)
