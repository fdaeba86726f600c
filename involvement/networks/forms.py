"""Forms of the patient-network pages: each only validates input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from involvement.models import NetworkReview
from involvement.networks.selectors import network_terms_choices


class NetworkTermsForm(forms.Form):
    treatment_offer = forms.CharField(
        label=_("Treatment offer it belongs to"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    membership_rules = forms.CharField(
        label=_("Membership rules"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two people of the department. They get the role network facilitator on approval."),
    )
    guidelines = forms.ModelMultipleChoiceField(
        label=_("Department guidelines it follows"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset, self.fields["guidelines"].queryset = network_terms_choices(plan)


class NetworkReviewForm(forms.ModelForm):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = NetworkReview
        fields = ["reviewed_on", "continues", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 4})}
