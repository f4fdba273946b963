"""What the board draws and tells, read through public widget methods."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from tui.board.widgets.grid import LEGEND, PLANNED


def drawn(widget: Widget) -> str:
    """The lines the widget draws (its own content, as the terminal gets it), right-trimmed."""
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset))


def screen_text(app) -> str:
    """Every line of the screen as the terminal would get it (background screens included).

    Only the compositor puts toasts, the palette and a dialog over the board together."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join(Strip.join(line).text for line in update.strips)


def widget_text(app, widget) -> str:
    """The text one widget shows, cut out of the composed screen."""
    lines = screen_text(app).split("\n")
    region = widget.content_region
    return "\n".join(lines[y][region.x:region.right] for y in range(region.y, min(region.bottom, len(lines))))


def grid_rows(board) -> dict[str, str]:
    """Each strategy row of the board's grid, keyed by the start of its title."""
    rows = {}
    for line in drawn(board.grid).splitlines()[2:]:
        if line.strip() and not line.strip().startswith((*LEGEND, PLANNED)):  # the legend's lines follow the rows
            rows[" ".join(line.split()[:2])] = line
    return rows


def panel_text(board) -> str:
    """The Today panel's words: suggestion, reason, strategy, progress and the habits still open, as shown."""
    parts = [board.panel.query_one(f"#{part}") for part in ("action", "reason", "strategy", "question", "progress", "habits")]
    return "\n".join(drawn(part) for part in parts if part.display)


class Told:
    """Every notification the app shows, recorded as it is given (app.notify is the one door)."""

    def __init__(self, app) -> None:
        self.messages: list[tuple[str, str]] = []
        notify = app.notify

        def recording(message, *args, severity="information", **kwargs):
            self.messages.append((str(message), severity))
            return notify(message, *args, severity=severity, **kwargs)

        app.notify = recording

    def __contains__(self, needle: str) -> bool:
        return any(needle in message for message, _ in self.messages)

    def errors(self) -> list[str]:
        return [message for message, severity in self.messages if severity == "error"]
