"""Write the scale's training programme (the ``courses`` of ``maturity/scale/scale.json``) into the database."""

from maturity.scale.loader import scale_data


def load_courses(apps, data: dict | None = None) -> None:
    data = data or scale_data()
    Course = apps.get_model("training", "Course")
    Level = apps.get_model("maturity", "Level")
    levels_by_course: dict[str, list[int]] = {}
    for level in data["levels"]:
        for code in level["courses"]:
            levels_by_course.setdefault(code, []).append(level["number"])
    for order, row in enumerate(data["courses"], start=1):
        course, _ = Course.objects.update_or_create(
            code=row["code"],
            defaults={
                "order": order,
                "name_da": row["name_da"],
                "name_en": row["name_en"],
                "audience": row["audience"],
            },
        )
        course.levels.set(Level.objects.filter(number__in=levels_by_course.get(row["code"], [])))
