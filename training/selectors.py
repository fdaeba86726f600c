from training.models import Course


def course_list_for_level(*, level) -> list[Course]:
    return list(level.courses.all())


def course_export() -> list[dict]:
    """The course catalogue for ``maturity_export``: each course with its audience and the levels requiring it."""
    return [
        {
            "code": course.code,
            "name_da": course.name_da,
            "name_en": course.name_en,
            "audience": course.audience,
            "levels": sorted(level.number for level in course.levels.all()),
        }
        for course in Course.objects.prefetch_related("levels")
    ]
