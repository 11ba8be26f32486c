"""Output serialisers never read the answer key of an open attempt: `AttemptSerializer`
adds correctness and right options only for submitted attempts, per the review option."""

from rest_framework import serializers

from training.models import Attempt, Enrollment, Module, ModuleCompetency
from training.services import answer_window_end


class TargetSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="competency.code")
    name = serializers.CharField(source="competency.name")

    class Meta:
        model = ModuleCompetency
        fields = ["competency", "code", "name", "level"]


class ModuleSerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)
    lesson_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Module
        fields = [
            "id",
            "code",
            "title",
            "summary",
            "jp",
            "delivery",
            "status",
            "version",
            "targets",
            "lesson_count",
            "questions_per_attempt",
            "pass_mark",
            "attempts_allowed",
            "time_limit_minutes",
            "overdue_rule",
            "grace_minutes",
            "grading_method",
            "review_option",
        ]


class EnrollmentSerializer(serializers.ModelSerializer):
    module_title = serializers.CharField(source="module.title", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    unit_name = serializers.CharField(source="employee.unit.name", read_only=True)
    state = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    lessons_read = serializers.IntegerField(read_only=True)
    lesson_total = serializers.IntegerField(read_only=True)
    attempt_count = serializers.IntegerField(read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "module",
            "module_title",
            "employee",
            "employee_name",
            "unit_name",
            "status",
            "state",
            "is_overdue",
            "due_date",
            "grade",
            "completed_at",
            "lessons_read",
            "lesson_total",
            "progress",
            "attempt_count",
            "created_at",
        ]

    def get_progress(self, obj: Enrollment) -> int:
        total = getattr(obj, "lesson_total", 0)
        return round(100 * getattr(obj, "lessons_read", 0) / total) if total else 0


class AssignSerializer(serializers.Serializer):
    module = serializers.IntegerField()
    employees = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class AssignmentResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    module = serializers.IntegerField(source="module_id")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    enrolled_count = serializers.IntegerField()


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    options = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)


class AnswersSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)


class SubmitSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, required=False)


_datetime = serializers.DateTimeField()


def _when(value) -> str | None:
    return None if value is None else _datetime.to_representation(value)


def _decimal(value) -> str | None:
    """Decimals as strings, like DRF's DecimalField does for every other endpoint."""
    return None if value is None else str(value)


def attempt_payload(attempt: Attempt, items: list) -> dict:
    """The attempt as the learner may see it now. Built by hand so that nothing from the
    answer key can slip in through a model field before submission."""
    module = attempt.enrollment.module
    submitted = attempt.state == Attempt.State.SUBMITTED
    end = answer_window_end(attempt)
    data = {
        "id": attempt.pk,
        "module": module.pk,
        "enrollment": attempt.enrollment_id,
        "number": attempt.number,
        "state": attempt.state,
        "started_at": _when(attempt.started_at),
        "deadline": _when(attempt.deadline),
        "answers_until": _when(end),
        "submitted_at": _when(attempt.submitted_at),
        "questions": [],
    }
    show_correct = submitted and module.review_option in (
        Module.Review.CORRECTNESS,
        Module.Review.ANSWERS,
    )
    show_answers = submitted and module.review_option == Module.Review.ANSWERS
    for item in items:
        by_id = {choice["id"]: choice for choice in item.choices}
        question = {
            "id": item.question_id,
            "position": item.position,
            "type": item.question.type,
            "text": item.question.text,
            "options": [
                {"id": pk, "text": by_id[pk]["text"]} for pk in item.option_order if pk in by_id
            ],
            "selected": item.selected,
        }
        if show_correct:
            question["correct"] = item.is_correct
        if show_answers:
            question["correct_options"] = [
                pk for pk in item.option_order if pk in by_id and by_id[pk]["correct"]
            ]
            question["explanation"] = item.question.explanation
        data["questions"].append(question)
    if submitted:
        enrollment = attempt.enrollment
        data.update(
            {
                "score": _decimal(attempt.score),
                "passed": attempt.passed,
                "closed_by": attempt.closed_by,
                "pass_mark": module.pass_mark,
                "grade": _decimal(enrollment.grade),
                "enrollment_status": enrollment.status,
            }
        )
    return data
