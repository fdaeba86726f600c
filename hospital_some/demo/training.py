"""The demo hospital's training: two upcoming sessions (one nearly full) taught by the community manager, the
personas' completions, and "Indhold på sociale medier" required before producers post. The demo producer has a
current completion of it, so keeps its posting rights."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from governance.models import Hospital, Role, User
from training.models import Completion, Course, CourseSession
from training.services import completion_record_external, enrolment_create, posting_courses_set, session_create

# (course, days from today, seats, place, online link, who takes a seat)
DEMO_SESSIONS = [
    ("content", 14, 3, "Mødelokale 2, Hjertemedicinsk afdeling", "", ["flowmanager", "manager"]),
    ("feedback_dialogue", 30, 20, "", "https://meet.demohospitalet.example/dialog", ["producer"]),
]
# (person, course, days ago, evidence)
DEMO_COMPLETIONS = [
    ("producer", "content", 120, "Kursusbevis fra regionens e-læring, modul Indhold på sociale medier"),
    ("producer", "intro", 300, "Introduktionsdag for nye medarbejdere"),
    ("flowmanager", "intro", 400, "Introduktionsdag for nye medarbejdere"),
    ("flowmanager", "coordination", 200, "Kursusbevis, Koordinering og planlægning"),
    ("manager", "managers", 90, "Lederkursus, regionens lederakademi"),
]


def demo_training_seed(*, hospital: Hospital, users: dict[str, User]) -> None:
    courses = {course.code: course for course in Course.objects.all()}
    today = timezone.localdate()
    for username, code, days_ago, evidence in DEMO_COMPLETIONS:
        if not Completion.objects.filter(user=users[username], course=courses[code]).exists():
            completion_record_external(
                person=users[username],
                course=courses[code],
                completed_on=today - timedelta(days=days_ago),
                evidence=evidence,
                acting_user=users["community"],
            )
    posting_courses_set(
        hospital=hospital,
        role=Role.objects.get(code="producer"),
        courses=[courses["content"]],
        acting_user=users["lead"],
    )
    if CourseSession.objects.filter(hospital=hospital).exists():
        return
    for code, days, seats, place, online_url, participants in DEMO_SESSIONS:
        starts_at = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(9, 0)))
        session = session_create(
            hospital=hospital,
            data={
                "course": courses[code],
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=3),
                "place": place,
                "online_url": online_url,
                "capacity": seats,
                "teacher": users["community"],
            },
            acting_user=users["lead"],
        )
        for username in participants:
            enrolment_create(session=session, person=users[username], acting_user=users[username])
