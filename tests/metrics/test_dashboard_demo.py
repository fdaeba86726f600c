from django.urls import reverse

from hospital_some.demo.metrics import DEMO_DAYS, DEMO_POSTS
from hospital_some.demo.seed import demo_seed
from metrics.models import ChannelDailySnapshot, PostMetric


def test_the_demo_has_figures_and_seeding_again_adds_none(demo, client_as):
    assert ChannelDailySnapshot.objects.count() == DEMO_DAYS
    assert PostMetric.objects.count() == DEMO_POSTS
    before = list(ChannelDailySnapshot.objects.order_by("day").values_list("day", "followers", "reach"))
    demo_seed()
    assert list(ChannelDailySnapshot.objects.order_by("day").values_list("day", "followers", "reach")) == before
    assert PostMetric.objects.count() == DEMO_POSTS
    client = client_as("manager")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    unit_id = ChannelDailySnapshot.objects.values_list("channel__unit_id", flat=True).first()
    assert client.get(reverse("metrics:hospital")).url == reverse("metrics:unit", args=[unit_id])
    page = client.get(reverse("metrics:unit", args=[unit_id])).content.decode()
    assert "Best posts by engagement rate" in page
