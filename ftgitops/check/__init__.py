"""The pull-request check: what a change to the repository does, and whether it may merge.

`run.run_check` compares the head of a branch with its merge base; the other modules each do
one part (reading trees from git through a per-blob cache, validating the head, the conflicts
involved, lifecycle transitions, impact, approvals, the formats).
"""
