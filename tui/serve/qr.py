"""The address as a QR code in Unicode half blocks: two rows of modules to a line of text, any terminal, any log."""

from __future__ import annotations

QUIET = 2  # modules of light border around the code: scanners need a margin (the terminal's own edge adds more)


def half_blocks(text: str) -> str:
    """The QR code of `text`, its light modules drawn as blocks: right on a dark terminal, where most are."""
    import segno  # only `bondtui serve` draws one

    rows = [[not dark for dark in row] for row in segno.make(text, error="m").matrix_iter(scale=1, border=QUIET)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyphs = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return "\n".join("".join(glyphs[top, bottom] for top, bottom in zip(upper, lower, strict=True))
                     for upper, lower in zip(rows[0::2], rows[1::2], strict=True))
