"""Two people take the last seat of a session at the same moment: exactly one gets it, the other waits."""

import threading

import pytest
from django.db import connection

from governance.models import Unit, User
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.training_session_factories import person_make, session_make
from training.models import Enrolment
from training.services import enrolment_create


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_seat_at_once_one_gets_it_the_other_waits(demo):
    department = Unit.objects.get(hospital=demo, name=PERSONA_DEPARTMENT)
    lead, community = User.objects.get(username="lead"), User.objects.get(username="community")
    session = session_make(hospital=demo, teacher=community, organiser=lead, capacity=2)
    enrolment_create(session=session, person=lead, acting_user=lead)
    racers = [person_make(unit=department), person_make(unit=department)]
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def enrol(person: User) -> None:
        start.wait()
        try:
            enrolment_create(session=session, person=person, acting_user=person)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(person,)) for person in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    statuses = sorted(Enrolment.objects.filter(user__in=racers).values_list("status", flat=True))
    assert statuses == [Enrolment.Status.ENROLLED, Enrolment.Status.WAITING]
    assert Enrolment.objects.filter(session=session, status=Enrolment.Status.ENROLLED).count() == 2
