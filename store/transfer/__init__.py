"""Moving data in and out: bondtui's own export, merging another copy, and other trackers' files.

`export` writes the JSON document and the CSV; `merge` folds another copy in
under the merge laws (nothing held is lost, nothing deleted returns);
`importers/` reads Loop Habit Tracker, harsh, dijo and beaverhabits.

May use: the model, the files and `store.errors`. Reaches the Store it is
handed only through its methods.
"""
