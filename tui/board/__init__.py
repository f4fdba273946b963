"""The board: the Textual app, its screens and widgets, the palette, the keymap, and ending cleanly.

May use: Textual and Rich, the `store` facade, `themes`, and the shared
`tui.text`, `tui.calendar` and `tui.transfer`. Screens reach the app through its
actions and messages, never by importing it.
"""
