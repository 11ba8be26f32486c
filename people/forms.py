"""HTML forms of the organisation section. Choices are always scoped to the acting user."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Golongan, OrgUnit, RoleAssignment
from people.selectors import positions_visible_for, units_managed_by

HR_ONLY = (RoleAssignment.Role.HR,)
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def unit_label(unit: OrgUnit) -> str:
    """Indent by depth so a flat select reads like the tree."""
    return f"{'— ' * (unit.depth - 1)}{unit.name} ({unit.code})"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_label(obj)


class EmployeeForm(forms.Form):
    """Create or edit an employee; `people.services` checks scope and the NIP again."""

    nip = forms.CharField(
        label=_("NIP"), max_length=40, help_text=_("18 digits; spaces and dots are allowed.")
    )
    title_prefix = forms.CharField(label=_("Title before name"), max_length=50, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    title_suffix = forms.CharField(label=_("Title after name"), max_length=100, required=False)
    employment_type = forms.ChoiceField(
        label=_("Employment type"), choices=Employee.EmploymentType.choices
    )
    golongan = forms.ChoiceField(
        label=_("Golongan"), required=False, choices=[("", _("— none (PPPK) —")), *Golongan.choices]
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    position = forms.ModelChoiceField(label=_("Position"), queryset=None, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_managed_by(user=user, roles=HR_ONLY).order_by("path")
        self.fields["position"].queryset = positions_visible_for(user=user)

    @classmethod
    def initial_for(cls, employee: Employee) -> dict:
        return {
            "nip": employee.nip,
            "title_prefix": employee.title_prefix,
            "name": employee.name,
            "title_suffix": employee.title_suffix,
            "employment_type": employee.employment_type,
            "golongan": employee.golongan,
            "unit": employee.unit_id,
            "position": employee.position_id,
            "email": employee.email,
            "is_active": employee.is_active,
        }

    def service_data(self) -> dict:
        """The cleaned data in the shape the services take (ids for related records)."""
        data = dict(self.cleaned_data)
        data["unit"] = data["unit"].pk
        data["position"] = data["position"].pk if data["position"] else None
        return data

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the matching fields (the rest on top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            field = name if name in self.fields and name != NON_FIELD_ERRORS else None
            self.add_error(field, errors)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns as described in the import guide; the first row holds the column names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    create_logins = forms.BooleanField(
        label=_("Create a login (username = NIP) for employees who have none"),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 20 MB; split it."))
        return upload
