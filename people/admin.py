from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from people.models import Employee, OrgUnit, Position, RoleAssignment


@admin.register(OrgUnit)
class OrgUnitAdmin(TreeAdmin):
    form = movenodeform_factory(OrgUnit)
    list_display = ["name", "code", "kind"]
    search_fields = ["name", "code"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "type", "level", "agency"]
    list_filter = ["type", "agency"]
    search_fields = ["name", "code"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["name", "nip", "employment_type", "golongan", "unit", "position", "is_active"]
    list_filter = ["employment_type", "golongan", "is_active", "position__type"]
    search_fields = ["name", "nip"]
    list_select_related = ["unit", "position"]
    raw_id_fields = ["user", "unit", "position"]
    readonly_fields = ["birth_date", "tmt_cpns", "sex"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    raw_id_fields = ["user", "unit"]
