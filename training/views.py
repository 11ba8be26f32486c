"""HTML pages of training. Thin: access through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.selectors import employees_managed_by, units_managed_by
from training import selectors, services
from training.api.serializers import attempt_payload
from training.filters import ModuleFilter
from training.forms import (
    AssignForm,
    CatalogueFilterForm,
    LessonForm,
    ModuleForm,
    OptionFormSet,
    QuestionForm,
    TargetFormSet,
)
from training.models import Attempt, Lesson, Module, Question


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _module(request: HttpRequest, pk: int) -> Module:
    return get_object_or_404(selectors.modules_visible_for(user=request.user), pk=pk)


def _authored(request: HttpRequest, pk: int) -> Module:
    if not selectors.is_author(request.user):
        raise Http404
    return get_object_or_404(Module, pk=pk)


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    modules = ModuleFilter(
        request.GET,
        queryset=selectors.modules_visible_for(user=request.user).filter(
            status=Module.Status.PUBLISHED
        ),
    ).qs.order_by("title", "id")
    page = Paginator(modules, 20).get_page(request.GET.get("page"))
    return render(request, "training/catalogue.html", {"form": form, "page_obj": page})


@login_required
def module_detail(request: HttpRequest, pk: int) -> HttpResponse:
    module = _module(request, pk)
    enrollment = selectors.own_enrollment(user=request.user, module=module)
    read = set(enrollment.reads.values_list("lesson_id", flat=True)) if enrollment else set()
    attempts = list(enrollment.attempts.order_by("number")) if enrollment else []
    return render(
        request,
        "training/module.html",
        {
            "module": module,
            "enrollment": enrollment,
            "lessons": module.lessons.all(),
            "read": read,
            "attempts": attempts,
            "can_assign": selectors.can_assign(request.user),
            "open_attempt": next((a for a in attempts if a.state == Attempt.State.OPEN), None),
        },
    )


@login_required
@require_POST
def enroll(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.enrollment_create(actor=request.user, module=_module(request, pk))
        messages.success(request, _("You are enrolled."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("training:module", pk=pk)


@login_required
def lesson(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = _module(request, pk)
    lessons = list(module.lessons.all())
    current = next((item for item in lessons if item.pk == lesson_pk), None)
    if current is None:
        raise Http404
    index = lessons.index(current)
    enrollment = selectors.own_enrollment(user=request.user, module=module)
    is_read = bool(enrollment) and enrollment.reads.filter(lesson=current).exists()
    return render(
        request,
        "training/lesson.html",
        {
            "module": module,
            "lesson": current,
            "enrollment": enrollment,
            "is_read": is_read,
            "previous": lessons[index - 1] if index else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "index": index + 1,
            "total": len(lessons),
        },
    )


@login_required
@require_POST
def lesson_read(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = _module(request, pk)
    enrollment = selectors.own_enrollment(user=request.user, module=module)
    lesson_obj = get_object_or_404(Lesson, pk=lesson_pk, module=module)
    if enrollment is None:
        messages.error(request, _("Enrol in this module first."))
        return redirect("training:module", pk=pk)
    services.lesson_mark_read(enrollment=enrollment, lesson=lesson_obj)
    following = module.lessons.filter(order__gt=lesson_obj.order).first()
    if following:
        return redirect("training:lesson", pk=pk, lesson_pk=following.pk)
    return redirect("training:module", pk=pk)


@login_required
@require_POST
def quiz_start(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        attempt, _created = services.attempt_start(actor=request.user, module=_module(request, pk))
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("training:module", pk=pk)
    return redirect("training:attempt", pk=attempt.pk)


def _attempt(request: HttpRequest, pk: int) -> Attempt:
    attempt = get_object_or_404(selectors.attempts_visible_for(user=request.user), pk=pk)
    return services.attempt_refresh(attempt=attempt)


def _answers_from_post(request: HttpRequest, attempt: Attempt) -> list[dict]:
    answers = []
    for item in attempt.items.all():
        chosen = [int(v) for v in request.POST.getlist(f"q{item.question_id}") if v.isdigit()]
        if f"q{item.question_id}" in request.POST or request.POST.get("final"):
            answers.append({"question": item.question_id, "options": chosen})
    return answers


@login_required
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt(request, pk)
    data = attempt_payload(attempt, selectors.attempt_items(attempt))
    template = (
        "training/quiz.html" if attempt.state == Attempt.State.OPEN else "training/result.html"
    )
    return render(
        request, template, {"attempt": attempt, "data": data, "module": attempt.enrollment.module}
    )


@login_required
@require_POST
def attempt_save(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx auto-save: answers one question (or all) and returns a short status line."""
    attempt = _attempt(request, pk)
    try:
        services.attempt_save_answers(
            attempt_id=attempt.pk, answers=_answers_from_post(request, attempt)
        )
        text = _("Saved.")
    except ValidationError as error:
        text = _errors(error)
    return render(request, "training/partials/save_status.html", {"text": text})


@login_required
@require_POST
def attempt_submit(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt(request, pk)
    answers = _answers_from_post(request, attempt) if attempt.state == Attempt.State.OPEN else None
    try:
        services.attempt_submit(attempt_id=attempt.pk, answers=answers, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("training:attempt", pk=pk)


@login_required
def my_trainings(request: HttpRequest) -> HttpResponse:
    enrollments = selectors.own_enrollments(user=request.user).order_by("status", "due_date")
    return render(request, "training/my.html", {"enrollments": enrollments})


@login_required
def assign(request: HttpRequest) -> HttpResponse:
    if not selectors.can_assign(request.user):
        raise PermissionDenied
    form = AssignForm(
        request.POST or None,
        initial={"module": request.GET.get("module")},
        modules=Module.objects.filter(status=Module.Status.PUBLISHED),
        units=units_managed_by(user=request.user),
        employees=employees_managed_by(user=request.user).filter(is_active=True),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                actor=request.user,
                module=data["module"],
                unit=data["unit"],
                employee_ids=[e.pk for e in data["employees"]] if not data["unit"] else [],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(n)d employees enrolled.") % {"n": assignment.enrolled_count}
            )
            return redirect("training:assign")
    return render(request, "training/assign.html", {"form": form})


# --- authoring (admin and HR) ---------------------------------------------------------------


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    if not selectors.is_author(request.user):
        raise PermissionDenied
    modules = selectors.modules_visible_for(user=request.user).order_by("status", "title")
    return render(request, "training/manage/list.html", {"modules": modules})


@login_required
def module_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not selectors.is_author(request.user):
        raise PermissionDenied
    module = _authored(request, pk) if pk else Module()
    form = ModuleForm(request.POST or None, instance=module)
    targets = TargetFormSet(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        try:
            with transaction.atomic():
                module = services.module_save(actor=request.user, module=form.instance)
                targets.instance = module
                targets.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Module saved."))
            return redirect("training:manage_module", pk=module.pk)
    return render(
        request,
        "training/manage/module_form.html",
        {"form": form, "targets": targets, "module": module},
    )


@login_required
def manage_module(request: HttpRequest, pk: int) -> HttpResponse:
    module = _authored(request, pk)
    questions = module.questions.prefetch_related("options")
    return render(
        request,
        "training/manage/module.html",
        {
            "module": module,
            "lessons": module.lessons.all(),
            "questions": questions,
            "problems": services.module_problems(module),
        },
    )


@login_required
@require_POST
def module_publish(request: HttpRequest, pk: int) -> HttpResponse:
    module = _authored(request, pk)
    try:
        if request.POST.get("archive"):
            services.module_archive(actor=request.user, module=module)
        else:
            services.module_publish(actor=request.user, module=module)
            messages.success(request, _("Module published."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("training:manage_module", pk=pk)


@login_required
def lesson_edit(request: HttpRequest, pk: int, lesson_pk: int | None = None) -> HttpResponse:
    module = _authored(request, pk)
    instance = (
        get_object_or_404(Lesson, pk=lesson_pk, module=module)
        if lesson_pk
        else Lesson(module=module, order=module.lessons.count() + 1)
    )
    form = LessonForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Lesson saved."))
        return redirect("training:manage_module", pk=pk)
    return render(request, "training/manage/lesson_form.html", {"form": form, "module": module})


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    module = _authored(request, pk)
    instance = (
        get_object_or_404(Question, pk=question_pk, module=module)
        if question_pk
        else Question(module=module)
    )
    form = QuestionForm(request.POST or None, instance=instance)
    options = OptionFormSet(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid() and options.is_valid():
        kept = [
            f.instance for f in options.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.question_save(actor=request.user, question=form.instance, options=kept)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("training:manage_module", pk=pk)
    return render(
        request,
        "training/manage/question_form.html",
        {"form": form, "options": options, "module": module},
    )


@login_required
def stats(request: HttpRequest, pk: int) -> HttpResponse:
    module = _authored(request, pk) if selectors.is_author(request.user) else None
    if module is None:
        if not selectors.can_assign(request.user):
            raise Http404
        module = _module(request, pk)
    return render(
        request,
        "training/manage/stats.html",
        {
            "module": module,
            "questions": selectors.question_stats(module=module)
            if selectors.is_author(request.user)
            else [],
            "units": selectors.completion_by_unit(user=request.user, module=module),
        },
    )
