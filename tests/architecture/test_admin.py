"""Every business model is in the Django admin, and every admin list page opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from governance.models import User

OUR_APPS = ["governance", "maturity", "training", "channels_plan", "monitoring", "metrics", "involvement"]
# Guardian's permission rows are managed by channels_plan.rights.policy; submissions, proposal decisions and
# attachments are shown inline on their plan or proposal, follow group members and ideas on their group and meeting.
NOT_IN_ADMIN = {
    "FollowGroupMember",
    "FollowGroupIdea",
    "ChannelUserObjectPermission",
    "ChannelGroupObjectPermission",
    "PlanSubmission",
    "ProposalDecision",
    "ProposalAttachment",
}


def _models():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical") and model.__name__ not in NOT_IN_ADMIN:
                yield model


def test_every_model_is_registered():
    missing = [model.__name__ for model in _models() if not admin.site.is_registered(model)]
    assert not missing


@pytest.mark.parametrize("model", list(_models()), ids=lambda model: model.__name__)
def test_admin_list_and_history_pages_open(client, demo, model):
    client.force_login(User.objects.get(username="admin"))
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    first = model.objects.first()
    if first is not None and hasattr(model, "history"):
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[first.pk])
        assert client.get(history).status_code == 200
