"""Two people confirm the same import at the same moment: the figures are written once, the other is told."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from governance.models import User
from metrics.imports.services import MetricImportError, metric_import_confirm
from metrics.models import MetricImport, PostMetric
from tests.metrics.imports.support import upload


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_confirmations_at_once_write_once(demo):
    PostMetric.objects.all().delete()
    producer, lead = User.objects.get(username="producer"), User.objects.get(username="lead")
    metric_import = upload("meta_posts.csv", producer)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm(person: User) -> None:
        start.wait()
        try:
            with translation.override("en"):
                metric_import_confirm(metric_import=metric_import, acting_user=person)
            outcomes.append("confirmed")
        except MetricImportError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(person,)) for person in (producer, lead)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["This import was confirmed already; nothing was changed.", "confirmed"]
    assert PostMetric.objects.count() == 3
    metric_import.refresh_from_db()
    assert metric_import.status == MetricImport.Status.CONFIRMED
    assert metric_import.history.filter(status=MetricImport.Status.CONFIRMED).count() == 1
