"""The guide: today's one small suggestion for each strategy, and why.

How much each strategy needs her (`need`), its actions fitted to the moment and
to him (`ideas`), the reason in words (`reasons`), the ranking and the replay of
the days before (`suggest`), and the Store's side of it, with the replay's
memory kept between sessions (`today`).

May use: the model, the files (to read the records and keep the memory), and
`store.errors`. Never transfer.
"""
