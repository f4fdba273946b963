"""Errors the core raises; the command line and the app turn them into messages."""


class BondError(Exception):
    """Base class: every message is one line, ready to show to the user."""


class DataError(BondError):
    """The data file cannot be used as it is (unreadable, not bondtui data, too new)."""


class LockedError(BondError):
    """Another bondtui holds the write lock."""


class WriteError(BondError):
    """A change could not be saved; the file and the memory are as before it."""


class UsageError(BondError, ValueError):
    """The caller asked for something that does not exist or cannot be (bad key, bad date)."""


class CadenceError(UsageError):
    """A cadence spec could not be understood."""
