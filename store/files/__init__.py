"""The files: one database as a set of files on disk, written atomically, one change at a time.

Atomic writes (`atomic`), the set of a main file and a file per year (`layout`),
TinyDB over them with the write lock and the daily backups (`storage`,
`database`), reading and checking the set (`reading`), documents to records and
back (`converters`), the records in memory (`loaded`), the change log with undo
and redo (`changelog`), the derived numbers and their checkpoints (`derived`),
and going back to a backup (`restore`).

May use: the model, `store.errors`, TinyDB and orjson. Never guide or transfer.
"""
