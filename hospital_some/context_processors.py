from django.utils.translation import gettext_lazy as _

from maturity.config.permissions import may_configure_scale


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
        {"url_name": "metrics:hospital", "label": _("Effect figures")},
        {"url_name": "guidelines:library", "label": _("Guidelines")},
        {"url_name": "triage:start", "label": _("Triage")},
        {"url_name": "crisis:status", "label": _("Crisis mode")},
        {"url_name": "involvement:activity_list", "label": _("User involvement")},
        {"url_name": "networks:network_list", "label": _("Patient networks")},
        {"url_name": "training:catalogue", "label": _("Training")},
        {"url_name": "training_needs:mine", "label": _("My training")},
        {"url_name": "maturity:scale", "label": _("The maturity scale")},
        {"url_name": "gaps:hospital", "label": _("Maturity gaps")},
    ]
    if may_configure_scale(user):
        items.append({"url_name": "scale_config:home", "label": _("Configure the scale")})
    if user.is_staff:
        items.append({"url_name": "admin:index", "label": _("Administration")})
    return {"navigation": items}
