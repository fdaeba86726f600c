import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from metrics.reading.periods import (
    DEFAULT_PRESET,
    MAX_PERIOD_DAYS,
    Period,
    PeriodPreset,
    period_for_preset,
)


class MetricPeriodForm(forms.Form):
    """The dashboard's period (GET): a preset, or a custom period from one date to another."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodPreset.choices, initial=DEFAULT_PRESET)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        if data.get("period") != PeriodPreset.CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", _("Give the first day of the custom period."))
        if end is None and "end" not in self.errors:
            self.add_error("end", _("Give the last day of the custom period."))
        if start and end:
            if start > end:
                self.add_error("end", _("The last day must not come before the first day."))
            elif (end - start).days + 1 > MAX_PERIOD_DAYS:
                self.add_error("end", _("A period can be at most %(days)d days long.") % {"days": MAX_PERIOD_DAYS})
            elif end > self.today:
                self.add_error("end", _("The period cannot end in the future."))
        return data

    def chosen_period(self) -> Period:
        """The valid period asked for, or the default one when the form is not valid."""
        if not self.is_valid():
            return period_for_preset(DEFAULT_PRESET, today=self.today)
        data = self.cleaned_data
        if data["period"] == PeriodPreset.CUSTOM:
            return Period(start=data["start"], end=data["end"])
        return period_for_preset(data["period"], today=self.today)


def period_form_for(query, *, today: datetime.date) -> MetricPeriodForm:
    """A bound form when the query names a period, else an unbound one showing the default."""
    return MetricPeriodForm(query if "period" in query else None, today=today)
