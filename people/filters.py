import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from people.models import Employee, Golongan, OrgUnit, Position
from people.nip import normalise_nip


class EmployeeFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(
        method="filter_unit_subtree", label=_("Unit (with its sub-units)")
    )
    position_type = django_filters.ChoiceFilter(
        field_name="position__type", choices=Position.Type.choices, label=_("Position type")
    )
    golongan = django_filters.ChoiceFilter(choices=Golongan.choices, label=_("Golongan"))
    employment_type = django_filters.ChoiceFilter(
        choices=Employee.EmploymentType.choices, label=_("PNS / PPPK")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))
    search = django_filters.CharFilter(method="filter_search", label=_("Name or NIP"))

    class Meta:
        model = Employee
        fields = ["unit", "position_type", "golongan", "employment_type", "is_active", "search"]

    def filter_unit_subtree(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        if unit is None:
            return queryset.none()
        return queryset.filter(unit__path__startswith=unit.path)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        digits = normalise_nip(value)
        if digits.isdigit():
            return queryset.filter(nip__startswith=digits)
        return queryset.filter(Q(name__icontains=value) | Q(title_suffix__icontains=value))


class UnitFilter(django_filters.FilterSet):
    within = django_filters.NumberFilter(method="filter_within", label=_("Inside unit (subtree)"))
    search = django_filters.CharFilter(method="filter_search", label=_("Name or code"))

    class Meta:
        model = OrgUnit
        fields = ["kind", "depth", "within", "search"]

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        return queryset.filter(path__startswith=unit.path) if unit else queryset.none()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class PositionFilter(django_filters.FilterSet):
    class Meta:
        model = Position
        fields = ["type", "level", "agency"]
