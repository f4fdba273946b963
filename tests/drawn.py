"""What the app has drawn, as text: for tests that assert on the screen itself."""

from __future__ import annotations

from textual.strip import Strip


def screen_text(app) -> str:
    """Every line of the screen as the terminal would get it (background screens included)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join(Strip.join(line).text for line in update.strips)


def widget_text(app, widget) -> str:
    """The text one widget shows, cut out of the composed screen."""
    lines = screen_text(app).split("\n")
    region = widget.content_region
    return "\n".join(lines[y][region.x:region.right] for y in range(region.y, min(region.bottom, len(lines))))
