from django.urls import path

from monitoring.api import token_views as api_token_views
from monitoring.api import views as api_views

app_name = "monitoring_api"

urlpatterns = [
    # Token-authenticated: a hospital's integration pushes a channel's interactions (monitoring.api.views).
    path(
        "channels/<int:channel_id>/interactions/",
        api_views.channel_interactions,
        name="channel_interactions",
    ),
    # In the browser: the people who manage the channel issue and revoke its token.
    path("channels/<int:channel_id>/token/", api_token_views.token_manage, name="token_manage"),
    path("channels/<int:channel_id>/token/issue/", api_token_views.token_issue, name="token_issue"),
    path("channels/<int:channel_id>/token/revoke/", api_token_views.token_revoke, name="token_revoke"),
]
