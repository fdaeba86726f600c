"""A unit's people: mounted at ``units/`` in the root URLconf, without a namespace, so that the page is
``unit_people`` wherever it is linked from (the gap report's fix links, the dashboard). The unit id sits in these
patterns (not in the include's prefix) so that the IDOR test sees every object argument."""

from django.urls import path

from governance.people import views

urlpatterns = [
    path("<int:unit_id>/people/", views.unit_people, name="unit_people"),
    path("<int:unit_id>/people/add/", views.unit_people_add, name="unit_people_add"),
    path("<int:unit_id>/people/<int:membership_id>/backup/", views.unit_people_backup_name, name="unit_people_backup"),
    path(
        "<int:unit_id>/people/<int:membership_id>/backup/stop/",
        views.unit_people_backup_stop,
        name="unit_people_backup_stop",
    ),
    path("<int:unit_id>/people/<int:membership_id>/end/", views.unit_people_end, name="unit_people_end"),
]
