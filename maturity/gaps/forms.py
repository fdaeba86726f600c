from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.models import SelfAssessment


class SelfAssessmentForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Is the requirement met?"), choices=SelfAssessment.Answer.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=_("What shows it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what the communication unit can look at: a meeting, a document, a routine."),
    )


class SelfAssessmentReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Do not accept"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not accept the answer."),
    )
