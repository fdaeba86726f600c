"""Training sessions belong to a hospital: a session of another hospital, and a place on it, are 404."""

from datetime import timedelta

from django.utils import timezone

from training.models import Course
from training.services import enrolment_create, session_create

KWARGS = {"session_id", "enrolment_id"}


def build(base) -> dict[str, int]:
    lead, starts_at = base["foreign_lead"], timezone.now() + timedelta(days=3)
    session = session_create(
        hospital=base["foreign_hospital"],
        data={
            "course": Course.objects.get(code="content"),
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "place": "Fremmed lokale",
            "online_url": "",
            "capacity": 5,
            "teacher": lead,
        },
        acting_user=lead,
    )
    place = enrolment_create(session=session, person=lead, acting_user=lead)
    return {"session_id": session.pk, "enrolment_id": place.pk}
