from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import GuidelineDocument, GuidelineKind, GuidelineVersion, Unit, User
from governance.models.guidelines import BODY_MAX_LENGTH

BODY_WIDGET = forms.Textarea(attrs={"rows": 24, "class": "input--wide", "spellcheck": "true"})


class GuidelineDocumentCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=GuidelineKind.choices)
    unit = forms.ModelChoiceField(
        label=_("Holds for"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole hospital"),
        help_text=_("Choose a department for a document that holds for that department only."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    review_interval_months = forms.IntegerField(
        label=_("Review interval (months)"),
        min_value=1,
        max_value=60,
        initial=12,
        help_text=GuidelineDocument._meta.get_field("review_interval_months").help_text,
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=BODY_WIDGET,
        help_text=GuidelineVersion._meta.get_field("body").help_text,
    )
    change_summary = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, departments, hospital_wide_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = departments
        self.hospital_wide_allowed = hospital_wide_allowed
        if not hospital_wide_allowed:
            self.fields["unit"].required = True
            self.fields["unit"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == GuidelineKind.DEPARTMENT_NETWORK_GUIDELINES and not cleaned.get("unit"):
            self.add_error("unit", _("Department-specific network guidelines belong to a department."))
        return cleaned


class GuidelineDocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = GuidelineDocument
        fields = ["title", "review_interval_months", "named_people"]
        widgets = {"named_people": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["named_people"].queryset = (
            User.objects.filter(memberships__unit__hospital_id=self.instance.hospital_id, is_active=True)
            .distinct()
            .order_by("first_name", "last_name")
        )


class GuidelineDraftForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=BODY_WIDGET,
        help_text=GuidelineVersion._meta.get_field("body").help_text,
    )
    change_summary = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("One line for the version history, e.g. “New phone number for the on-call lead”."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class GuidelineApproveForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
