"""Signals for apps above the waiting lists (allocation), which the waiting lists must not import."""

from django.dispatch import Signal

# Sent inside the transaction when an entry leaves the list (completed or removed); args: entry, actor.
entry_left_list = Signal()
