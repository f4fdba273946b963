"""`bondtui export` (JSON and CSV) and the round trip through `bondtui import`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from store import Store
from store.transfer.export import export_json
from store.transfer.importers import import_file
from tui.main import main

HOSTILE = ['[/]', '[b]bold', 'Read [The Book]', '[@click=app.quit]x[/]', '$accent', 'C:\\dir\\', 'a,b "c"\nd', '\x1b[31mred',
           '"', 'ünïcødé 🎉']


def fill(store):
    """A database with hostile text everywhere, skips, away periods, settings, an edit and an undo."""
    store.add_strategy("chess", HOSTILE[2], "every 3 days", summary=HOSTILE[3], actions=HOSTILE[:4])
    for n, text in enumerate(HOSTILE):
        store.check_in("talk" if n % 2 else "chess", date(2026, 11, 1 + n), action=text, note=HOSTILE[-1 - n])
    store.skip("date", date(2026, 11, 20))
    store.add_away(date(2026, 8, 1), date(2026, 8, 14), HOSTILE[6])
    store.update_settings(son_name=HOSTILE[0], interests=(HOSTILE[4], HOSTILE[5]))
    store.update_strategy("talk", title=HOSTILE[7])
    store.check_in("celebrate")
    store.undo()  # leaves a tombstone


def test_round_trip_gives_the_same_document(store, clock, tmp_path):
    fill(store)
    first = export_json(store)
    document = json.loads(first)
    assert document["format"] == "bondtui-export" and document["version"] == 1
    assert len(document["checkins"]) == len(HOSTILE) and document["stamps"]  # the tombstone of the undone check-in
    assert any(stamp["gone"] for stamp in document["stamps"].values())
    path = tmp_path / "export.json"
    path.write_bytes(first)
    with Store.open(tmp_path / "empty.json", clock) as empty:
        summary = import_file(empty, path)
        assert summary.added["checkins"] == len(HOSTILE) and summary.created == [HOSTILE[2]]
        assert export_json(empty) == first
        assert empty.check_ins("chess")[0].action == HOSTILE[0] and empty.settings.son_name == HOSTILE[0]
        assert not import_file(empty, path).written  # idempotent
    with Store.open(tmp_path / "empty-too.json", clock) as empty:
        assert import_file(empty, store.path).label == "bondtui data"  # the database file itself reads the same
        assert export_json(empty) == first


def test_csv_reads_back_with_the_csv_module(store):
    fill(store)
    from store.transfer.export import export_csv

    text = export_csv(store)
    assert text.startswith("date,key,strategy,action,note,went\r\n")  # went: after the columns scripts knew
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["date", "key", "strategy", "action", "note", "went"]
    assert [(r[3], r[4]) for r in rows[1:]] == [(c.action, c.note) for c in store.check_ins()]
    assert rows[2][2] == HOSTILE[7]  # the strategy's title, literally


def test_export_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    assert main(["done", "talk", "--note", "[b]x[/b]"]) == 0
    capsys.readouterr()
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["checkins"][0]["note"] == "[b]x[/b]"
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert "Exported 1 check-in as CSV" in capsys.readouterr().out
    assert (tmp_path / "out.csv").read_text().count("\n") == 2
    assert main(["export", "-o", str(tmp_path / "missing" / "out.json")]) == 1
    assert "nothing was written" in capsys.readouterr().err
    saved = (tmp_path / "bond.json").read_bytes()
    assert main(["export", "-o", str(tmp_path / "bond.json")]) == 2
    assert "the database itself" in capsys.readouterr().err and (tmp_path / "bond.json").read_bytes() == saved
    try:
        main(["export", "--format", "xml"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "json" in capsys.readouterr().err


def test_import_command_prints_the_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BONDTUI_DB", str(tmp_path / "bond.json"))
    monkeypatch.setenv("BONDTUI_NOW", "2026-11-29T20:00:00+00:00")
    (tmp_path / "habits").write_text("Read: 1\n")
    (tmp_path / "log").write_text("2026-11-28 : Read : y\n2026-11-29 : Read : y\n2099-01-01 : Read : y\n")
    assert main(["import", str(tmp_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run — nothing written. harsh habits and log")
    assert "1 strategy created, 0 strategies matched" in out and "2 check-ins added, 0 already there" in out
    assert "1 record ignored: date in the future" in out and not (tmp_path / "bond.json").exists()
    assert main(["import", str(tmp_path)]) == 0
    assert "`bondtui undo` takes the whole import back." in capsys.readouterr().out
    assert main(["import", str(tmp_path)]) == 0
    assert "0 check-ins added, 2 already there" in capsys.readouterr().out
    assert main(["undo"]) == 0
    assert "Undid the import of 1 strategy, 2 check-ins" in capsys.readouterr().out
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["checkins"] == []


async def test_palette_export_writes_beside_the_database(store, db_path, tmp_path):
    from tui.board.app import BondApp

    store.check_in("talk", note="[b]not bold[/b]")
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    notes = []
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.notify = lambda message, **kw: notes.append((message, kw))  # what it says, and how
        await pilot.press("ctrl+p", *"export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    written = db_path.with_name("bond-export-2026-11-29.json")
    assert json.loads(written.read_text())["checkins"][0]["note"] == "[b]not bold[/b]"
    assert notes == [(f"Exported everything to {written}", {"markup": False, "timeout": 10})]
