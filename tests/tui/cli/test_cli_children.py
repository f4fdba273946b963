"""Several children on the command line: `child …`, --child anywhere, BONDTUI_CHILD, and every command per child."""

from __future__ import annotations

import json

import pytest

from store.family import children_folder


def _sets(cli) -> dict[str, bytes]:
    """Every child's main file, by path: what a command changed, and what it left alone byte for byte."""
    files = [cli.path, *sorted(children_folder(cli.path).glob("*/bond.json"))]
    return {str(path): path.read_bytes() for path in files}


@pytest.fixture
def three(cli):
    """Sam (the first child, named), Leo and Mia."""
    assert cli("settings", "set", "name", "Sam")[0] == 0
    assert cli("child", "add", "Leo", "--born", "2015-03", "--interests", "chess, lego")[0] == 0
    assert cli("child", "add", "Mia", "--born", "2019-07")[0] == 0
    return cli


def test_child_list_and_add(cli):
    code, out, _ = cli("child", "list")
    assert code == 0 and "My son" in out and "child add" in out  # one child: the way to a second
    assert not children_folder(cli.path).exists()  # listing writes nothing
    code, out, _ = cli("child", "add", "Leo", "--born", "2015-03")
    assert code == 0 and "Added Leo" in out and "--child Leo" in out
    code, out, _ = cli("child", "list", "--json")
    assert json.loads(out) == [{"name": "My son", "born": None, "active": True, "archived": False},
                               {"name": "Leo", "born": "2015-03", "active": False, "archived": False}]


def test_every_command_lands_on_the_child_named_and_only_there(three):
    cli = three
    leo_commands = [
        ("done", "talk", "--note", "he laughed"), ("did",), ("skip", "freedom"), ("undo",),
        ("question", "--asked", "--note", "about chess"), ("plan", "add", "date", "tomorrow"),
        ("away", "add", "2026-12-20", "2026-12-22"), ("strategy", "add", "chess", "--title", "Chess nights",
                                                     "--cadence", "1 per week"),
        ("settings", "set", "interests", "chess, climbing"),
    ]
    for args in leo_commands:
        before = _sets(cli)
        code, out, err = cli(*args, "--child", "leo")  # --child after the command
        assert code == 0, (args, err)
        changed = [path for path, content in _sets(cli).items() if before[path] != content]
        assert len(changed) == 1 and "bond.children" in changed[0], (args, changed)
    for args in [("streaks", "--json"), ("history", "talk", "--json"), ("review", "--json"), ("plan", "list", "--json"),
                 ("question", "--json"), ("settings", "--json"), ("strategy", "list", "--json"), ("away", "list")]:
        code, out, err = cli("--child", "LEO", *args)  # --child before it, in any case
        assert code == 0, (args, err)
    code, out, _ = cli("--child", "Leo", "strategy", "list", "--json")
    assert "chess" in [s["key"] for s in json.loads(out)]
    code, out, _ = cli("strategy", "list", "--json")  # Sam's board is untouched
    assert "chess" not in [s["key"] for s in json.loads(out)]
    code, out, _ = cli("--child", "Leo", "settings", "--json")
    settings = json.loads(out)
    assert (settings["name"], settings["born"], settings["interests"]) == ("Leo", "2015-03", ["chess", "climbing"])
    assert "he laughed" in cli("--child", "Leo", "export")[1]
    assert "he laughed" not in cli("export")[1]


def test_the_environment_names_the_child_and_the_line_wins(three):
    cli = three
    cli.monkeypatch.setenv("BONDTUI_CHILD", "mia")
    assert cli("done", "talk")[0] == 0
    code, out, _ = cli("settings", "--json")
    assert json.loads(out)["name"] == "Mia"
    code, out, _ = cli("--child", "Sam", "settings", "--json")
    assert json.loads(out)["name"] == "Sam"
    code, out, _ = cli("streaks", "--json")
    assert [r["done_today"] for r in json.loads(out) if r["key"] == "talk"] == [True]


def test_an_unknown_child_exits_2_naming_the_children_and_writes_nothing(three):
    cli = three
    before = _sets(cli)
    for args in (("done", "talk", "--child", "Zed"), ("--child", "Zed", "today"), ("child", "rename", "Zed", "Z"),
                 ("child", "archive", "zed"), ("child", "add", "leo"), ("child", "rename", "Leo", "sam"),
                 ("child", "add", "Ann", "--born", "2031-01"), ("--child", "Zed", "restore")):
        code, _, err = cli(*args)
        assert code == 2, args
        assert err.count("\n") == 1 and "Traceback" not in err
    assert "the children are: Sam, Leo, Mia" in cli("done", "talk", "--child", "Zed")[2]
    assert _sets(cli) == before


def test_rename_archive_restore(three):
    cli = three
    assert cli("child", "rename", "mia", "Mila")[0] == 0
    assert cli("settings", "set", "name", "Leon", "--child", "leo")[0] == 0  # his name is the child's name
    code, out, _ = cli("child", "list", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Sam", "Leon", "Mila"]
    assert cli("child", "archive", "Mila")[0] == 0
    code, out, _ = cli("today")
    assert "Mila" not in out and "Leon" in out
    code, out, _ = cli("child", "list", "--json")
    assert json.loads(out)[2]["archived"] is True
    assert cli("child", "restore", "mila")[0] == 0
    assert "Mila" in cli("today")[1]


def test_today_with_several_children(three):
    cli = three
    code, out, _ = cli("today")
    assert code == 0
    for name in ("Sam", "Leo", "Mia"):
        assert f"\n  {name}\n  → " in out  # one suggestion a child, each named
    assert "Sam: 0 of 7 strategies touched today" in out
    code, out, _ = cli("today", "--json")
    record = json.loads(out)
    assert record["child"] == "Sam" and record["suggestion"]["key"]
    code, out, _ = cli("today", "--all", "--json")
    assert [r["child"] for r in json.loads(out)] == ["Sam", "Leo", "Mia"]
    code, out, _ = cli("today", "--short", "--child", "mia")
    assert out.startswith("Mia: ") and out.count("\n") == 1
    code, out, _ = cli("--child", "Leo", "today")
    assert "\n  Leo\n" in out and "\n  Sam\n" not in out  # named: that child's only


def test_export_all_and_import_merge_restore_per_child(three, tmp_path):
    cli = three
    assert cli("done", "talk", "--note", "Leo's note", "--child", "Leo")[0] == 0
    code, out, _ = cli("export", "--all")
    exported = json.loads(out)
    assert [c["child"] for c in exported] == ["Sam", "Leo", "Mia"]
    assert "Leo's note" in json.dumps(exported[1]["export"]) and "Leo's note" not in json.dumps(exported[0]["export"])
    code, out, _ = cli("export", "--all", "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("child,") and any(line.startswith("Leo,") and "Leo's note" in line for line in lines)
    leo_export = tmp_path / "leo.json"
    assert cli("export", "--child", "Leo", "-o", str(leo_export))[0] == 0
    before = _sets(cli)
    code, out, err = cli("import", str(leo_export), "--child", "Mia")
    assert code == 0, err
    changed = [path for path, content in _sets(cli).items() if before[path] != content]
    assert len(changed) == 1 and cli("--child", "Mia", "export")[1].count("Leo's note") == 1
    assert cli("merge", str(leo_export), "--child", "Sam")[0] == 0
    assert "Leo's note" in cli("export")[1]
    code, out, _ = cli("restore", "--child", "Leo")
    assert code == 0 and "bond.children" in out  # his own backups
