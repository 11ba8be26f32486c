"""Gap → training: modules that lift a competency toward the level the position requires."""

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from competencies.hooks import Gap, Recommendation
from training.models import Module, ModuleCompetency


def recommend_modules(employee, gaps: Sequence[Gap]) -> list[Recommendation]:
    """For each gap below standard (or not assessed), published modules whose target level
    is above the current level. Targets at or below the required level come first, the
    closest to the required level first; overshooting modules follow."""
    wanted = {
        gap.competency.pk: gap for gap in gaps if gap.current is None or gap.current < gap.required
    }
    if not wanted:
        return []
    targets = ModuleCompetency.objects.filter(
        competency_id__in=wanted, module__status=Module.Status.PUBLISHED
    ).select_related("module", "competency")
    ranked = []
    for target in targets:
        gap = wanted[target.competency_id]
        if target.level <= (gap.current or 0):
            continue
        overshoot = target.level > gap.required
        ranked.append(
            (
                (
                    target.competency.order,
                    target.competency.code,
                    overshoot,
                    abs(gap.required - target.level),
                    target.module.title,
                ),
                target,
            )
        )
    ranked.sort(key=lambda pair: pair[0])
    return [
        Recommendation(
            competency_code=target.competency.code,
            title=target.module.title,
            url=reverse("training:module", args=[target.module_id]),
            detail=_("Develops %(code)s to level %(level)d · %(jp)s JP")
            % {"code": target.competency.code, "level": target.level, "jp": target.module.jp},
            object_id=target.module_id,
        )
        for _key, target in ranked
    ]
