import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models import Enrollment, Module


class ModuleFilter(django_filters.FilterSet):
    competency = django_filters.CharFilter(
        method="filter_competency", label=_("Competency (code or id)")
    )
    delivery = django_filters.ChoiceFilter(choices=Module.Delivery.choices, label=_("Delivery"))
    status = django_filters.ChoiceFilter(choices=Module.Status.choices, label=_("Status"))
    jp_min = django_filters.NumberFilter(field_name="jp", lookup_expr="gte", label=_("JP from"))
    jp_max = django_filters.NumberFilter(field_name="jp", lookup_expr="lte", label=_("JP to"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = Module
        fields = ["competency", "delivery", "status", "jp_min", "jp_max", "search"]

    def filter_competency(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        match = Q(targets__competency__code__iexact=value)
        if value.isdigit():
            match |= Q(targets__competency_id=int(value))
        return queryset.filter(pk__in=Module.objects.filter(match).values("pk"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(code__iexact=value)
        )


class EnrollmentFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        method="filter_state",
        label=_("State"),
        choices=[*Enrollment.Status.choices, ("overdue", _("Overdue"))],
    )

    class Meta:
        model = Enrollment
        fields = ["module", "employee", "state"]

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        late = Q(due_date__lt=timezone.localdate()) & ~Q(status=Enrollment.Status.COMPLETED)
        if value == "overdue":
            return queryset.filter(late)
        return queryset.filter(status=value).exclude(late)
