from django.contrib import admin

from training.models import (
    Assignment,
    Attempt,
    Enrollment,
    Lesson,
    Module,
    ModuleCompetency,
    Option,
    Question,
)


class ModuleCompetencyInline(admin.TabularInline):
    model = ModuleCompetency
    extra = 1


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    fields = ["order", "title", "body"]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 4


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "status", "delivery", "jp", "version"]
    list_filter = ["status", "delivery"]
    search_fields = ["code", "title"]
    inlines = [ModuleCompetencyInline, LessonInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "module", "type", "is_active"]
    list_filter = ["module", "type"]
    search_fields = ["text"]
    inlines = [OptionInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["employee", "module", "status", "due_date", "grade"]
    list_filter = ["status", "module"]
    raw_id_fields = ["employee", "assignment"]
    list_select_related = ["employee", "module"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["module", "unit", "due_date", "enrolled_count", "created_at"]
    list_select_related = ["module", "unit"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "number", "state", "score", "passed", "started_at"]
    list_filter = ["state"]
    raw_id_fields = ["enrollment"]
