from django.urls import path

from channels_plan.calendar import views as calendar_views

app_name = "calendar"

urlpatterns = [
    path("", calendar_views.calendar_month, name="month"),
    path("week/", calendar_views.calendar_week, name="week"),
    path("list/", calendar_views.calendar_list, name="list"),
    path("feed/reset/", calendar_views.calendar_feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", calendar_views.calendar_feed, name="feed"),
]
