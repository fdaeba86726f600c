from django.urls import path

from channels_plan import views
from channels_plan.proposals import views as proposal_views

app_name = "channels_plan"

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/<int:unit_id>/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:plan_id>/decide/", views.plan_decide, name="plan_decide"),
    path("plans/<int:plan_id>/result/", views.plan_result, name="plan_result"),
    path("plans/<int:plan_id>/evaluated/", views.plan_evaluated, name="plan_evaluated"),
    path("channels/", views.channel_list, name="channel_list"),
    path("channels/<int:channel_id>/", views.channel_detail, name="channel_detail"),
    path("channels/<int:channel_id>/status/", views.channel_status, name="channel_status"),
    path("channels/<int:channel_id>/review/", views.channel_review, name="channel_review"),
    path("proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("proposals/new/<int:unit_id>/", proposal_views.proposal_create, name="proposal_create"),
    path("proposals/<int:proposal_id>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit/", proposal_views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/submit/", proposal_views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:proposal_id>/schedule/", proposal_views.proposal_schedule, name="proposal_schedule"),
    path("proposals/<int:proposal_id>/decide/", proposal_views.proposal_decide, name="proposal_decide"),
    path("proposals/<int:proposal_id>/publish/", proposal_views.proposal_publish, name="proposal_publish"),
    path(
        "proposals/<int:proposal_id>/attachments/",
        proposal_views.proposal_attachment_upload,
        name="proposal_attachment_upload",
    ),
    path(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        proposal_views.proposal_attachment_download,
        name="proposal_attachment_download",
    ),
    path(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/delete/",
        proposal_views.proposal_attachment_delete,
        name="proposal_attachment_delete",
    ),
    path("posting-rights/", views.posting_rights, name="posting_rights"),
    path("posting-rights/<int:unit_id>/request/", views.enrolment_request, name="enrolment_request"),
    path("posting-rights/<int:unit_id>/grant/", views.enrolment_grant, name="enrolment_grant"),
    path("posting-rights/<int:unit_id>/end/", views.enrolment_end, name="enrolment_end"),
]
