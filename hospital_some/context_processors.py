from django.utils.translation import gettext_lazy as _


def navigation(request) -> dict:
    """The main navigation for the signed-in person; each feature adds its entries where its persona needs them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [
        {"url_name": "home", "label": _("Overview")},
        {"url_name": "channels_plan:plan_list", "label": _("Channel plans")},
        {"url_name": "channels_plan:channel_list", "label": _("Channel registry")},
        {"url_name": "channels_plan:proposal_list", "label": _("Content proposals")},
        {"url_name": "channels_plan:posting_rights", "label": _("Posting rights")},
        {"url_name": "calendar:month", "label": _("Editorial calendar")},
        {"url_name": "monitoring:inbox", "label": _("Inbox")},
        {"url_name": "guidelines:library", "label": _("Guidelines")},
        {"url_name": "triage:start", "label": _("Triage")},
        {"url_name": "crisis:status", "label": _("Crisis mode")},
        {"url_name": "maturity:scale", "label": _("The maturity scale")},
    ]
    if user.is_staff:
        items.append({"url_name": "admin:index", "label": _("Administration")})
    return {"navigation": items}
