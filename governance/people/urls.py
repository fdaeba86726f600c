"""A unit's people: mounted at ``units/`` in the root URLconf, without a namespace, so that the page is
``unit_people`` wherever it is linked from (the gap report's fix links, the unit's pages, the dashboard). The unit id
sits in these patterns (not in the include's prefix) so that the IDOR test sees every object argument."""

from django.urls import path

from governance.people import views

urlpatterns = [
    path("<int:unit_id>/people/", views.unit_people, name="unit_people"),
]
