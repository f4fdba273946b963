"""Kill loop: SIGKILL a writer at random moments; the file is always a whole, replayable state.

A child process (tests/kill_child.py) applies seeded random operations through the
Store to a database of about 20,000 check-ins and acknowledges each one once it
has returned. The parent kills it with SIGKILL at a random moment, then checks that
the file parses, that the store opens for writing (the lock is free, stale temp
files are removed), and that the file equals a replay, in this process, of either
every acknowledged operation or one more.

BONDTUI_KILLS sets the number of kills (50 by default; `make stress` runs 500) and
BONDTUI_KILL_SEED the seed of the rounds' operations and of the delays before each kill.
"""

from __future__ import annotations

import hashlib
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import suppress
from datetime import date
from pathlib import Path
from unittest.mock import patch

import orjson
import pytest

import store as store_package
from bench.generate import build
from store import Store
from store.files import layout
from store.files.changelog import UNDO_KEPT
from store.files.layout import year_folder
from store.files.reading import combined_bytes, read
from store.files.storage import backups, serialise, write_atomically
from tests import ROOT
from tests.kill_child import apply_op, new_clock

KILLS = int(os.environ.get("BONDTUI_KILLS", "50"))
SEED = int(os.environ.get("BONDTUI_KILL_SEED", "20261129"))
YEARS = 16.15  # 20,010 check-ins with seed 7
WARM_UP_SEED = 0  # rounds use seeds from 1 up
EARLY_EVERY = 10  # every tenth round kills during the first operation, before its acknowledgement
LIVE = (0.05, 0.6)  # other rounds kill this long (uniform, seconds) after the first acknowledgement
EARLY = (0.0, 0.03)  # early rounds kill this long after `ready`: the first write (backup and data) takes ~20 ms
TIMEOUT = 60.0

pytestmark = [pytest.mark.slow, pytest.mark.serial,  # alone: its kills land at moments measured in milliseconds
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def _source_digest() -> str:
    folder = Path(store_package.__file__).parent
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.glob("*.py")))).hexdigest()


SOURCE_AT_START = _source_digest()  # the code this process replays with; each child imports it afresh


class _Discard(Exception):
    """Leaves a replay's batch without writing it."""


@pytest.fixture(scope="session")
def base(tmp_path_factory) -> tuple[Path, dict]:
    """The generated history, plus enough changes that the undo stack is full and every new step prunes it."""
    path = tmp_path_factory.mktemp("kill-base") / "bond.json"
    write_atomically(path, serialise(build(YEARS, seed=7)))
    with Store.open(path, new_clock()) as store, store.changing(), store._database.storage.batch():
        index = 0
        while len(store._database.table("undo")) < UNDO_KEPT:
            apply_op(store, WARM_UP_SEED, index, months=False)  # the base's clock stays at NOW, as the rounds' starts
            index += 1
    data = orjson.loads(combined_bytes(path))
    assert len(list(year_folder(path).glob("*.json"))) == 17  # 2010 to 2025 in files of their own, and 2026 before June
    assert len(data["checkins"]) > 19_500 and len(data["undo"]) == UNDO_KEPT
    return path, data


def _temp_files(folder: Path) -> list[Path]:
    """Temp files in the folder, and in the year folder beside a bond.json in it."""
    return sorted([*folder.glob(".*.tmp"), *(folder / "bond.d").glob(".*.tmp")])


def _copy_set(base_path: Path, path: Path) -> None:
    """Copy the main file and the year files beside it."""
    shutil.copyfile(base_path, path)
    shutil.rmtree(year_folder(path), ignore_errors=True)
    if year_folder(base_path).is_dir():
        shutil.copytree(year_folder(base_path), year_folder(path))


def _same(content: bytes, raw: bytes) -> bool:
    """The same data: equal bytes, or else equal once parsed (every table, `meta` included), but for where each
    step was made (the child's copy and the replay's are two)."""
    return content == raw or _without_where(orjson.loads(content)) == _without_where(orjson.loads(raw))


def _without_where(data: dict) -> dict:
    for stack in ("undo", "redo"):
        for entry in data.get(stack, {}).values():
            entry.pop("made", None)  # where and when each step was made, and when it came onto its stack:
            entry.pop("moved", None)  # this machine's clocks, which a replay in another process cannot repeat
    return data


def _replay(base_path: Path, folder: Path, seed: int, acked: int, raw: bytes) -> tuple[int | None, bytes]:
    """Replay operations 0..acked-1, then one more, on a copy of the base.

    Returns the count whose content is the file's `raw` content (None if neither is) and
    the content after `acked` operations.
    """
    folder.mkdir(exist_ok=True)
    path = folder / "bond.json"
    _copy_set(base_path, path)
    matched = None
    # One Store with its writes gathered in memory: the child's code path without the disk time.
    with Store.open(path, new_clock()) as store, suppress(_Discard), store.changing(), store._database.storage.batch():
        for index in range(acked):
            apply_op(store, seed, index)
        expected = serialise(store._tables())
        if _same(expected, raw):
            matched = acked
        else:
            apply_op(store, seed, acked)
            if _same(serialise(store._tables()), raw):
                matched = acked + 1
        raise _Discard
    return matched, expected


def _describe(found: dict, expected: dict) -> str:
    lines = []
    for table in sorted(set(found) | set(expected)):
        if (table in found) != (table in expected):
            lines.append(f"table {table} only in the {'file' if table in found else 'replay'}")
            continue
        a, b = found[table], expected[table]
        if a != b:
            only_found = sorted(set(a) - set(b))[:3]
            only_expected = sorted(set(b) - set(a))[:3]
            changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])[:3]
            lines.append(f"{table}: only in file {only_found}, only in replay {only_expected}, differ {changed}")
    return "; ".join(lines)


def _run_child(path: Path, seed: int, stop: int | None = None, stderr=None) -> subprocess.Popen:
    # As a module from the project's folder: run as a file, tests/ would come first on the path, and its
    # store/ and tui/ folders would stand in for the packages of the same names.
    argv = [sys.executable, "-m", "tests.kill_child", str(path), str(seed), "0"] + ([str(stop)] if stop is not None else [])
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr or subprocess.DEVNULL, cwd=ROOT)


def _read_until(child: subprocess.Popen, lines: list[str], pending: bytearray, wanted: str) -> None:
    """Read the child's lines into `lines` until one starts with `wanted`; fail if it exits or stalls."""
    deadline = time.monotonic() + TIMEOUT
    fd = child.stdout.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while not any(line.startswith(wanted) for line in lines):
            left = deadline - time.monotonic()
            assert left > 0, f"no '{wanted}' from the child in {TIMEOUT:.0f} s"
            if not selector.select(left):
                continue
            chunk = os.read(fd, 65536)
            assert chunk, f"the child exited ({child.wait()}) before '{wanted}'"
            pending.extend(chunk)
            *complete, rest = pending.split(b"\n")
            lines.extend(line.decode() for line in complete)
            pending[:] = rest


def _acks(lines: list[str]) -> int:
    acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
    assert acks == list(range(len(acks))), f"acknowledgements out of order: {acks[:5]}…"
    return len(acks)


def test_the_child_and_the_replay_agree(base, tmp_path):
    """Without a kill, the child's file is exactly the in-process replay: the kill loop compares like with like."""
    base_path, _ = base
    path = tmp_path / "bond.json"
    _copy_set(base_path, path)
    child = _run_child(path, seed=1, stop=60, stderr=subprocess.PIPE)
    out, err = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, err.decode()
    assert _acks(out.decode().split("\n")) == 60
    raw = combined_bytes(path)
    assert _replay(base_path, tmp_path / "replay", 1, 60, raw)[0] == 60
    assert _replay(base_path, tmp_path / "replay", 1, 59, raw)[0] == 60  # one more is found when it was written
    assert _replay(base_path, tmp_path / "replay", 1, 58, raw)[0] is None
    assert _replay(base_path, tmp_path / "replay", 1, 60, orjson.dumps(orjson.loads(raw), option=orjson.OPT_SORT_KEYS))[0] == 60


def _unnamed(path: Path) -> bool:
    named = {doc["file"] for doc in orjson.loads(path.read_bytes()).get("manifest", {}).values()}
    return any(p.name not in named for p in year_folder(path).glob("*"))


def _only_named_after_a_change(path: Path) -> bool:
    """After the next saved change, once unnamed files have been here long enough, the year folder holds only
    what the manifest names (the rest went aside)."""
    with patch.object(layout, "UNNAMED_KEPT_SECONDS", 0), Store.open(path, new_clock()) as store:
        store.toggle_skip("talk", store.today())
    named = [doc["file"] for doc in orjson.loads(path.read_bytes()).get("manifest", {}).values()]
    return sorted(p.name for p in year_folder(path).glob("*")) == sorted(named)


def test_kill_loop(base, tmp_path):
    base_path, base_data = base
    base_raw = combined_bytes(base_path)
    rng = random.Random(SEED)
    matched = Counter()
    early = mid_write = 0
    left_in_backups: list[Path] = []  # kept for a look; the loop goes on so that the counts are complete
    acked_total = 0
    started = time.monotonic()
    for round_ in range(KILLS):
        seed = rng.randrange(1, 2**31)
        folder = tmp_path / f"round-{round_:03d}"
        folder.mkdir()
        path = folder / "bond.json"
        _copy_set(base_path, path)
        log = folder / "child.err"
        with open(log, "wb") as err:
            child = _run_child(path, seed, stderr=err)
        lines: list[str] = []
        pending = bytearray()
        try:
            _read_until(child, lines, pending, "ready")
            if round_ % EARLY_EVERY == 0:
                time.sleep(rng.uniform(*EARLY))
            else:
                _read_until(child, lines, pending, "ack ")
                time.sleep(rng.uniform(*LIVE))
            assert child.poll() is None, f"round {round_}: the child exited by itself: {log.read_text()}"
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=TIMEOUT) == -signal.SIGKILL
            pending.extend(child.stdout.read())  # acknowledgements still in the pipe count too
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        lines.extend(line.decode() for line in pending.split(b"\n"))
        acked = _acks(lines)
        where = f"round {round_} (seed {seed}, {acked} acknowledged, kept in {folder})"

        # The file parses, the lock is free, and opening removes the killed writer's temp files.
        raw = combined_bytes(path)
        found = orjson.loads(raw)
        mid_write += bool(_temp_files(folder))
        with Store.open(path, new_clock()) as reopened:
            assert not reopened.read_only, where
        assert _temp_files(folder) == [], where
        assert combined_bytes(path) == raw, where
        left_in_backups += _temp_files(folder / "backups")

        # The file is the replay of every acknowledged operation, or of one more.
        count, expected = _replay(base_path, tmp_path / "replay", seed, acked, raw)
        edited = "; store/ was edited during the run" if _source_digest() != SOURCE_AT_START else ""
        assert count is not None, (f"{where}: the file is neither {acked} nor {acked + 1} operations; "
                                   f"against {acked}: {_describe(found, orjson.loads(expected))}{edited}")
        matched["k" if count == acked else "k+1"] += 1
        if round_ % 10 == 0 or _unnamed(path):  # a saved change sets aside what a killed write left
            assert _only_named_after_a_change(path), f"{where}: unnamed year files stay after a saved change"
        early += acked == 0
        acked_total += acked
        # A backup, when one was written, is the file as it was before the child's first write
        # (a later day's, after a month went by, holds what the child wrote until then).
        for backup in backups(path)[:1]:
            content = backup.read_bytes()
            assert content == base_raw or orjson.loads(content) == base_data, where
        if not _temp_files(folder / "backups"):
            shutil.rmtree(folder)
    elapsed = time.monotonic() - started
    print(f"\nkill loop: {KILLS} kills in {elapsed:.1f} s; the file held the acknowledged operations (k) {matched['k']} "
          f"times and one more (k+1) {matched['k+1']} times; {early} kills before the first acknowledgement; "
          f"{mid_write} left a temp file beside the data (killed mid-write); {len(left_in_backups)} left one in backups/; "
          f"{acked_total} operations acknowledged in all")
    assert matched["k"] + matched["k+1"] == KILLS
    # A kill during the day's first write can land in the backup's own atomic write.
    assert left_in_backups == [], "Store.open left a killed writer's temp files in backups/: " + ", ".join(
        str(p) for p in left_in_backups)


# The steps of the day's first write, in order: the backup (temp file, rename, folder), then the data;
# and how many operations the file holds after a kill just before each.
STEPS = [("fsync", 1, "the backup's temp file", 0), ("replace", 1, "the backup's rename", 0), ("fsync", 2, "backups/", 0),
         ("fsync", 3, "the data's temp file", 0), ("replace", 2, "the data's rename", 0), ("fsync", 4, "the data's folder", 1)]
FIRST_WRITE_SEED = 3  # its operation 0 is a check-in: it always writes
KILL_AT = """
import os, signal, sys
from tests.kill_child import main
name, nth, calls = sys.argv[1], int(sys.argv[2]), {"fsync": 0, "replace": 0}
def before(call, real):
    def wrapper(*args):
        calls[call] += 1
        if call == name and calls[call] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args)
    return wrapper
os.fsync, os.replace = before("fsync", os.fsync), before("replace", os.replace)
main(["kill_child", *sys.argv[3:]])
"""


@pytest.mark.parametrize(("call", "nth", "step", "held"), STEPS, ids=[f"{c}-{n}" for c, n, *_ in STEPS])
def test_a_kill_at_each_step_of_the_first_write(base, tmp_path, call, nth, step, held):
    """The moments a random kill seldom hits, hit on purpose: just before each fsync and rename."""
    base_path, _ = base
    path = tmp_path / "bond.json"
    _copy_set(base_path, path)
    child = subprocess.run([sys.executable, "-c", KILL_AT, call, str(nth), str(path), str(FIRST_WRITE_SEED), "0", "1"],
                           cwd=ROOT, capture_output=True, timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL, f"operation 0 of seed {FIRST_WRITE_SEED} should write: " + child.stderr.decode()
    assert b"ack" not in child.stdout
    raw = combined_bytes(path)
    with Store.open(path, new_clock()) as reopened:
        assert not reopened.read_only
    assert _temp_files(tmp_path) == []
    assert _temp_files(tmp_path / "backups") == [], f"killed before {call} of {step}: a temp file stays in backups/"
    assert _replay(base_path, tmp_path / "replay", FIRST_WRITE_SEED, 0, raw)[0] == held


# The steps of a restore: keep the file it replaces (temp file, exclusive link, temp
# removed, folder), then replace the data (temp file, rename, folder); and whether
# the data file is the backup after a kill just before each.
RESTORE_STEPS = [("fsync", 1, False), ("link", 1, False), ("unlink", 1, False), ("fsync", 2, False),
                 ("fsync", 3, False), ("replace", 1, False), ("fsync", 4, True)]
KILL_RESTORE_AT = """
import os, signal, sys
from tui.main import main
name, nth, calls = sys.argv[1], int(sys.argv[2]), {"fsync": 0, "replace": 0, "link": 0, "unlink": 0}
def before(call, real):
    def wrapper(*args, **kwargs):
        calls[call] += 1
        if call == name and calls[call] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper
os.fsync, os.replace, os.link, os.unlink = (before("fsync", os.fsync), before("replace", os.replace),
                                            before("link", os.link), before("unlink", os.unlink))
sys.exit(main(["restore", "newest"]))
"""


@pytest.mark.parametrize("linked", [False, True], ids=["file", "symlink"])
@pytest.mark.parametrize(("call", "nth", "restored"), RESTORE_STEPS, ids=[f"{c}-{n}" for c, n, _ in RESTORE_STEPS])
def test_a_kill_at_each_step_of_a_restore(tmp_path, call, nth, restored, linked):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "bond.json"  # where the work happens: the target, when --db names a symlink
    named = tmp_path / "link.json" if linked else path
    if linked:
        named.symlink_to(path)
    clock = new_clock()
    with Store.open(named, clock) as store:
        store.check_in("talk")
        clock.advance(days=1)
        store.check_in("talk")  # the day's first write keeps yesterday's file as a backup
    old, [backup] = path.read_bytes(), backups(path)
    env = {**os.environ, "BONDTUI_DB": str(named)}
    child = subprocess.run([sys.executable, "-c", KILL_RESTORE_AT, call, str(nth)], cwd=ROOT, env=env,
                           capture_output=True, timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert path.read_bytes() == (backup.read_bytes() if restored else old)  # whole: one or the other
    assert named.is_symlink() == linked
    for kept in folder.glob("backups/bond-before-restore-*.json"):
        assert kept.read_bytes() == old  # a kept copy, once it has its name, is whole
    left = _temp_files(folder) + _temp_files(folder / "backups")
    with Store.open(named, new_clock(), read_only=True) as reader:  # a reader reads, and tidies nothing
        assert len(reader.check_ins()) == (1 if restored else 2)
    assert _temp_files(folder) + _temp_files(folder / "backups") == left
    with Store.open(named, new_clock()) as reopened:
        assert not reopened.read_only
    assert _temp_files(folder) == [] and _temp_files(folder / "backups") == []


# The migration from one file: the day's backup, the old file kept, each closed year's file, then the
# main file; how many operations the set holds after a kill just before each (3 closed years here, and
# the current year's days before the main file's start).
MIGRATION_STEPS = [("replace", 2, "the old file's copy", 0), ("replace", 3, "the first year file's rename", 0),
                   ("fsync", 11, "the last year file's temp file", 0), ("replace", 7, "the main file's rename", 0),
                   ("fsync", 14, "the main file's folder", 1)]


@pytest.mark.parametrize(("call", "nth", "step", "held"), MIGRATION_STEPS, ids=[f"{c}-{n}" for c, n, *_ in MIGRATION_STEPS])
def test_a_kill_at_each_step_of_the_migration(tmp_path, call, nth, step, held):
    old = build(3, seed=7)
    old["meta"]["meta"]["schema_version"] = 1
    base_path = tmp_path / "base" / "bond.json"
    base_path.parent.mkdir()
    write_atomically(base_path, serialise(old))
    path = tmp_path / "bond.json"
    _copy_set(base_path, path)
    child = subprocess.run([sys.executable, "-c", KILL_AT, call, str(nth), str(path), str(FIRST_WRITE_SEED), "0", "1"],
                           cwd=ROOT, capture_output=True, timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL, f"killed before {step}: " + child.stderr.decode()
    assert orjson.loads(path.read_bytes())["meta"]["meta"]["schema_version"] == (3 if held else 1)
    raw = serialise(read(path))  # upgraded in memory, as the replay reads it
    with Store.open(path, new_clock()) as reopened:
        assert not reopened.read_only
    assert _temp_files(tmp_path) == [] and _temp_files(tmp_path / "backups") == []
    named = [doc["file"] for doc in orjson.loads(path.read_bytes()).get("manifest", {}).values()]
    assert len(named) == (4 if held else 0)
    assert _replay(base_path, tmp_path / "replay", FIRST_WRITE_SEED, 0, raw)[0] == held
    assert _only_named_after_a_change(path), f"killed before {step}: unnamed files stay"


# A month later: the first write moves the main file's start on, from May to June, and rewrites the
# current year's file with the days it lets go. The day's backup, that year file, then the main file;
# how many operations the set holds after a kill just before each.
BOUNDARY_STEPS = [("fsync", 3, "the year file's temp file", 0), ("replace", 2, "the year file's rename", 0),
                  ("fsync", 4, "the year folder", 0), ("replace", 3, "the main file's rename", 0),
                  ("fsync", 6, "the main file's folder", 1)]


@pytest.mark.parametrize(("call", "nth", "step", "held"), BOUNDARY_STEPS, ids=[f"{c}-{n}" for c, n, *_ in BOUNDARY_STEPS])
def test_a_kill_at_each_step_of_a_move_of_the_main_files_start(tmp_path, call, nth, step, held):
    from datetime import timedelta

    base_path = tmp_path / "base" / "bond.json"
    base_path.parent.mkdir()
    write_atomically(base_path, serialise(build(3, seed=7)))
    month_ago = new_clock()
    month_ago.advance(days=-31)
    with Store.open(base_path, month_ago) as store:
        store.check_in("talk", store.today() - timedelta(days=1))
    assert orjson.loads(base_path.read_bytes())["manifest"]["2026"]["until"] == "2026-05-01"
    path = tmp_path / "bond.json"
    _copy_set(base_path, path)
    child = subprocess.run([sys.executable, "-c", KILL_AT, call, str(nth), str(path), str(FIRST_WRITE_SEED), "0", "1"],
                           cwd=ROOT, capture_output=True, timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL, f"killed before {step}: " + child.stderr.decode()
    manifest = orjson.loads(path.read_bytes())["manifest"]
    assert manifest["2026"]["until"] == ("2026-06-01" if held else "2026-05-01")
    raw = combined_bytes(path)
    with Store.open(path, new_clock()) as reopened:
        assert not reopened.read_only
    assert _temp_files(tmp_path) == [] and _temp_files(tmp_path / "backups") == []
    assert _replay(base_path, tmp_path / "replay", FIRST_WRITE_SEED, 0, raw)[0] == held
    assert _only_named_after_a_change(path), f"killed before {step}: unnamed files stay"


def _notes_kept(folder: Path) -> set[str]:
    """The notes of every check-in that a year file, a set-aside file or a kept copy holds."""
    notes = set()
    for file in [*folder.glob("bond.d/*.json"), *folder.glob("backups/set-aside/*.json"),
                 *folder.glob("backups/bond-before-restore-*.json")]:
        notes |= {doc.get("note", "") for doc in orjson.loads(file.read_bytes()).get("checkins", {}).values()}
    return notes


@pytest.mark.parametrize(("call", "nth"), [(c, n) for c in ("fsync", "replace", "unlink", "link") for n in range(1, 6)])
def test_a_kill_during_a_restore_of_a_set_with_a_year_file_missing_loses_no_other_year(tmp_path, call, nth):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "bond.json"
    data = build(3, seed=7)
    data["meta"]["meta"]["schema_version"] = 1
    write_atomically(path, serialise(data))
    clock = new_clock()
    with Store.open(path, clock) as store:
        store.check_in("talk", date(2024, 5, 1), note="the backfill")  # the migration's write keeps a backup first
    manifest = orjson.loads(path.read_bytes())["manifest"]
    (year_folder(path) / manifest["2025"]["file"]).unlink()
    env = {**os.environ, "BONDTUI_DB": str(path)}
    child = subprocess.run([sys.executable, "-c", KILL_RESTORE_AT, call, str(nth)], cwd=ROOT, env=env,
                           capture_output=True, timeout=TIMEOUT)
    assert child.returncode in (0, -signal.SIGKILL), child.stderr.decode()
    assert "the backfill" in _notes_kept(folder), f"killed before {call} {nth}"
