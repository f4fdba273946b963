"""Command palette entries for the domain: "Check in: <strategy>", "Theme: <name>", "Settings…", …"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..text import printable
from .host import Host, as_host

Command = tuple[str, Callable[[], object], str]  # what she reads, what it does, the help line


def _literal(matcher, text: str) -> Content:
    """Highlight the match without reading the text as markup (Matcher.highlight would)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets if score else ():
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _year_beside(app: Host) -> None:
    from ..transfer import save_year_beside

    save_year_beside(app)


def _export_beside(app: Host) -> None:
    from ..transfer import export_beside  # export, import and merge load when used, not at start

    export_beside(app)


class BondCommands(Provider):
    def commands(self) -> list[Command]:
        """What the palette lists before she types anything."""
        app = as_host(self.app)
        found: list[Command] = [("Settings…", app.open_settings, "His name, what he loves, theme, day start, week start"),
                 ("Add strategy…", app.open_editor, "A strategy of your own: title, cadence, actions"),
                 ("Week in review", app.open_review, "What you did, what he said, what to try next week"),
                 ("Away…", app.open_away, "He is away (camp, a trip): every strategy pauses"),
                 ("Archived strategies…", app.open_archived, "Restore one to the board, or delete it for good")]
        found += [(f"Check in: {printable(s.title)}", partial(app.check_in_today, s.key), "Log it for today")
                  for s in app.store.strategies()]
        found += [(f"Theme: {printable(name)}", partial(setattr, app, "theme", name), "Change the colours")
                  for name in app.bond_themes]
        if app.store.several:
            found += [(f"Switch to {printable(child.name)}", partial(app.switch_child, child.id), "That child's board")
                      for child in app.store.family.others(app.store)]
        found.append(("Add a child…", app.add_child, "A board of his own: his strategies, his history"))
        found.append(("Export…", partial(_export_beside, app), "Write everything as JSON beside the database"))
        found.append(("Save the year as a page…", partial(_year_beside, app),
                      "This year on one page, beside the database: to keep or print"))
        found.append(("Quit", app.exit, "Everything is already saved"))
        return found

    def strategy_commands(self) -> list[Command]:
        """Found by typing: edit, archive or delete one strategy."""
        app, found = as_host(self.app), list[Command]()
        for s in app.store.strategies():
            title = printable(s.title)
            found += [(f"Edit: {title}", partial(app.open_editor, s.key), "Title, summary, cadence, actions"),
                      (f"Archive: {title}", partial(app.archive, s.key), "Off the board; its history stays"),
                      (f"Delete: {title}", partial(app.confirm_delete, s.key), "For good, after typing its title")]
        return found

    async def discover(self) -> Hits:
        for text, callback, help_text in self.commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands() + self.strategy_commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _literal(matcher, text), callback, text=text, help=help_text)
