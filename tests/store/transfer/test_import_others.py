"""Importing harsh, dijo and beaverhabits data, and the cadence each habit maps to."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.transfer.importers import import_file
from store.transfer.importers.common import cadence_for

HABITS = """\
# This is your habits file.
# Format: Name: frequency[: retired-on]

! Dailies
Gymnastics: 1
Walk the dog: 7

! Weeklies
Meditate: 3/7
Laundry: 1w
Paint: 2/1w
Every other day: 1/2
Old habit: 1: 2025-03-01

! Tracking
Sleep well: 0
"""

LOG = """\
2026-11-20 : Gymnastics : y : coach said: great form
2026-11-21 : Gymnastics : n
2026-11-21 : Gymnastics : y : second line wins
2026-11-22 : Gymnastics : n : changed my mind
2026-11-22 : Meditate : s
2026-11-23 : Sleep well : y : 8 hours : 8
2026-11-23 : Walk the dog : y :  : 2.5
2025-01-10 : Old habit : y
2026-11-24 : Mystery : y
1899-12-31 : Gymnastics : y
2026-13-01 : Gymnastics : y
garbage without separators
2026-11-25 : Paint : maybe
"""


@pytest.fixture
def harsh_folder(tmp_path):
    folder = tmp_path / "harsh"
    folder.mkdir()
    (folder / "habits").write_text(HABITS)
    (folder / "log").write_text(LOG)
    return folder


def test_harsh(store, harsh_folder):
    summary = import_file(store, harsh_folder)
    assert summary.label == "harsh habits and log"
    assert summary.created == ["Gymnastics", "Walk the dog", "Meditate", "Laundry", "Paint", "Every other day",
                               "Old habit", "Sleep well", "Mystery"]
    cadence = {s.key: str(s.cadence) for s in store.strategies(archived=True)}
    assert (cadence["gymnastics"], cadence["walk-the-dog"], cadence["meditate"], cadence["laundry"]) == (
        "daily", "1 per week", "3 per week", "1 per week")
    assert (cadence["paint"], cadence["every-other-day"], cadence["sleep-well"]) == (
        "2 per week", "every 2 days", "1 per week")
    assert any("Sleep well" in notice for notice in summary.notices)
    assert any("Mystery" in notice for notice in summary.notices)
    assert store.strategy("old-habit").archived and not store.strategy("paint").archived
    assert [(c.day, c.note) for c in store.check_ins("gymnastics")] == [
        (date(2026, 11, 20), "coach said: great form"), (date(2026, 11, 21), "second line wins")]
    assert store.is_skipped("meditate", date(2026, 11, 22))
    assert store.check_ins("sleep-well")[0].note == "8 hours"  # the amount is not part of the note
    assert store.check_ins("walk-the-dog")[0].note == ""
    assert summary.ignored == {"date outside 1900-01-01..2999-12-31": 1, "not a date": 1,
                               "log line not understood": 1, "log line with a result other than y, n or s": 1}
    assert summary.added["checkins"] == 6 and summary.added["skips"] == 1
    assert not import_file(store, harsh_folder).written  # idempotent


def test_harsh_either_file_reads_its_neighbour(store, harsh_folder):
    summary = import_file(store, harsh_folder / "log", dry_run=True)
    assert len(summary.created) == 9 and summary.added["checkins"] == 6
    alone = harsh_folder.parent / "just-habits.txt"
    alone.write_text(HABITS)
    only = import_file(store, alone, dry_run=True)
    assert len(only.created) == 8 and only.added["checkins"] == 0


def test_dijo(store, tmp_path):
    record = [
        {"type": "Bit", "name": "Read", "stats": {"2026-11-01": True, "2026-11-02": False}, "goal": True, "auto": False},
        {"type": "Count", "name": "Push-ups", "stats": {"2026-11-01": 20, "2026-11-02": 5}, "goal": 10, "auto": False},
        {"type": "Count", "name": "Glasses", "stats": {"2026-11-03": 1, "2026-11-04": 0}, "goal": 0, "auto": False},
        {"type": "Float", "name": "Km", "stats": {"2026-11-01": {"value": 55, "precision": 1},
                                                   "2026-11-02": {"value": 45, "precision": 1}},
         "goal": {"value": 50, "precision": 1}, "auto": True},
    ]
    record.append({"type": "Bit", "name": "Read", "stats": {"2026-11-05": True}, "goal": True, "auto": False})  # again
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps(record))
    summary = import_file(store, path)
    assert summary.label == "dijo habit record" and summary.created == ["Read", "Push-ups", "Glasses", "Km"]
    assert [c.day for c in store.check_ins("read")] == [date(2026, 11, 1), date(2026, 11, 5)]  # one strategy
    assert [(c.day, c.note) for c in store.check_ins("push-ups")] == [(date(2026, 11, 1), "20")]
    assert [c.day for c in store.check_ins("glasses")] == [date(2026, 11, 3)]
    assert str(store.strategy("glasses").cadence) == "1 per week" and any("Glasses" in n for n in summary.notices)
    assert [c.day for c in store.check_ins("km")] == [date(2026, 11, 1)] and store.strategy("km").archived
    assert str(store.strategy("read").cadence) == "daily"
    assert not import_file(store, path).written


def test_beaverhabits(store, tmp_path):
    export = {"user_email": "me@example.com", "exported_at": "2026-11-29 10:00:00", "habits": [
        {"id": "a1", "name": "Stretch", "status": "normal", "records": [
            {"day": "2026-11-01", "done": True, "text": "felt good"}, {"day": "2026-11-02", "done": False},
            {"day": "2026-11-03", "done": False, "text": "at camp #skip"}]},
        {"id": "b2", "name": "Stretch", "status": "archive", "period": {"period_type": "W", "period_count": 1,
                                                                        "target_count": 3}, "records": []},
        {"id": "c3", "name": "Gone", "status": "soft_delete", "records": [{"day": "2026-11-01", "done": True}]},
        {"id": "d4", "name": "Monthly", "status": "normal", "period": {"period_type": "M", "period_count": 1,
                                                                       "target_count": 2}, "records": []},
    ]}
    path = tmp_path / "beaver.json"
    path.write_text(json.dumps(export))
    summary = import_file(store, path)
    assert summary.created == ["Stretch", "Stretch", "Monthly"]
    assert store.strategy("stretch").origin == "beaverhabits:a1" and store.strategy("stretch-2").archived
    assert str(store.strategy("stretch-2").cadence) == "3 per week"
    assert str(store.strategy("monthly").cadence) == "every 15 days"
    assert [(c.day, c.note) for c in store.check_ins("stretch")] == [(date(2026, 11, 1), "felt good")]
    assert store.is_skipped("stretch", date(2026, 11, 3))
    assert any("1 deleted habit" in n for n in summary.notices)
    assert not import_file(store, path).written


@pytest.mark.parametrize(("frequency", "spec", "noticed"), [
    ((1, 1), "daily", False), ((3, 7), "3 per week", False), ((1, 7), "1 per week", False),
    ((1, 14), "every 14 days", False), ((2, 2), "daily", False), ((2, 3), "5 per week", True),
    ((1, 400), "1 per week", True), ((5, 1), "7 per week", True), (None, "1 per week", True), ((0, 7), "1 per week", True),
])
def test_cadence_mapping(frequency, spec, noticed):
    got, notice = cadence_for("Habit", frequency)
    assert got == spec and (notice is not None) == noticed
