"""The editor's form for one step of the triage diagram.

A plain form built from the model's fields: it checks each field; whether the step fits the diagram (branches,
actions, cycles, the first question) is the service's decision, whose refusals the view puts back on the form.
"""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from governance.models import Hospital, TriageNode
from governance.triage.services import EDITABLE_FIELDS

LANGUAGE_FIELDS = {
    "da": ("text_da", "help_da"),
    "nb": ("text_nb", "help_nb"),
    "en": ("text_en", "help_en"),
}
HELP_TEXTS = {
    "code": _("Letters, digits, - and _. The inbox answers questions by this name: change it with care."),
    "kind": _("A question asks yes or no and leads on; an action ends the walk with a recommendation."),
    "is_start": _("Every walk starts here. Marking this step moves the mark from the current first question."),
    "yes_next": _("For a question: the step that follows the answer yes."),
    "no_next": _("For a question: the step that follows the answer no."),
    "action": _("For an action: what the person should do."),
    "answer_within_hours": _("For an action: the deadline for an answer. Leave empty where no answer is due."),
    "guideline_kind": _("For an action: the guideline whose approved text is shown with the recommendation."),
}


class TriageNodeForm(forms.Form):
    def __init__(self, *args, hospital: Hospital, node: TriageNode | None = None, **kwargs):
        if node is not None:
            kwargs.setdefault("initial", model_to_dict(node, fields=EDITABLE_FIELDS))
        super().__init__(*args, **kwargs)
        widgets = {
            "kind": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ("help_da", "help_nb", "help_en")},
        }
        self.fields.update(fields_for_model(TriageNode, fields=EDITABLE_FIELDS, widgets=widgets))
        # The other steps, loaded once for both branches (a ModelChoiceField would ask the database per branch).
        others = TriageNode.objects.filter(hospital=hospital).order_by("code")
        self._others = {other.pk: other for other in others if node is None or other.pk != node.pk}
        choices = [("", "---------"), *((pk, f"{other.code} – {other.text}") for pk, other in self._others.items())]
        for name in ("yes_next", "no_next"):
            label = TriageNode._meta.get_field(name).verbose_name
            self.fields[name] = forms.TypedChoiceField(
                label=capfirst(label), choices=choices, coerce=int, required=False, empty_value=None
            )
        for name, text in HELP_TEXTS.items():
            self.fields[name].help_text = text
        for language, names in LANGUAGE_FIELDS.items():
            for name in names:
                self.fields[name].widget.attrs["lang"] = language
        self.fields["kind"].choices = TriageNode.Kind.choices  # no empty choice for radio buttons
        self.fields["answer_within_hours"].widget.attrs.update({"min": 1, "max": 8760})
        self.fields["answer_within_hours"].validators.append(_between_an_hour_and_a_year)

    def clean_yes_next(self) -> TriageNode | None:
        return self._others.get(self.cleaned_data["yes_next"])

    def clean_no_next(self) -> TriageNode | None:
        return self._others.get(self.cleaned_data["no_next"])

    def language_fields(self):
        """Per language, its label and its text and explanation fields, for one fieldset each."""
        labels = {"da": _("Danish"), "nb": _("Norwegian"), "en": _("English")}
        return [(code, labels[code], [self[name] for name in names]) for code, names in LANGUAGE_FIELDS.items()]


def _between_an_hour_and_a_year(value):
    if value is not None and not 1 <= value <= 8760:
        raise forms.ValidationError(_("Give a deadline between 1 and 8760 hours (a year), or leave it empty."))
