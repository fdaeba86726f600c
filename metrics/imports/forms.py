"""The upload form of a metric import: the channel (one the person may import for), the export's format, the file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from channels_plan.models import Channel
from metrics.imports.readers import MAX_BYTES
from metrics.models import MetricImport


class ChannelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Channel) -> str:
        return f"{obj.sender_name} ({obj.get_platform_display()}, {obj.unit.name})"


class MetricImportUploadForm(forms.Form):
    channel = ChannelChoiceField(label=_("Channel"), queryset=Channel.objects.none())
    format = forms.ChoiceField(label=_("Export format"), choices=MetricImport.Format.choices)
    file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "The file exactly as the platform exported it: CSV (UTF-8 or UTF-16) or an Excel workbook (.xlsx or "
            ".xls), at most 20 MB and 200,000 rows."
        ),
    )

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB. Export a shorter period."))
        return upload
