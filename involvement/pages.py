"""Registers monitoring's part of user-involvement activities and patient networks with channels_plan (called in
AppConfig.ready())."""

from django.urls import path


def register_involvement_pages() -> None:
    from involvement.activities.registry import register_involvement_input
    from involvement.inputs import views as involvement_views
    from involvement.inputs.selectors import input_summary
    from involvement.networks.members import register_network_pages

    register_involvement_input(
        summary=input_summary,
        url_patterns=[path("<int:activity_id>/input/", involvement_views.activity_input, name="activity_input")],
    )
    register_network_pages()
