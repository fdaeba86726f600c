from django import forms
from django.utils.translation import gettext_lazy as _


class CrisisStartForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has happened, in a sentence or two. Shown to everybody in the hospital who uses the app."),
    )
    expected_end = forms.DateTimeField(
        label=_("Expected end"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Optional. Crisis mode does not end by itself: you end it."),
    )


class CrisisEndForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what was done, and what to evaluate."),
    )
