"""Give the scale's eight courses a description (Danish original, English translation) and a validity.

The scale names only the courses: the descriptions and the validity below are OUR defaults, which each hospital's
communication unit may edit. Courses on dialogue and content are renewed every 24 months, since practice and the
platforms change; the introduction is taken once and never expires.
"""

from django.db import migrations

# code: (description_da, description_en, validity in months or None for never)
COURSE_DEFAULTS = {
    "intro": (
        "Hvad sygehuset gør på sociale medier, hvem der må skrive på de officielle profiler, og hvordan du som "
        "medarbejder bruger sociale medier med omtanke for patienter og kolleger.",
        "What the hospital does on social media, who may post on the official profiles, and how you as an "
        "employee use social media with care for patients and colleagues.",
        None,
    ),
    "managers": (
        "Ledelsens rolle: strategi, ressourcer, roller i afdelingen og hvordan lederen støtter medarbejdere, der "
        "kommunikerer på sygehusets vegne.",
        "The manager's role: strategy, resources, roles in the department and how the manager supports employees "
        "who communicate on the hospital's behalf.",
        36,
    ),
    "ambassador": (
        "For interesserede medarbejdere, der vil dele og fortælle om sygehusets arbejde på egne profiler.",
        "For interested employees who want to share and tell about the hospital's work on their own profiles.",
        24,
    ),
    "coordination": (
        "Kanalplaner, redaktionel kalender og koordinering med kommunikationsafdelingen for afdelingens flowmanagere.",
        "Channel plans, the editorial calendar and coordination with the communication unit, for department "
        "flowmanagers.",
        24,
    ),
    "content": (
        "Tekst, foto og video til sygehusets profiler: målgrupper, tone, tavshedspligt, samtykke og tilgængelighed.",
        "Text, photo and video for the hospital's profiles: target groups, tone, confidentiality, consent and "
        "accessibility.",
        24,
    ),
    "feedback_dialogue": (
        "Svar på kommentarer, beskeder og anmeldelser efter sygehusets svarretningslinjer og triagediagram.",
        "Answering comments, messages and reviews by the hospital's response guidelines and triage diagram.",
        24,
    ),
    "user_involvement": (
        "Brug af sociale medier til at inddrage patienter og pårørende i udviklingen af sygehuset.",
        "Using social media to involve patients and relatives in developing the hospital.",
        24,
    ),
    "patient_networks": (
        "Styring og facilitering af lukkede patient- og pårørendegrupper: regler, moderation og persondata.",
        "Running and facilitating closed patient and relatives' groups: rules, moderation and personal data.",
        24,
    ),
}


def forwards(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for course in Course.objects.filter(code__in=COURSE_DEFAULTS):
        description_da, description_en, validity = COURSE_DEFAULTS[course.code]
        if not course.description_da:
            course.description_da = description_da
        if not course.description_en:
            course.description_en = description_en
        course.validity_months = validity
        course.save()


class Migration(migrations.Migration):
    dependencies = [("training", "0003_sessions_enrolments_completions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
