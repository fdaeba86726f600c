"""The follow group's forms. They check the input's shape; the services decide what the rules allow."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.follow_group.selectors import follow_group_people_choices
from governance.follow_group.services import IDEA_MAX_LENGTH, MAX_IDEAS_PER_MEETING
from governance.models import FollowGroup, FollowGroupIdea, Hospital, Unit

DATE_FORMAT = "%Y-%m-%d"
# A bullet people type or paste in front of a list item: "- ", "* ", "• ", "– ". Numbers stay: in Danish and
# Norwegian "10. oktober" is a date, not a list number.
LIST_MARKER = re.compile(r"^\s*[-*•–]\s+")


def _date_field(label, *, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
    )


class FollowGroupForm(forms.ModelForm):
    class Meta:
        model = FollowGroup
        fields = ["name", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "name": _("For example “SoMe følgegruppe”."),
            "purpose": _(
                "What the group follows and what it brings: for example ideas for involving patients and "
                "relatives, and feedback on the hospital's channels."
            ),
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.kind == Unit.Kind.COMMUNICATION:
            return _("%(unit)s (central communication unit)") % {"unit": obj.name}
        return obj.name


class FollowGroupMemberForm(forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=None, help_text=_("People who work in the hospital."))
    unit = UnitChoiceField(
        label=_("Represents"),
        queryset=None,
        help_text=_("The unit the person brings the view of. The scale asks for members from different departments."),
    )
    joined_on = _date_field(_("Joined"))

    def __init__(self, *args, hospital: Hospital, group: FollowGroup | None, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = follow_group_people_choices(hospital=hospital, group=group)
        self.fields["unit"].queryset = Unit.objects.filter(hospital_id=hospital.pk).order_by("kind", "name")


def ideas_from_lines(text: str) -> list[str]:
    """One idea per line; blank lines and list bullets dropped."""
    return [idea for line in text.splitlines() if (idea := LIST_MARKER.sub("", line).strip())]


class FollowGroupMeetingForm(forms.Form):
    held_on = _date_field(_("Date of the meeting"))
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the group discussed and agreed. Never include patients' names or health information."),
    )
    ideas = forms.CharField(
        label=_("Ideas"),
        required=False,
        max_length=MAX_IDEAS_PER_MEETING * (IDEA_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The ideas the meeting brought, one per line, for example for involving patients and relatives."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().strftime(DATE_FORMAT)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Record a meeting once it has been held: the date is in the future."))
        return held_on

    def clean_ideas(self) -> list[str]:
        lines = self.cleaned_data["ideas"].splitlines()
        too_long = [
            str(number)
            for number, line in enumerate(lines, start=1)
            if len(LIST_MARKER.sub("", line).strip()) > IDEA_MAX_LENGTH
        ]
        if too_long:
            raise forms.ValidationError(
                _("Each idea can be at most %(max)d characters long; shorten or split the idea on line %(lines)s.")
                % {"lines": ", ".join(too_long[:5]), "max": IDEA_MAX_LENGTH}
            )
        ideas = ideas_from_lines(self.cleaned_data["ideas"])
        if len(ideas) > MAX_IDEAS_PER_MEETING:
            raise forms.ValidationError(_("Record at most %(max)d ideas per meeting.") % {"max": MAX_IDEAS_PER_MEETING})
        return ideas


class IdeaStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowGroupIdea.Status.choices)
