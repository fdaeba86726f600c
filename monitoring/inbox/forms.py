"""The inbox's forms: entering an interaction by hand, uploading a CSV file, assigning, answering, setting the status
and recording the triage outcome. They validate input; the services decide what is allowed."""

from datetime import UTC, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import TriageAction, User
from monitoring.csv_import import MAX_BYTES
from monitoring.models import TEXT_MAX_LENGTH, Interaction
from monitoring.services.inbox import NOTE_MAX_LENGTH, STATUS_TARGETS

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
EARLIEST_WRITTEN = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_LEEWAY = timedelta(hours=1)
NOBODY = "none"


class InteractionForm(forms.Form):
    channel = forms.ModelChoiceField(
        label=_("Channel"),
        queryset=None,
        help_text=_("Where it was written."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Interaction.Kind.choices)
    author_handle = forms.CharField(label=_("Author"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Copy the text as written. It is shown escaped, never run."),
    )
    url = forms.URLField(label=_("Link"), max_length=1000, required=False, assume_scheme="https")
    occurred_at = forms.DateTimeField(
        label=_("Written"),
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    external_id = forms.CharField(
        label=_("Platform id"),
        max_length=300,
        required=False,
        help_text=_("The platform's own id, if you have it: entering the same item twice then keeps one."),
    )
    has_health_data = forms.BooleanField(
        label=_("Contains personal or health data"),
        required=False,
        help_text=_(
            "Then only the communication unit and the responsible department see it, and each reading is logged."
        ),
    )

    def __init__(self, *args, channels, allow_no_channel: bool, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_at", timezone.localtime().strftime(DATETIME_LOCAL))
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        field.queryset = channels
        field.required = not allow_no_channel
        field.empty_label = _("Outside our channels (a mention elsewhere)") if allow_no_channel else None

    def clean_occurred_at(self):
        moment = self.cleaned_data["occurred_at"]
        if not EARLIEST_WRITTEN <= moment <= timezone.now() + FUTURE_LEEWAY:
            raise forms.ValidationError(_("The time must lie between the year 2000 and now."))
        return moment


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, separated by commas or semicolons, at most 5 MB and 10,000 rows, with a header row: channel, "
            "kind, platform id, author, text, link, written, health data."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
        return upload


class AssignForm(forms.Form):
    interactions = forms.ModelMultipleChoiceField(
        label=_("Interactions"),
        queryset=Interaction.objects.none(),
        error_messages={"required": _("Tick at least one interaction.")},
    )
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args, interactions, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interactions"].queryset = interactions
        self.people = {str(person.pk): person for person in people}
        self.fields["assignee"].choices = [
            ("", _("Choose a person")),
            (NOBODY, _("Nobody (remove the assignment)")),
            *[(pk, str(person)) for pk, person in self.people.items()],
        ]

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data["assignee"]
        return None if value == NOBODY else self.people[value]


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=_("For example where you answered. No personal data: it is kept in the history."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[(status.value, status.label) for status in STATUS_TARGETS])


class TriageForm(forms.Form):
    action = forms.ChoiceField(label=_("Triage outcome"), choices=[("", _("Choose an outcome")), *TriageAction.choices])
