from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from people.models import OrgUnit
from recognition import selectors
from recognition.models import Award, AwardType

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024


class EmployeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} — {obj.unit.name}"


class GiveAwardForm(forms.Form):
    """ "Beri Apresiasi": choices come from the scoped selectors; the service decides."""

    recipient = EmployeeChoiceField(queryset=None, label=_("Employee"))
    award_type = forms.ModelChoiceField(queryset=None, label=_("Award type"))
    citation = forms.CharField(
        label=_("Citation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this person deserves it, in a few sentences."),
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
        help_text=_("PDF, JPG or PNG, at most 5 MB."),
    )
    grant_now = forms.BooleanField(
        label=_("Grant it now (when you may approve this type yourself)"), required=False
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = selectors.nominees_for(user=user)
        self.fields["award_type"].queryset = selectors.award_types_for_nomination(user=user)

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and evidence.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("The evidence file is larger than 5 MB."))
        return evidence


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverviewFilterForm(forms.Form):
    award_type = forms.ModelChoiceField(
        queryset=AwardType.objects.all(), required=False, label=_("Award type")
    )
    status = forms.ChoiceField(
        choices=[("", "---------"), *Award.Status.choices], required=False, label=_("Status")
    )
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), required=False, label=_("Unit"))
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, label=_("Year"))
    search = forms.CharField(required=False, label=_("Name"))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
