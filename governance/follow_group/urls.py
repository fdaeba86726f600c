from django.urls import path

from governance.follow_group import views

app_name = "follow_group"

urlpatterns = [
    path("", views.detail, name="detail"),
    path("edit/", views.edit, name="edit"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("ideas/<int:idea_id>/status/", views.idea_status, name="idea_status"),
]
