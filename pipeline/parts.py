"""The store's Parquet part files on disk: durable writes (fsync of files and folders), reads that
turn a missing or torn part into one line (E014), and OS errors as the store's own errors."""
from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import errors


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_json_durably(path: Path, body: dict, tmp: Path, replace: bool = True) -> None:
    """`body` as JSON at `path`, all or nothing: written to `tmp` in the same folder, fsynced, renamed
    to `path` (os.replace, or os.rename for a file that must be new), the folder fsynced; `tmp` is
    removed if anything fails."""
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(body, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        (os.replace if replace else os.rename)(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def os_error(root: Path, err: OSError) -> errors.DyadError:
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return errors.store_disk_full(str(root))
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return errors.store_read_only(str(root))
    return errors.store_error(str(root), err.strerror or str(err))


@contextlib.contextmanager
def part_guard(root: Path, part: Path) -> Iterator[None]:
    """A part the manifest lists but that is gone or torn: one line (E014), not a traceback."""
    try:
        yield
    except (OSError, pa.ArrowException) as err:
        reason = "missing" if isinstance(err, FileNotFoundError) else f"damaged ({type(err).__name__})"
        raise errors.store_corrupt(str(root), f"part {part.parent.name}/{part.name} is {reason}") from err


def read_part(root: Path, part: Path, columns: list[str] | None = None) -> pa.Table:
    with part_guard(root, part):
        return pq.ParquetFile(part).read(columns=columns)  # not read_table: it imports pandas (~1 s)


def iter_part(root: Path, part: Path, batch_size: int, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    with part_guard(root, part):
        yield from pq.ParquetFile(part).iter_batches(batch_size=batch_size, columns=columns)

