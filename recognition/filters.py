import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from people.models import OrgUnit
from recognition.models import Award, AwardType


class AwardFilter(django_filters.FilterSet):
    """Filters narrow an already scoped queryset, so an unknown unit only empties it."""

    award_type = django_filters.ModelChoiceFilter(
        queryset=AwardType.objects.all(), label=_("Award type")
    )
    status = django_filters.ChoiceFilter(choices=Award.Status.choices, label=_("Status"))
    unit = django_filters.NumberFilter(method="filter_unit", label=_("Unit (with sub-units)"))
    year = django_filters.NumberFilter(field_name="period_start__year", label=_("Year"))
    search = django_filters.CharFilter(method="filter_search", label=_("Name"))

    class Meta:
        model = Award
        fields = ["award_type", "status", "unit", "year", "search"]

    def filter_unit(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        if unit is None:
            return queryset.none()
        return queryset.filter(recipient__unit__path__startswith=unit.path)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(recipient__name__icontains=value) | Q(citation__icontains=value))
