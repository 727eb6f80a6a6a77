"""Notifications: the events between the last notified commit and HEAD (and those time
brings), sent once each through Apprise to channels, people and customers, recorded in git.

One module a step: `history` (state events from the items' versions), `windows` (customer
windows: notice, reminders, start and end), `alerts` (conflicts), `recipients` (who gets
what), `templates` and `messages` (the words), `calendar` (the iCalendar attachment),
`digest` (one message per recipient and run), `secrets` and `channels` (Apprise), `ledger`
and `session` (the record in git), `run` (the whole), `report` (what was done).
"""
