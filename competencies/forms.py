"""Forms shared by the HTML pages and the API (report filters) so both parse alike."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from competencies import selectors
from competencies.models import Assessment, Competency, LearningRecord
from people.models import Golongan, Position
from people.selectors import employees_managed_by, units_managed_by

STATUS_CHOICES = [
    ("", _("All")),
    (selectors.BELOW, _("Below standard")),
    (selectors.NOT_ASSESSED, _("Not assessed")),
    (selectors.MEETS, _("Meets")),
]


class ReportFilterForm(forms.Form):
    """Unit (subtree), position type, golongan and competency; the unit list is scoped."""

    unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Unit"), empty_label=_("All units in my scope")
    )
    position_type = forms.ChoiceField(
        choices=[("", _("All")), *Position.Type.choices], required=False, label=_("Position type")
    )
    golongan = forms.ChoiceField(
        choices=[("", _("All")), *Golongan.choices], required=False, label=_("Golongan")
    )
    competency = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Competency"), empty_label=_("All")
    )
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_managed_by(user=user).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'· ' * (u.depth - 1)}{u.name}"
        self.fields["competency"].queryset = selectors.active_competencies()

    def report_filters(self) -> selectors.ReportFilters:
        data = self.cleaned_data
        return selectors.ReportFilters(
            unit=data.get("unit"),
            position_type=data.get("position_type") or "",
            golongan=data.get("golongan") or "",
            competency=data.get("competency"),
        )


class LearningHoursFilterForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("Year"))
    below_minimum = forms.BooleanField(required=False, label=_("Only below the minimum"))
    unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Unit"), empty_label=_("All units in my scope")
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_managed_by(user=user).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'· ' * (u.depth - 1)}{u.name}"


class DateInput(forms.DateInput):
    input_type = "date"


class AssessmentForm(forms.Form):
    competency = forms.ModelChoiceField(queryset=None, label=_("Competency"))
    level = forms.TypedChoiceField(
        choices=[(n, n) for n in range(1, 6)], coerce=int, label=_("Level")
    )
    source = forms.ChoiceField(
        choices=[
            (Assessment.Source.SUPERVISOR, Assessment.Source.SUPERVISOR.label),
            (Assessment.Source.ASSESSMENT_CENTRE, Assessment.Source.ASSESSMENT_CENTRE.label),
        ],
        required=False,
        label=_("Source"),
    )
    assessed_on = forms.DateField(widget=DateInput, label=_("Date"), initial=dt.date.today)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Notes")
    )
    evidence = forms.FileField(required=False, label=_("Evidence"))

    def __init__(self, *args, self_assessment: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = selectors.active_competencies()
        if self_assessment:
            del self.fields["source"]


class LearningRecordForm(forms.Form):
    employee = forms.ModelChoiceField(queryset=None, label=_("Employee"))
    title = forms.CharField(max_length=255, label=_("Activity"))
    kind = forms.ChoiceField(choices=LearningRecord.Kind.choices, label=_("Kind"))
    jp = forms.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=0,
        label=_("JP"),
        help_text=_("1 JP = 45 minutes."),
    )
    start_date = forms.DateField(widget=DateInput, label=_("Start date"))
    end_date = forms.DateField(widget=DateInput, label=_("End date"))
    organiser = forms.CharField(max_length=200, required=False, label=_("Organiser"))
    evidence = forms.FileField(required=False, label=_("Evidence"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = (
            employees_managed_by(user=user, roles=selectors.HR_ROLE)
            .filter(is_active=True)
            .order_by("name")
        )


class RequirementLevelForm(forms.Form):
    """One line of a position's profile: a competency and its required level (or none)."""

    competency = forms.ModelChoiceField(queryset=Competency.objects.all(), widget=forms.HiddenInput)
    required_level = forms.TypedChoiceField(
        choices=[("", _("Not required")), *[(n, n) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Required level"),
    )


RequirementFormSet = forms.formset_factory(RequirementLevelForm, extra=0)
