"""The user's keymap: config.toml remaps bindings by id; a broken file is told, never fatal."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tests.tui_helpers import screen_text
from tui.board.app import BondApp
from tui.board.keymap import config_path, key_label, load_keymap
from tui.board.screens.help import HelpScreen

SIZE = (100, 34)
KNOWN = lambda: ["board.toggle", "board.undo", "board.help"]  # noqa: E731


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BONDTUI_CONFIG", str(path))
    return path


def test_the_env_names_the_file(config):
    assert config_path() == config


def test_a_missing_file_is_an_empty_keymap(tmp_path):
    assert load_keymap(tmp_path / "none.toml", KNOWN) == ({}, [])


def test_keys_are_read_and_trimmed(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[keymap]\n"board.toggle" = "x"\n"board.undo" = "u, ctrl+z"\n')
    assert load_keymap(path, KNOWN) == ({"board.toggle": "x", "board.undo": "u,ctrl+z"}, [])


@pytest.mark.parametrize("text, line, words", [
    ('[keymap]\n"board.toggle" = "x"\n"board.nope" = "y"\n', 3, "'board.nope' is not a binding id"),
    ('[keymap]\n\n"board.toggle" = 3\n', 3, "needs keys as text"),
    ('[keymap]\n"board.toggle" = "a b"\n', 2, "needs keys as text"),
    ('[keymap]\n"board.toggle" = "x\n', 2, "not valid TOML"),
    ('keymap = "x"\n', 1, "must be a table"),
])
def test_each_problem_names_its_line(tmp_path, text, line, words):
    path = tmp_path / "c.toml"
    path.write_text(text)
    keymap, problems = load_keymap(path, KNOWN)
    assert len(problems) == 1 and f"line {line}" in problems[0] and words in problems[0]
    assert "board.nope" not in keymap


def test_key_label_follows_the_keymap():
    binding = Binding("space", "toggle", "Done", id="board.toggle")
    assert key_label(binding) == "space"
    assert key_label(binding, {"board.toggle": "x,shift+up"}) == "x / shift+↑"


async def test_a_remapped_key_works_and_help_and_footer_show_it(store, config, tmp_path):
    config.write_text('[keymap]\n"board.toggle" = "x"\n"board.settings" = "ctrl+o"\n')
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the footer lists the keys a refresh after the first frame
        assert "x Done" in screen_text(app).split("\n")[-1]
        await pilot.press("space")
        assert not store.is_done("talk", store.today())
        await pilot.press("x")
        assert store.is_done("talk", store.today())
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_lines = screen_text(app).split("\n")
        assert any("x " in line and "Check in or take it back" in line for line in help_lines)
        assert any("ctrl+o" in line and "Settings" in line for line in help_lines)


async def test_a_broken_file_is_told_and_the_app_starts_with_default_keys(store, config, tmp_path):
    config.write_text('[keymap]\n"board.toggle" = "x"\n"board.toggel" = "y"\n')
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert any("line 3" in n.message and "board.toggel" in n.message for n in app._notifications)
        await pilot.press("x")  # the good line still applies
        assert store.is_done("talk", store.today())


def _every_binding_to(app, key: str) -> str:
    return "[keymap]\n" + "".join(f'"{binding_id}" = "{key}"\n' for binding_id in app.binding_ids())


@pytest.mark.parametrize("way_out", ["ctrl+q", "ctrl+c"])
async def test_a_keymap_that_maps_everything_to_q_still_lets_her_out(store, config, tmp_path, way_out):
    config.write_text(_every_binding_to(BondApp(store=store, theme_dir=tmp_path / "t"), "q"))
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        told = [n.message for n in app._notifications]
        assert any("the key 'q' is given to" in message and "app.quit" in message for message in told), told
        await pilot.press(way_out)
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (0, None)


async def test_a_keymap_cannot_take_ctrl_q_and_a_key_that_does_not_exist_is_told(store, config, tmp_path):
    config.write_text('[keymap]\n"board.toggle" = "ctrl+q"\n"board.undo" = "ctlr+z"\n"board.help" = "f13,h"\n')
    app = BondApp(store=store, theme_dir=tmp_path / "themes")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        told = [n.message for n in app._notifications]
        assert any("line 2" in m and "ctrl+q always quits" in m for m in told), told
        assert any("line 3" in m and "no key is called 'ctlr+z'" in m for m in told), told
        assert any("the key 'h'" in m and "board.help" in m for m in told), told  # h also moves left
        await pilot.press("space")
        assert store.is_done("talk", store.today())  # board.toggle kept its key
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("key, known", [("x", True), ("ctrl+x", True), ("f5", True), ("space", True),
                                        ("question_mark", True), ("shift+up", True), ("left_square_bracket", True),
                                        ("ctlr+x", False), ("banana", False), ("ctrl+", False), ("f99", False)])
def test_key_names(key, known):
    from tui.board.keymap import is_key

    assert is_key(key) is known
