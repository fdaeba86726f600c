"""The pages `make bench` measures. Adding a page to the benchmark is one more line in ``PAGES``."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class BenchPage:
    label: str
    url_name: str
    args: tuple = ()

    @property
    def path(self) -> str:
        return reverse(self.url_name, args=self.args)


# What any page costs at least; every main page's p50 is compared with this one's.
FLOOR = BenchPage("floor", "bench_floor")

# The main pages, each seen by the bench user: a department member who also works in the communication unit.
PAGES = [
    BenchPage("home dashboard", "home"),
    BenchPage("scale overview", "maturity:scale"),
    BenchPage("level page", "maturity:level", (3,)),
    BenchPage("channel plans", "channels_plan:plan_list"),
    BenchPage("channel registry", "channels_plan:channel_list"),
    BenchPage("content proposals", "channels_plan:proposal_list"),
    BenchPage("editorial calendar (month)", "calendar:month"),
    BenchPage("editorial calendar (list)", "calendar:list"),
    BenchPage("metric dashboard (hospital)", "metrics:hospital"),
    BenchPage("maturity gaps (hospital overview)", "gaps:hospital"),
]
