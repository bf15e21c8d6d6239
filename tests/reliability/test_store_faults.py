"""Write faults in the store: a full disk or a read-only file system at each step of a commit must
end in one clear error and leave the store exactly as it was (manifest unchanged, no stray parts)."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import uuid

import pyarrow.parquet as pq
import pytest

from pipeline import store as store_mod
from pipeline.errors import DyadError
from pipeline.store import MANIFEST, Store
from pipeline.synth import sample_rows
from tests.conftest import PYTHON, ROOT


def _files(root) -> set[str]:
    """Every file under the store except the writer lock (which is expected to exist)."""
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".writer.lock"}


def _batch(tag: str):
    articles, records = sample_rows()
    arts = [{**a, "id": f"{a['id']}-{tag}"} for a in articles]
    recs = [{**r, "article_id": f"{r['article_id']}-{tag}", "record_id": f"{r['record_id']}-{tag}"} for r in records]
    return arts, recs


@pytest.fixture
def filled(tmp_path):
    st = Store(tmp_path / "store")
    st.add_batch(*_batch("a"), [])
    return st


def _raise(code: int):
    def boom(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return boom


FAULTS = [
    # (what fails, errno, expected error code)
    ("parquet write", errno.ENOSPC, "E013"),
    ("parquet write", errno.EROFS, "E012"),
    ("part rename", errno.ENOSPC, "E013"),
    ("part rename", errno.EROFS, "E012"),
    ("manifest swap", errno.ENOSPC, "E013"),
    ("manifest swap", errno.EROFS, "E012"),
    ("manifest write", errno.ENOSPC, "E013"),
]


@pytest.mark.parametrize("where,code,expected", FAULTS, ids=[f"{w}-{errno.errorcode[c]}" for w, c, _ in FAULTS])
def test_failed_commit_leaves_store_unchanged(filled, monkeypatch, where, code, expected):
    root = filled.root
    manifest_before = (root / MANIFEST).read_bytes()
    files_before = _files(root)
    if where == "parquet write":
        monkeypatch.setattr(store_mod.pq, "write_table", _raise(code))
    elif where == "part rename":
        monkeypatch.setattr(store_mod.os, "rename", _raise(code))
    elif where == "manifest swap":
        monkeypatch.setattr(store_mod.os, "replace", _raise(code))
    else:  # the manifest's temp file cannot be fsynced: the disk filled up while writing it
        real_fsync = os.fsync

        def fsync(fd):
            if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp") and MANIFEST in os.readlink(f"/proc/self/fd/{fd}"):
                raise OSError(code, os.strerror(code))
            return real_fsync(fd)
        monkeypatch.setattr(store_mod.os, "fsync", fsync)

    with pytest.raises(DyadError) as info:
        filled.add_batch(*_batch("b"), [])
    message = str(info.value)
    assert info.value.code == expected and "\n" not in message and str(root) in message
    monkeypatch.undo()
    assert (root / MANIFEST).read_bytes() == manifest_before
    assert _files(root) == files_before, "a failed commit left files behind"
    # The store still reads, and a later commit (space freed) works.
    per_batch = len(_batch("x")[0])
    assert Store(root).stats()["articles"] == per_batch
    Store(root).add_batch(*_batch("c"), [])
    assert Store(root).stats()["articles"] == 2 * per_batch


def test_failed_commit_inside_ingest_is_one_line_on_the_cli(tmp_path):
    """Through `python -m pipeline ingest` (patched in a child process: we run as root, so chmod
    cannot make a directory read-only): a failing manifest swap -> exit 2, one line, store unchanged."""
    st = Store(tmp_path / "store")
    st.add_batch(*_batch("a"), [])
    before = (st.root / MANIFEST).read_bytes()
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "new-1", "text": "France and Germany signed a treaty in Paris."}) + "\n")
    code = (
        "import errno, os, sys\n"
        "def boom(*a, **k):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "os.replace = boom\n"
        "from pipeline.commands import main\n"
        f"sys.exit(main(['ingest', {str(articles)!r}, '--store', {str(st.root)!r}, '--no-progress']))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, proc.stderr
    assert lines and lines[-1].startswith("error: [E013]") and "Traceback" not in proc.stderr, proc.stderr
    assert (st.root / MANIFEST).read_bytes() == before
    assert not any(p.name.endswith(".tmp") for p in st.root.rglob("*"))


def _ro_bind(path) -> bool:
    """Bind-mount `path` read-only onto itself (needs root and CAP_SYS_ADMIN; CI may lack it)."""
    try:
        subprocess.run(["mount", "--bind", str(path), str(path)], check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    r = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True, timeout=10)
    if r.returncode != 0:
        subprocess.run(["umount", str(path)], capture_output=True, timeout=10)
        return False
    return True


@pytest.mark.host
@pytest.mark.skipif(os.environ.get("DYAD_HOST_TESTS") != "1",
                    reason="changes the host's mounts: opt in with DYAD_HOST_TESTS=1 (needs root)")
def test_read_only_store_directory_is_refused_in_one_line(tmp_path):
    """A real read-only mount: ingest and stats on it. stats still works (readers never write)."""
    root = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
    st = Store(root)
    st.add_batch(*_batch("a"), [])
    before = (root / MANIFEST).read_bytes()
    files = _files(root)
    if not _ro_bind(root):
        pytest.skip("cannot bind-mount read-only here (no CAP_SYS_ADMIN)")
    try:
        assert not os.access(root, os.W_OK) or os.statvfs(root).f_flag & os.ST_RDONLY
        articles = tmp_path / "in.jsonl"
        articles.write_text(json.dumps({"id": "new-1", "text": "France and Germany signed a treaty."}) + "\n")
        proc = subprocess.run([PYTHON, "-m", "pipeline", "ingest", str(articles), "--store", str(root),
                               "--no-progress"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: [E012]"), proc.stderr
        stats = subprocess.run([PYTHON, "-m", "pipeline", "stats", "--store", str(root), "--json"],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["articles"] == len(_batch("x")[0])
    finally:
        subprocess.run(["umount", str(root)], capture_output=True, timeout=10)
    assert (root / MANIFEST).read_bytes() == before
    assert _files(root) == files
    for part in Store(root).snapshot().records:
        pq.read_table(part)


def _damage(root, how: str) -> None:
    part = sorted((root / "records").glob("*.parquet"))[0]
    if how == "missing part":
        part.unlink()
    elif how == "torn part":
        part.write_bytes(part.read_bytes()[:100])
    else:
        (root / MANIFEST).write_text('{"version": 3, "parts": {"records": [', "utf-8")


def _one_line_error(args: list[str]) -> tuple[int, list[str]]:
    proc = subprocess.run([PYTHON, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return proc.returncode, [ln for ln in proc.stderr.splitlines() if ln.strip()]


def test_damaged_manifest_is_one_line_error(tmp_path):
    st = Store(tmp_path / "store")
    st.add_batch(*_batch("a"), [])
    _damage(st.root, "manifest")
    code, lines = _one_line_error(["stats", "--store", str(st.root), "--json"])
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: [E014]"), lines


@pytest.mark.parametrize("how", ["missing part", "torn part"])
def test_damaged_part_is_one_line_error(tmp_path, how):
    st = Store(tmp_path / "store")
    st.add_batch(*_batch("a"), [])
    _damage(st.root, how)
    code, lines = _one_line_error(["stats", "--store", str(st.root), "--json"])
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: [E014]"), lines


def test_readers_during_commits_see_only_whole_batches(tmp_path):
    """A reader polling snapshots while a writer commits 20 batches: every part it is shown exists
    and reads, and it always sees a whole number of batches (never half of one)."""
    import threading

    root = tmp_path / "store"
    per_batch = len(_batch("x")[0])
    done = threading.Event()
    failures: list[BaseException] = []

    def write():
        try:
            for i in range(20):
                Store(root).add_batch(*_batch(f"w{i}"), [])
        except BaseException as err:  # surfaced in the main thread below
            failures.append(err)
        finally:
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    seen = set()
    while not done.is_set():
        snap = Store(root).snapshot()
        articles = sum(pq.read_table(p).num_rows for p in snap.articles)
        for p in snap.records:
            pq.read_table(p)
        assert articles % per_batch == 0, articles
        seen.add(snap.version)
    writer.join()
    assert not failures, failures
    assert Store(root).stats()["articles"] == 20 * per_batch
    assert len(seen) > 2  # the reader really overlapped the commits
