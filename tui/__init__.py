"""bondtui's two faces: the command line (`tui.cli`) and the Textual board (`tui.board`).

`tui.main` is the console script. What both faces share lives here: text made
safe and fitted for a terminal (`text`), the year as calendar cells (`calendar`)
and moving data in and out (`transfer`).
"""
