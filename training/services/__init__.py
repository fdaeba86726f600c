"""Every write of the training app: locked, checked, audited, one transaction each."""

from training.services.catalogue import course_create, course_update
from training.services.completions import (
    completion_expiry,
    completion_record_external,
    session_attendance_record,
)
from training.services.enrolment import enrolment_cancel, enrolment_create
from training.services.posting_conditions import posting_courses_set
from training.sessions.services import session_cancel, session_create, session_update

__all__ = [
    "completion_expiry",
    "completion_record_external",
    "course_create",
    "course_update",
    "enrolment_cancel",
    "enrolment_create",
    "posting_courses_set",
    "session_attendance_record",
    "session_cancel",
    "session_create",
    "session_update",
]
