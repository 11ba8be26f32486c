"""Build complete modules for training tests."""

from decimal import Decimal

from competencies.models import Competency
from training.models import Lesson, Module, ModuleCompetency, Option, Question


def competency(code: str = "M.3", name: str = "Komunikasi") -> Competency:
    return Competency.objects.get_or_create(
        code=code, defaults={"name": name, "kind": Competency.Kind.MANAGERIAL}
    )[0]


def make_module(
    *,
    code: str = "KOM-1",
    questions: int = 4,
    per_attempt: int = 4,
    lessons: int = 2,
    status: str = Module.Status.PUBLISHED,
    target=("M.3", 2),
    **settings,
) -> Module:
    """A module whose question i has options "right i" (correct) and "wrong i"."""
    module = Module.objects.create(
        code=code,
        title=f"Modul {code}",
        summary="Ringkasan",
        jp=Decimal("4"),
        questions_per_attempt=per_attempt,
        status=status,
        **settings,
    )
    if target:
        ModuleCompetency.objects.create(
            module=module, competency=competency(target[0]), level=target[1]
        )
    for n in range(1, lessons + 1):
        Lesson.objects.create(
            module=module,
            order=n,
            title=f"Pelajaran {n}",
            body=f"# Judul {n}\n\nIsi **pelajaran** {n}.",
        )
    for n in range(1, questions + 1):
        question = Question.objects.create(
            module=module, text=f"Pertanyaan {n}?", explanation=f"Penjelasan {n}"
        )
        Option.objects.create(question=question, text=f"right {n}", is_correct=True, order=0)
        Option.objects.create(question=question, text=f"wrong {n}", order=1)
    return module


def answers_for(payload: dict, *, right: int) -> list[dict]:
    """Answer the first `right` questions correctly and the rest wrongly (by option text)."""
    result = []
    for index, question in enumerate(payload["questions"]):
        prefix = "right" if index < right else "wrong"
        chosen = [o["id"] for o in question["options"] if o["text"].startswith(prefix)]
        result.append({"question": question["id"], "options": chosen})
    return result
