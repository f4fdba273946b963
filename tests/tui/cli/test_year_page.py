"""The year to keep: one HTML page that stands alone, parses whole, escapes what she wrote, and stays small."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from bench.guidance import at
from store import FixedClock, Store

VOID = {"meta", "br", "img", "hr", "link", "input"}


class Checked(HTMLParser):
    """Every element opened is closed, in order; the tags, the addresses and the text it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.addresses: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.addresses += [value or "" for name, value in attrs if name in ("src", "href")]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing open")

    def handle_data(self, data):
        self.text.append(data)


def _page(cli, *args: str) -> Checked:
    code, out, err = cli("review", "--year", "2026", "--html", *args)
    assert code == 0, err
    checked = Checked()
    checked.feed(out)
    checked.close()
    return checked


def test_the_page_parses_whole_and_shows_her_notes_as_text(cli):
    cli("settings", "set", "name", "Sam <i>")
    cli("done", "talk", "--note", "<script>alert('boo')</script> he laughed", "--went", "great")
    cli("done", "affection", "--note", 'he said "thanks, Mum" & meant it')
    page = _page(cli)
    assert page.problems == [] and page.open == []
    assert "script" not in page.tags and "i" not in page.tags  # what she wrote is never markup
    text = " ".join(page.text)
    assert "<script>alert('boo')</script> he laughed" in text and 'he said "thanks, Mum" & meant it' in text
    assert "A year with Sam <i>: 2026" in text
    assert all(not re.match(r"\s*(https?:)?//", address) for address in page.addresses)
    assert {"svg", "rect", "polyline", "style"} <= set(page.tags)


def test_the_page_is_written_atomically_where_she_asks(cli, tmp_path):
    target = tmp_path / "year.html"
    code, out, _ = cli("review", "--year", "2026", "--html", "-o", str(target))
    assert code == 0 and str(target) in out
    assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args", [("--year", "1999", "--html"), ("--html",), ("--year", "2026"),
                                  ("-o", "x.html")])
def test_a_page_that_cannot_be_made_is_refused(cli, args):
    code, out, err = cli("review", *args)
    assert code == 2 and out == "" and err.startswith("bondtui: ")


def test_a_year_of_daily_check_ins_stays_under_two_megabytes(tmp_path, monkeypatch, capsys):
    from tui.main import main

    clock = FixedClock(at(date(2025, 1, 1), 20))
    path = tmp_path / "bond.json"
    with Store.open(path, clock) as store:
        for offset in range(365):
            clock.moment = at(date(2025, 1, 1) + timedelta(days=offset), 20)
            for key in ("talk", "affection", "together"):
                store.check_in(key, note=f"day {offset}: he said something worth keeping" if key == "talk" else "",
                               went="great" if offset % 7 == 0 else "")
    monkeypatch.setenv("BONDTUI_DB", str(path))
    monkeypatch.setenv("BONDTUI_NOW", "2026-01-02T20:00:00+00:00")
    assert main(["review", "--year", "2025", "--html"]) == 0
    page = capsys.readouterr().out
    assert len(page.encode()) < 2 * 1024 * 1024
    checked = Checked()
    checked.feed(page)
    assert checked.problems == [] and "day 364: he said something worth keeping" in " ".join(checked.text)


def test_the_year_in_markdown_counts_each_month_and_keeps_his_words(cli):
    cli("done", "talk", "--note", "he said *thanks* <3", "--went", "great")
    code, out, _ = cli("review", "--year", "2026", "--markdown")
    assert code == 0 and out.startswith("# A year with him: 2026")
    talk = next(line for line in out.splitlines() if line.startswith("| Talk with him"))
    assert talk.split(" | ")[11:14] == ["1", "0", "1"]  # November, December, the year
    assert "he said \\*thanks\\* \\<3" in out and "## What went great" in out
