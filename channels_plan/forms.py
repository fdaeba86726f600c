from django import forms
from django.utils.translation import gettext_lazy as _

from channels_plan.attachments import attachment_kind
from channels_plan.exceptions import PlanError
from channels_plan.models import Channel, ChannelPlan, ContentProposal, PlanDecision, ProposalDecision
from governance.models import User
from maturity.models import Requirement

# The template's guidance, shown beside each field (Haukeland's "Plan for sosiale medier").
GUIDANCE = {
    "goals": _("Make your goals concrete: which effect do you want to achieve?"),
    "success_evaluation": _("Find a way to evaluate whether you succeed."),
    "primary_target_group": _("Define the main target group."),
    "secondary_target_groups": _("Any secondary target groups."),
    "platform": _("Choose what is best suited to reach your goals and target groups."),
    "content": _("Which kinds of content should you share?"),
    "owner": _("Who is responsible for the channel?"),
    "backup": _("Who takes over when the owner is away?"),
    "hours_per_week": _("Which resources are set aside for working with social media?"),
    "sender_name": _("A clear sender: the name the public will see."),
    "handle": _("The account name or address you intend to use."),
    "evaluation_date": _("When will you look at the result? The result field is filled in then."),
    "content_strategies": _("Which of the scale's content strategies does the channel serve?"),
    "justification": _("Required when the plan asks for something the unit's level does not allow."),
}


class ChannelPlanForm(forms.ModelForm):
    class Meta:
        model = ChannelPlan
        fields = ChannelPlan.DRAFTED_FIELDS
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "success_evaluation": forms.Textarea(attrs={"rows": 3}),
            "primary_target_group": forms.Textarea(attrs={"rows": 2}),
            "secondary_target_groups": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "justification": forms.Textarea(attrs={"rows": 3}),
            "evaluation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "content_strategies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(memberships__unit=unit, is_active=True).distinct().order_by("first_name")
        self.fields["owner"].queryset = people
        self.fields["backup"].queryset = people
        self.fields["content_strategies"].queryset = Requirement.objects.filter(
            cell__dimension__code="content_strategy"
        ).order_by("cell__level__number", "order")
        self.fields["hours_per_week"].min_value = 0
        self.fields["hours_per_week"].widget.attrs["min"] = 0
        for name, text in GUIDANCE.items():
            self.fields[name].help_text = text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("platform") == "other" and not cleaned.get("platform_other"):
            self.add_error("platform_other", _("Name the platform."))
        return cleaned


class PlanDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=PlanDecision.Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes or reject."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in {"request_changes", "reject"} and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Explain what must change, or why the plan is rejected."))
        return cleaned


class PlanResultForm(forms.Form):
    result = forms.CharField(
        label=_("Result"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Have you reached the goals you set for the activity on social media?"),
    )


class ChannelStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Channel.Status.choices)


class ChannelReviewForm(forms.Form):
    owner_still_there = forms.BooleanField(label=_("The owner is still there"), required=False)
    backup_still_there = forms.BooleanField(label=_("The back-up is still there"), required=False)
    still_needed = forms.BooleanField(label=_("The channel is still needed"), required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _datetime_field(label, *, required: bool, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )


class ContentProposalForm(forms.ModelForm):
    wished_at = _datetime_field(
        _("Wished publication time"), required=False, help_text=_("The communication unit schedules the post.")
    )

    class Meta:
        model = ContentProposal
        fields = ["title", "text", "channels", "wished_at", "strategy", "invites_dialogue"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "channels": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "title": _("For the calendar; not published."),
            "text": _("Never include patients' names or health information."),
            "channels": _("Where the post should appear."),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = (
            Channel.objects.filter(unit__hospital_id=unit.hospital_id)
            .exclude(status=Channel.Status.CLOSED)
            .order_by("sender_name", "platform")
        )


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ProposalDecision.Decision.choices, widget=forms.RadioSelect
    )
    scheduled_at = _datetime_field(_("Publish at"), required=False, help_text=_("Required when you schedule."))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you request changes or reject."),
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == ProposalDecision.Decision.SCHEDULE and not cleaned.get("scheduled_at"):
            self.add_error("scheduled_at", _("Choose when the post is published."))
        if decision in {"request_changes", "reject"} and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Explain what must change, or why the proposal is rejected."))
        return cleaned


class ScheduleForm(forms.Form):
    scheduled_at = _datetime_field(_("Publish at"), required=True)


class PublicationForm(forms.Form):
    published_at = _datetime_field(_("Published at"), required=True)
    permalink = forms.URLField(
        label=_("Link to the post"), max_length=500, assume_scheme="https", help_text=_("The post's own address.")
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Images (JPEG, PNG, GIF, WebP), PDF documents or videos (MP4, MOV)."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf,video/mp4,video/quicktime"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_kind(upload)
        return upload


def form_add_plan_error(form: forms.Form, error: PlanError) -> None:
    """Show a service's refusal on the form: at each field it names (``error.errors``), else above the form."""
    for field, message in getattr(error, "errors", {"": str(error)}).items():
        form.add_error(field if field in form.fields else None, message)
