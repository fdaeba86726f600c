"""Forms of the user-involvement pages: each only validates input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from channels_plan.forms import ContentProposalForm
from channels_plan.models import ContentStrategy
from involvement.activities.services import ACTIVITY_FIELDS
from involvement.models import InvolvementActivity, InvolvementReport, InvolvementTopic


class ActivityForm(forms.ModelForm):
    class Meta:
        model = InvolvementActivity
        fields = list(ACTIVITY_FIELDS)
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "question": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "study_or_council": _("For a recruitment call: the study, project or council people join."),
            "contact_person": _("For a recruitment call: who answers questions."),
            "signup": _("For a recruitment call: a link or a place."),
        }


class ActivityProposalForm(ContentProposalForm):
    """A proposal written for the activity: its strategy is "Involving users", shown and fixed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].initial = ContentStrategy.INVOLVEMENT
        self.fields["strategy"].disabled = True


class AdvanceForm(forms.Form):
    expected_status = forms.ChoiceField(choices=InvolvementActivity.Status.choices, widget=forms.HiddenInput)


class TopicForm(forms.ModelForm):
    class Meta:
        model = InvolvementTopic
        fields = ["label"]


class TopicSummaryForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=InvolvementTopic.objects.none(), widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Summary of the input"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=InvolvementTopic._meta.get_field("summary").help_text,
    )

    def __init__(self, *args, activity: InvolvementActivity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = InvolvementTopic.objects.filter(activity=activity)


class ReportForm(forms.ModelForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = InvolvementReport
        fields = ["learnt", "actions", "decided_by", "decided_on"]
        widgets = {"learnt": forms.Textarea(attrs={"rows": 5}), "actions": forms.Textarea(attrs={"rows": 5})}
