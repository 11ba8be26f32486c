from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from people.models import Employee, OrgUnit
from training.models import Lesson, Module, ModuleCompetency, Option, Question


class CatalogueFilterForm(forms.Form):
    search = forms.CharField(label=_("Search"), required=False)
    competency = forms.CharField(label=_("Competency code"), required=False)
    delivery = forms.ChoiceField(
        label=_("Delivery"), required=False, choices=[("", _("All")), *Module.Delivery.choices]
    )
    jp_min = forms.DecimalField(label=_("JP from"), required=False, min_value=0)
    jp_max = forms.DecimalField(label=_("JP to"), required=False, min_value=0)


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = [
            "code",
            "title",
            "summary",
            "jp",
            "delivery",
            "questions_per_attempt",
            "pass_mark",
            "attempts_allowed",
            "time_limit_minutes",
            "overdue_rule",
            "grace_minutes",
            "grading_method",
            "review_option",
        ]


TargetFormSet = inlineformset_factory(
    Module, ModuleCompetency, fields=["competency", "level"], extra=2, can_delete=True
)


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["order", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["type", "text", "explanation", "is_active"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }


OptionFormSet = inlineformset_factory(
    Question,
    Option,
    fields=["text", "is_correct"],
    extra=4,
    can_delete=True,
    min_num=2,
    validate_min=True,
)


class AssignForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Whole unit (with its sub-units)"), required=False, queryset=OrgUnit.objects.none()
    )
    employees = forms.ModelMultipleChoiceField(
        label=_("Or chosen employees"),
        required=False,
        queryset=Employee.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, modules, units, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["unit"].queryset = units
        self.fields["employees"].queryset = employees

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not data.get("employees"):
            raise forms.ValidationError(_("Choose employees or a unit."))
        return data
