from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.registry import sources


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class VerifyForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"), max_length=40, help_text=_("As printed, e.g. SERT/2025/000123.")
    )
    code = forms.CharField(label=_("Verification code"), max_length=64)


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or serial"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + [c for c in Certificate.Status.choices if c[0] != "pending"],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Certificate.Kind.choices]
    )


class BulkIssueForm(forms.Form):
    cohort = forms.ChoiceField(label=_("Cohort"))
    reissue = forms.BooleanField(
        label=_("Re-issue certificates already issued (e.g. after a template change)"),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I confirm: every certificate of the cohort will be replaced by a new version"),
        required=False,
    )
    reason = forms.CharField(label=_("Reason for re-issuing"), required=False, max_length=2000)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [
            (source.label, [(f"{source.key}|{key}", label) for key, label in source.cohorts(user)])
            for source in sources()
        ]
