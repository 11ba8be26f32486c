from django.contrib import admin

from certificates.models import (
    BulkIssueJob,
    Certificate,
    CertificateAudit,
    SerialCounter,
    VerificationLog,
)


class AuditInline(admin.TabularInline):
    model = CertificateAudit
    extra = 0
    can_delete = False
    readonly_fields = ["action", "actor", "reason", "at"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: issued documents change only through the services (revoke, re-issue)."""

    list_display = ["serial", "recipient", "title", "status", "version", "issued_at"]
    list_filter = ["status", "kind"]
    search_fields = ["serial", "recipient__name", "title", "source_key"]
    list_select_related = ["recipient"]
    inlines = [AuditInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BulkIssueJob)
class BulkIssueJobAdmin(admin.ModelAdmin):
    list_display = ["source", "cohort_label", "status", "done", "total", "created_at"]
    readonly_fields = ["certificates"]


admin.site.register(SerialCounter)
admin.site.register(VerificationLog)
