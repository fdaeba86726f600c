"""Enqueue Celery tasks once the current transaction has committed, without letting a dead broker undo it.

Used by every app: the state change is what matters; a task that cannot be queued is logged (by name and ids
only, never content) and left to the nightly reconciliation or the in-app task lists.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, **kwargs) -> None:
    def enqueue() -> None:
        try:
            task.apply_async(kwargs=kwargs, retry=False)
        except OperationalError:
            logger.warning("Broker unreachable: %s(%s) was not queued", task.name, kwargs)

    transaction.on_commit(enqueue)
