from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from competencies import services
from competencies.models import (
    Assessment,
    Competency,
    CompetencyLevel,
    LearningRecord,
    PositionRequirement,
)


class CompetencyLevelInline(admin.StackedInline):
    model = CompetencyLevel
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "is_active", "order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    inlines = [CompetencyLevelInline]


@admin.register(CompetencyLevel)
class CompetencyLevelAdmin(SimpleHistoryAdmin):
    list_display = ["competency", "level", "title"]
    list_filter = ["competency"]


@admin.register(PositionRequirement)
class PositionRequirementAdmin(SimpleHistoryAdmin):
    list_display = ["position", "competency", "required_level"]
    list_filter = ["competency", "position__type"]
    search_fields = ["position__name"]
    raw_id_fields = ["position"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    """Edits keep the current-level flag right (it is derived, not typed)."""

    list_display = ["employee", "competency", "level", "source", "assessed_on", "is_current"]
    list_filter = ["source", "competency", "is_current"]
    search_fields = ["employee__name", "employee__nip"]
    raw_id_fields = ["employee", "assessor"]
    readonly_fields = ["is_current"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.assessment_refresh_current(
            employee_id=obj.employee_id, competency_id=obj.competency_id
        )

    def delete_model(self, request, obj) -> None:
        services.assessment_delete(assessment=obj)

    def delete_queryset(self, request, queryset) -> None:
        for assessment in queryset:
            services.assessment_delete(assessment=assessment)


@admin.register(LearningRecord)
class LearningRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "title", "kind", "jp", "end_date", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["employee__name", "title", "source_key"]
    raw_id_fields = ["employee", "recorded_by"]
