"""The mention feed form. It checks the input's shape; the service decides what the rules allow (and checks again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.services.feeds import NAME_MAX_LENGTH, URL_MAX_LENGTH, mention_feed_url_clean


class MentionFeedForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the feed searches for, for example “Google Alerts: Demohospitalet”."),
    )
    url = forms.CharField(
        label=_("Feed address"),
        max_length=URL_MAX_LENGTH,
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "input--wide"}),
        help_text=_(
            "The address of an RSS or Atom feed, starting with https://. In Google Alerts choose “Deliver to: RSS "
            "feed” and copy the feed's address; many news sites offer a feed of a search."
        ),
    )
    is_active = forms.BooleanField(
        label=_("Fetch this feed regularly"),
        required=False,
        initial=True,
    )

    def clean_url(self) -> str:
        try:
            return mention_feed_url_clean(self.cleaned_data["url"])
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["url"]) from None
