"""The model: what a day, a cadence, a streak and strength are, and the records they are made of.

Pure functions and immutable values: days and weeks (`days`), cadences and their
periods (`cadence`), the records (`records`), the paused days of skips and away
periods (`paused`), streaks and strength (`streaks`, `strength`), the year looked
back on (`history`), the rules for what she types (`rules`) and the seven default
strategies (`catalog`, with `catalog.toml`).

May use: the standard library, `store.errors`, and its own modules. Never files,
guide or transfer (an import-linter contract says so): the model knows no disk.
"""
