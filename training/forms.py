"""Forms of the course catalogue, sessions, places, attendance, completions and the posting-course setting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Role, User
from maturity.models import Level
from training.models import Course, CourseSession

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "name_da",
            "name_en",
            "description_da",
            "description_en",
            "audience",
            "roles",
            "levels",
            "validity_months",
            "is_active",
        ]
        widgets = {
            "description_da": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "roles": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description_da"].max_length = 5000
        self.fields["description_en"].max_length = 5000
        self.fields["validity_months"] = forms.IntegerField(
            label=_("Valid for (months)"),
            min_value=1,
            max_value=120,
            required=False,
            help_text=_("Empty: a completion never expires."),
        )
        self.fields["levels"].queryset = Level.objects.order_by("number")


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=200, assume_scheme="https")
    field_order = ["course", "starts_at", "ends_at", "place", "online_url", "capacity", "teacher"]

    class Meta:
        model = CourseSession
        fields = ["course", "starts_at", "ends_at", "place", "capacity", "teacher"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(is_active=True)
        self.fields["teacher"].queryset = teachers
        self.fields["capacity"] = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("A session ends after it starts."))
        if not cleaned.get("place") and not cleaned.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return cleaned

    def _post_clean(self):
        """The service validates and writes; the model's own validation would run the check constraints early."""


class EnrolPersonForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(user.pk), user.get_full_name() or user.username) for user in participants
        ]


class ExternalCompletionForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    completed_on = forms.DateField(label=_("Completed on"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows the course was completed: a certificate number, the e-learning record, …"),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PostingCoursesForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.all())
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses required before posting"),
        queryset=Course.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
