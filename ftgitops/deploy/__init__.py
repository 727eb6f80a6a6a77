"""Deployment on merge: `ftgitops deploy` makes the platform match main and writes what
happened back into git.

`plan` (with `targets`, `state` and `verdict`) decides what is due at `now` from the model
alone; `reconcile` takes the steps one at a time: re-simulate, take the lease (a pushed
`started` entry), call the driver (`drivers`), record (`record`) and push.
"""
