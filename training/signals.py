"""Signals of the training app for the apps above it (posting rights follow completions and the hospital's setting).

Both are sent once the transaction that made the change has committed.
"""

from django.dispatch import Signal

# kwargs: user_ids (frozenset[int]) — people whose completions were recorded or changed.
completions_changed = Signal()

# kwargs: hospital_id (int) — the courses a hospital requires before a role gets posting rights changed.
posting_course_requirements_changed = Signal()
