"""The store: Parquet parts plus an atomically replaced manifest.json, read through DuckDB.

Writers take an exclusive flock and commit a batch by renaming finished parts and then swapping
the manifest; readers never lock, they read the manifest once and see one consistent version.
Older versions stay readable for DYAD_KEEP_DAYS (a file per version under versions/, listed in the
manifest's history), so a dashboard link keeps showing the numbers it was made from.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import dedupe, errors, settings
from pipeline.parts import (
    fsync_dir,
    fsync_file,
    iter_part,
    os_error,
    part_guard,
    read_part,
    write_json_durably,
)
from pipeline.retention import keep_seconds, prune_history, prune_retired
from pipeline.rows import article_dict_row, record_row, table_of, utc_now
from pipeline.schema import EXTRACTOR_VERSION, TABLES, arrow_schema

MANIFEST = "manifest.json"
LOCK = ".writer.lock"
VERSIONS = "versions"       # versions/v00000043.json: the parts of version 43, kept for DYAD_KEEP_DAYS
FORMAT = 1
# More parts than this in one table and the writer merges them: every query opens every part,
# so thousands of small batch files would slow the dashboard down.
COMPACT_AT = 64

SCHEMAS: dict[str, pa.Schema] = {t: arrow_schema(t) for t in TABLES}
RECORDS_SCHEMA, ARTICLES_SCHEMA, EVENTS_SCHEMA = SCHEMAS["records"], SCHEMAS["articles"], SCHEMAS["events"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The Parquet files of one committed version; what a reader queries."""
    version: int
    articles: tuple[Path, ...] = ()
    records: tuple[Path, ...] = ()
    events: tuple[Path, ...] = ()
    quarantine: tuple[Path, ...] = ()
    extractor_version: str | None = None
    committed_at: float | None = None   # when this version was committed (epoch seconds), if known


class VersionNotKept(LookupError):
    """A version that this store does not (or no longer) keep; `latest` is the current version."""

    def __init__(self, version: int, latest: int):
        super().__init__(f"store version {version} is not kept (latest is {latest})")
        self.version, self.latest = version, latest


def _clock() -> float:
    """Epoch seconds for commit times and retention (one seam, so tests can move the clock)."""
    return time.time()


def _manifest_problem(m) -> str | None:
    """What is wrong with a parsed manifest, or None; parts must be plain `TABLE/NAME.parquet` paths."""
    if not isinstance(m, dict):
        return "not a JSON object"
    if not isinstance(m.get("version"), int) or m["version"] < 0:
        return "no valid version"
    parts = m.get("parts", {})
    if not isinstance(parts, dict):
        return "parts is not an object"
    for table, paths in parts.items():
        if table not in TABLES or not isinstance(paths, list):
            return f"unexpected parts entry {str(table)[:40]!r}"
        for p in paths:
            if not isinstance(p, str) or not re.fullmatch(rf"{table}/[A-Za-z0-9_.-]+\.parquet", p) or ".." in p:
                return f"bad part path {str(p)[:60]!r}"
    if not isinstance(m.get("retired", []), list):
        return "retired is not a list"
    history = m.get("history", [])
    if not isinstance(history, list) or not all(
            isinstance(h, dict) and isinstance(h.get("version"), int) and isinstance(h.get("until"), int | float)
            for h in history):
        return "history is not a list of versions"
    return None


def _version_file(root: Path, version: int) -> Path:
    return root / VERSIONS / f"v{version:08d}.json"


def _remove(path: Path) -> int:
    """Delete one file of the clean-up (a seam for the kill tests); 1 if it went, 0 if it could not."""
    try:
        path.unlink()
    except OSError:
        return 0
    return 1


def default_root() -> Path:
    return Path(settings.get("DYAD_STORE"))


class Store:
    """A store directory. Any number of readers; one writer at a time (flock on .writer.lock)."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root is not None else default_root()
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._staged: list[Path] = []

    # -- reading (never locks) --
    def _manifest(self) -> dict:
        path = self.root / MANIFEST
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"format": FORMAT, "version": 0, "parts": {t: [] for t in TABLES}, "retired": [], "history": []}
        except OSError as err:
            raise errors.store_error(str(self.root), err.strerror or str(err)) from err
        try:
            manifest = json.loads(raw)
        except json.JSONDecodeError as err:
            raise errors.store_corrupt(str(self.root), f"manifest.json: {err.msg}") from err
        problem = _manifest_problem(manifest)
        if problem:
            raise errors.store_corrupt(str(self.root), f"manifest.json: {problem}")
        for t in TABLES:
            manifest.setdefault("parts", {}).setdefault(t, [])
        manifest.setdefault("retired", [])
        manifest.setdefault("history", [])
        return manifest

    def _snapshot_of(self, m: dict) -> Snapshot:
        parts = {t: tuple(self.root / p for p in m["parts"][t]) for t in TABLES}
        return Snapshot(version=int(m["version"]), extractor_version=m.get("extractor_version"),
                        committed_at=m.get("committed_at"), **parts)

    def snapshot(self, version: int | None = None) -> Snapshot:
        """The current version, or an older one this store still keeps (else VersionNotKept)."""
        m = self._manifest()
        if version is None or version == m["version"]:
            return self._snapshot_of(m)
        if version not in {h["version"] for h in m["history"]}:
            raise VersionNotKept(version, int(m["version"]))
        try:
            old = json.loads(_version_file(self.root, version).read_text("utf-8"))
        except FileNotFoundError:
            raise VersionNotKept(version, int(m["version"])) from None
        except (OSError, json.JSONDecodeError) as err:
            raise errors.store_corrupt(str(self.root), f"versions/v{version:08d}.json: {err}") from err
        problem = _manifest_problem(old)
        if problem or old["version"] != version:
            raise errors.store_corrupt(str(self.root), f"versions/v{version:08d}.json: {problem or 'wrong version'}")
        for t in TABLES:
            old.setdefault("parts", {}).setdefault(t, [])
        return self._snapshot_of(old)

    def versions(self) -> list[dict]:
        """Every version a reader may open, oldest first: {"version", "at" (committed), "until"
        (replaced; None for the current one)}."""
        m = self._manifest()
        out = [{"version": h["version"], "at": h.get("at"), "until": h["until"]} for h in m["history"]]
        return out + [{"version": int(m["version"]), "at": m.get("committed_at"), "until": None}]

    @property
    def version(self) -> int:
        return self.snapshot().version

    def known_article_keys(self) -> set[str]:
        keys: set[str] = set()
        for part in self.snapshot().articles:
            keys.update(k for k in read_part(self.root, part, ["key"]).column("key").to_pylist() if k)
        return keys

    def iter_articles(self, batch_size: int = 500, columns: list[str] | None = None) -> Iterator[list[dict]]:
        """Stored articles in batches (for --reprocess), streaming part by part."""
        for part in self.snapshot().articles:
            for batch in iter_part(self.root, part, batch_size, columns):
                yield batch.to_pylist()

    def stats(self) -> dict:
        snap = self.snapshot()

        def rows(parts: tuple[Path, ...]) -> int:
            total = 0
            for p in parts:
                with part_guard(self.root, p):
                    total += pq.ParquetFile(p).metadata.num_rows
            return total

        by_kind = {"event": 0, "figure": 0}
        for part in snap.records:
            for kind in read_part(self.root, part, ["kind"]).column("kind").to_pylist():
                by_kind[kind or "unknown"] = by_kind.get(kind or "unknown", 0) + 1
        by_kind["total"] = sum(by_kind.values())
        return {"version": snap.version, "articles": rows(snap.articles), "quarantined": rows(snap.quarantine),
                "records": by_kind, "events": rows(snap.events), "extractor_version": snap.extractor_version}

    # -- writing --
    @contextlib.contextmanager
    def writer(self, timeout: float = 30.0, clean: bool = True) -> Iterator[Store]:
        """Hold the writer lock (re-entrant within this object); on entry, the retention clean-up and
        crash leftovers (unless clean=False)."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise os_error(self.root, err) from err
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise errors.store_locked(str(self.root)) from None
                time.sleep(0.2)
        self._lock_fd, self._lock_depth = fd, 1
        try:
            if clean:
                self._clean_up(_clock())
            yield self
        finally:
            self._lock_depth = 0
            self._lock_fd = None
            self._staged.clear()
            os.close(fd)  # closing the descriptor releases the flock

    def clean_up(self, now: float | None = None) -> dict:
        """Drop versions replaced longer than the retention period ago, then delete every file no kept
        version needs: version files and parts of dropped versions, temp files and parts no manifest
        names (a killed writer's). The trimmed manifest is swapped in first, so a kill anywhere leaves
        every kept version whole and the next writer finishes the deletions. Every writer does this on
        entry; returns {"versions": [dropped], "files": n deleted}."""
        if self._lock_depth:
            return self._clean_up(_clock() if now is None else now)
        with self.writer(clean=False):
            return self._clean_up(_clock() if now is None else now)

    def _clean_up(self, now: float) -> dict:
        """The clean-up itself; the caller holds the writer lock."""
        m = self._manifest()
        keep_s = keep_seconds()
        history, dropped = prune_history(m["history"], now, keep_s)
        retired = prune_retired(m["retired"], now, keep_s)
        if dropped or len(retired) != len(m["retired"]):
            m["history"], m["retired"] = history, retired
            try:
                self._write_manifest(m)      # the clean-up's commit point (same version, fewer kept)
            except OSError as err:
                raise os_error(self.root, err) from err
        keep = {p for t in TABLES for p in m["parts"][t]} | {r["path"] for r in retired}
        removed = {"versions": [h["version"] for h in dropped], "files": 0}
        kept_versions = {h["version"] for h in history} | {int(m["version"])}
        folder = self.root / VERSIONS
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                v = re.fullmatch(r"v(\d{8})\.json", f.name)
                if v is None or int(v.group(1)) not in kept_versions:
                    removed["files"] += _remove(f)
        for table in TABLES:
            folder = self.root / table
            if folder.is_dir():
                for f in sorted(folder.iterdir()):
                    if f"{table}/{f.name}" not in keep:
                        removed["files"] += _remove(f)
        for tmp in self.root.glob(f".{MANIFEST}.*.tmp"):
            removed["files"] += _remove(tmp)
        return removed

    def _write_part(self, table: str, rows: list[dict] | pa.Table, version: int) -> str | None:
        """Write one finished part (temp name, fsync, rename); returns its path relative to root."""
        tbl = rows if isinstance(rows, pa.Table) else table_of(rows, SCHEMAS[table])
        if tbl.num_rows == 0:
            return None
        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        name = f"v{version:08d}-{uuid.uuid4().hex[:10]}.parquet"
        tmp = folder / f".{name}.tmp"
        try:
            pq.write_table(tbl, tmp, compression="zstd")
            fsync_file(tmp)
            os.rename(tmp, folder / name)
            fsync_dir(folder)
        except OSError as err:
            with contextlib.suppress(OSError):
                tmp.unlink()
            with contextlib.suppress(OSError):
                (folder / name).unlink()
            raise os_error(self.root, err) from err
        return f"{table}/{name}"

    def _write_merged(self, table: str, parts: tuple[Path, ...], version: int) -> str | None:
        """Stream several parts into one (temp name, fsync, rename), batch by batch: flat memory."""
        folder = self.root / table
        name = f"v{version:08d}-{uuid.uuid4().hex[:10]}.parquet"
        tmp = folder / f".{name}.tmp"
        rows = 0
        try:
            with pq.ParquetWriter(tmp, SCHEMAS[table], compression="zstd") as w:
                for part in parts:
                    for batch in iter_part(self.root, part, 20_000):
                        w.write_batch(batch.cast(SCHEMAS[table]))
                        rows += batch.num_rows
            if not rows:
                tmp.unlink()
                return None
            fsync_file(tmp)
            os.rename(tmp, folder / name)
            fsync_dir(folder)
        except OSError as err:
            for p in (tmp, folder / name):
                with contextlib.suppress(OSError):
                    p.unlink()
            raise os_error(self.root, err) from err
        return f"{table}/{name}"

    def compact(self, max_parts: int = COMPACT_AT) -> bool:
        """Merge the parts of any table that has more than max_parts into one; one commit."""
        with self.writer():
            snap = self.snapshot()
            replacements: dict[str, list[str]] = {}
            for table in ("articles", "records", "quarantine"):
                parts = getattr(snap, table)
                if len(parts) > max_parts:
                    rel = self._write_merged(table, parts, snap.version + 1)
                    replacements[table] = [rel] if rel else []
            if not replacements:
                return False
            self.commit_replace(replacements)
            return True

    def _write_manifest(self, manifest: dict) -> None:
        """Swap in a manifest atomically (temp file, fsync, rename, fsync the folder)."""
        path = self.root / MANIFEST
        write_json_durably(path, manifest, self.root / f".{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp")

    def _keep_version(self, prev: dict) -> Path | None:
        """Write the version being replaced to versions/ (temp name, fsync, rename) before the swap,
        so it stays readable; a kill before the swap leaves a correct file for the still-current one.
        Returns the file if this call wrote it."""
        target = _version_file(self.root, int(prev["version"]))
        if target.exists():
            return None
        target.parent.mkdir(exist_ok=True)
        tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
        body = {k: prev[k] for k in ("version", "parts", "extractor_version", "committed_at", "format") if k in prev}
        write_json_durably(target, body, tmp, replace=False)
        return target

    def _commit(self, manifest: dict, new_parts: list[str], now: float | None = None) -> int:
        """Swap in a new manifest atomically; the version it replaces joins the history (kept for the
        retention period). If anything fails, remove the parts just written."""
        now = _clock() if now is None else now
        manifest["updated_at"] = utc_now().isoformat(timespec="seconds")
        written: list[Path] = [self.root / n for n in new_parts]
        try:
            prev = self._manifest()
            history = list(prev["history"])
            if int(prev["version"]) > 0 and (self.root / MANIFEST).exists():
                written += [f for f in [self._keep_version(prev)] if f]
                history.append({"version": int(prev["version"]), "at": prev.get("committed_at"), "until": now})
            # Versions replaced longer ago than the retention period leave the index here; their files
            # go at the next writer's clean-up (after this swap, so a kill in between loses nothing).
            manifest["history"], _ = prune_history(history, now, keep_seconds())
            manifest["committed_at"] = now
            self._write_manifest(manifest)
        except OSError as err:
            for p in written:
                with contextlib.suppress(OSError):
                    p.unlink()
            raise os_error(self.root, err) from err
        return int(manifest["version"])

    def _next(self) -> tuple[dict, int]:
        m = self._manifest()
        m["format"] = FORMAT
        return m, int(m["version"]) + 1

    @staticmethod
    def _retire(manifest: dict, parts: Iterable[str], now: float) -> None:
        """Parts the new version no longer lists: kept as long as a kept version may name them. `now`
        is the commit's own time, the same that ends the replaced version (see prune_retired)."""
        manifest["retired"] = prune_retired(manifest["retired"], now, keep_seconds())
        manifest["retired"] += [{"path": p, "at": now} for p in parts]

    def add_batch(self, articles: list[dict], records: list[dict], quarantined: list[dict]) -> int:
        """Commit one batch (rows shaped by article_row / record_row / quarantine_row, or plain
        contract records); returns the new version. All or nothing."""
        with self.writer():
            m, version = self._next()
            written: list[str] = []
            try:
                for table, rows in (("articles", articles), ("records", records), ("quarantine", quarantined)):
                    if table == "records":
                        rows = [r if "quad_class" in r else record_row(r) for r in rows]
                    elif table == "articles":
                        rows = [article_dict_row(r) for r in rows]
                    rel = self._write_part(table, rows, version)
                    if rel:
                        written.append(rel)
                        m["parts"][table].append(rel)
            except BaseException:
                for rel in written:
                    with contextlib.suppress(OSError):
                        (self.root / rel).unlink()
                raise
            m["version"] = version
            m.setdefault("extractor_version", EXTRACTOR_VERSION)
            return self._commit(m, written)

    # -- whole-table replacement (reprocess, events) --
    def stage_part(self, table: str, rows: list[dict] | pa.Table) -> str | None:
        """Write a part that no reader sees until commit_replace(); must hold writer()."""
        if not self._lock_depth:
            raise RuntimeError("stage_part needs the writer lock: use `with store.writer():`")
        m = self._manifest()
        if table == "records" and not isinstance(rows, pa.Table):
            rows = [r if "quad_class" in r else record_row(r) for r in rows]
        rel = self._write_part(table, rows, int(m["version"]) + 1)
        if rel:
            self._staged.append(self.root / rel)
        return rel

    def commit_replace(self, replacements: dict[str, list[str]], extractor_version: str | None = None) -> int:
        """Replace whole tables by staged parts in one manifest swap (all or nothing)."""
        with self.writer():
            m, version = self._next()
            now = _clock()
            for table, parts in replacements.items():
                self._retire(m, m["parts"][table], now)
                m["parts"][table] = list(parts)
            m["version"] = version
            if extractor_version:
                m["extractor_version"] = extractor_version
            new = [p for ps in replacements.values() for p in ps]
            v = self._commit(m, new, now)
            self._staged.clear()
            return v

    def rebuild_events(self) -> None:
        """Recompute the de-duplicated events from all records and swap them in."""
        with self.writer():
            snap = self.snapshot()
            try:
                table = dedupe.build_events(list(snap.records), list(snap.articles))
            except dedupe.UNREADABLE as err:  # a listed part missing or torn
                raise errors.store_corrupt(str(self.root), f"cannot read the records ({str(err)[:120]})") from err
            rel = self.stage_part("events", table)
            self.commit_replace({"events": [rel] if rel else []})
