from django.contrib import admin

from recognition.models import Award, AwardEvent, AwardType, DisciplinaryRecord


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "approver", "quota", "period", "service_years", "is_active"]
    list_filter = ["is_active", "approver", "period"]


class AwardEventInline(admin.TabularInline):
    model = AwardEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "from_status", "to_status", "at", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Read-only here: transitions go through the services so they are audited."""

    list_display = ["award_type", "recipient", "status", "period_start", "decided_at"]
    list_filter = ["status", "award_type"]
    list_select_related = ["award_type", "recipient"]
    search_fields = ["recipient__name"]
    inlines = [AwardEventInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DisciplinaryRecord)
class DisciplinaryRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "level", "decided_on"]
    list_filter = ["level"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__name"]
