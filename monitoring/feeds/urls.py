from django.urls import path

from monitoring.feeds import views

urlpatterns = [
    path("", views.feed_list, name="feed_list"),
    path("new/", views.feed_create, name="feed_create"),
    path("<int:feed_id>/edit/", views.feed_edit, name="feed_edit"),
    path("<int:feed_id>/fetch/", views.feed_fetch_now, name="feed_fetch_now"),
    path("<int:feed_id>/delete/", views.feed_delete, name="feed_delete"),
]
