"""bondtui's faces: the command line (`tui.cli`) and the Textual board (`tui.app`)."""
