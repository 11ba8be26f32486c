"""System check: WeasyPrint is 6-9x slower without HarfBuzz's subsetting library."""

import ctypes.util

from django.core.checks import Warning, register
from django.utils.translation import gettext_lazy as _


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@register()
def check_harfbuzz_subset(app_configs, **kwargs) -> list[Warning]:
    if harfbuzz_subset_available():
        return []
    return [
        Warning(
            _(
                "libharfbuzz-subset is not installed: "
                "certificate rendering will be 6-9 times slower."
            ),
            hint=_("Install the Debian package libharfbuzz-subset0 (make setup does it)."),
            id="certificates.W001",
        )
    ]
