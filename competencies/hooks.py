"""How apps above competencies contribute to its pages without being imported by it.

Training registers a recommender in its AppConfig.ready():

    register_recommender(recommend_modules)

A recommender takes `(employee, gaps)`, where each gap has `.competency` (Competency),
`.required` (int) and `.current` (int | None), and returns a list of `Recommendation`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Gap(Protocol):
    competency: Any
    required: int
    current: int | None


@dataclass(frozen=True)
class Recommendation:
    competency_code: str
    title: str
    url: str
    detail: str = ""
    object_id: int | None = None


Recommender = Callable[[Any, Sequence[Gap]], list[Recommendation]]
_recommenders: list[Recommender] = []


def register_recommender(recommender: Recommender) -> None:
    if recommender not in _recommenders:
        _recommenders.append(recommender)


def recommendations_for(employee: Any, gaps: Sequence[Gap]) -> list[Recommendation]:
    return [item for recommender in _recommenders for item in recommender(employee, gaps)]
