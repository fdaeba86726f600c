"""Forms of the scale's configuration: they check the input's shape; the services check the scale's rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import GuidelineKind, Role
from maturity.config.services import NORM_FIELDS
from maturity.models import Metric, MonitoringNorm, RoleRequirement

MAX_LINES = 30
MAX_LINE_LENGTH = 200


class LinesField(forms.CharField):
    """A list of short texts, one per line (a role's responsibilities or tasks)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(max_length=MAX_LINES * (MAX_LINE_LENGTH + 2), **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value) -> list[str]:
        text = super().clean(value)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_LINES:
            raise forms.ValidationError(_("At most %(count)s lines.") % {"count": MAX_LINES})
        if any(len(line) > MAX_LINE_LENGTH for line in lines):
            raise forms.ValidationError(
                _("Each line can have at most %(count)s characters.") % {"count": MAX_LINE_LENGTH}
            )
        return lines


class RoleTextsForm(forms.Form):
    name_da = forms.CharField(label=_("Name (Danish)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    responsibilities_da = LinesField(label=_("Responsibilities (Danish)"))
    responsibilities_en = LinesField(label=_("Responsibilities (English)"))
    tasks_da = LinesField(label=_("Tasks (Danish)"))
    tasks_en = LinesField(label=_("Tasks (English)"))


class RoleRequirementForm(forms.Form):
    """A role requirement; ``role`` and ``scope`` only when adding one (an existing one is named by them)."""

    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.all(), to_field_name="code")
    scope = forms.ChoiceField(label=_("Where"), choices=RoleRequirement.Scope.choices)
    min_headcount = forms.IntegerField(label=_("Minimum head-count"), max_value=99)
    recommended_headcount = forms.IntegerField(
        label=_("Recommended head-count"), required=False, max_value=99, help_text=_("Empty: no recommendation.")
    )
    may_combine_with = forms.ModelMultipleChoiceField(
        label=_("The same person may also hold"),
        queryset=Role.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_backup = forms.BooleanField(label=_("Needs a back-up"), required=False)
    note_da = forms.CharField(
        label=_("Note (Danish)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    note_en = forms.CharField(
        label=_("Note (English)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, adding: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not adding:
            del self.fields["role"]
            del self.fields["scope"]


class MonitoringNormForm(forms.ModelForm):
    class Meta:
        model = MonitoringNorm
        fields = list(NORM_FIELDS)
        widgets = {"justification": forms.Textarea(attrs={"rows": 4})}


NOT_ASKED, OPTIONAL, REQUIRED = "", "optional", "required"


class RequiredMetricsForm(forms.Form):
    """One choice per metric of the catalogue: not asked for, optional or required."""

    def __init__(self, *args, metrics: list[Metric], current: dict[int, bool], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = metrics
        choices = [(NOT_ASKED, _("Not asked for")), (OPTIONAL, _("Optional")), (REQUIRED, _("Required"))]
        for metric in metrics:
            initial = NOT_ASKED if metric.pk not in current else (OPTIONAL if current[metric.pk] else REQUIRED)
            self.fields[f"metric_{metric.code}"] = forms.ChoiceField(
                label=metric.name, choices=choices, required=False, initial=initial
            )

    def wanted(self) -> dict[Metric, bool]:
        """The metrics asked for, each with whether it is optional."""
        return {
            metric: self.cleaned_data[f"metric_{metric.code}"] == OPTIONAL
            for metric in self.metrics
            if self.cleaned_data[f"metric_{metric.code}"] != NOT_ASKED
        }


class RequiredGuidelinesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Required guideline documents"),
        choices=GuidelineKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
