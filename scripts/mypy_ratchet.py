"""mypy with a ratchet: the error count may only go down.

`mypy-baseline.txt` records how many errors mypy (configured in pyproject.toml, lenient
mode, django-stubs and djangorestframework-stubs) reported when the baseline was last
lowered. This script runs mypy and fails when the count is above that number, printing
every error so the new one can be found. Below the number it passes and asks for the file
to be lowered (`--update` does that; it never raises the number).

A count rather than a list of errors keeps the file mergeable while several branches move
code around: a moved function does not turn its old errors into "new" ones.

    python scripts/mypy_ratchet.py            # check (make lint, pre-commit)
    python scripts/mypy_ratchet.py --update   # record a lower count
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
SUMMARY = re.compile(r"^Found (\d+) errors? in \d+ files?")


def read_baseline() -> int:
    lines = [line.strip() for line in BASELINE.read_text().splitlines()]
    return int(next(line for line in lines if line and not line.startswith("#")))


def write_baseline(count: int) -> None:
    text = BASELINE.read_text().splitlines()
    kept = [line for line in text if line.startswith("#")]
    BASELINE.write_text("\n".join([*kept, str(count)]) + "\n")


def run_mypy() -> tuple[int, str]:
    """The number of errors and mypy's output; exits on a mypy crash or config error."""
    result = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    if result.returncode == 0:
        return 0, output
    summaries = [match for line in output.splitlines() if (match := SUMMARY.match(line))]
    summary = summaries[-1] if summaries else None
    if result.returncode != 1 or summary is None:
        sys.exit(f"mypy did not run to the end (exit {result.returncode}):\n{output}")
    return int(summary.group(1)), output


def main(argv: list[str]) -> int:
    baseline = read_baseline()
    count, output = run_mypy()
    if count > baseline:
        print(output, end="")
        print(f"mypy: {count} errors, above the baseline of {baseline} in {BASELINE.name}.")
        print("Fix the new errors; the baseline may only go down.")
        return 1
    if count < baseline:
        if "--update" in argv:
            write_baseline(count)
            print(f"mypy: {count} errors; {BASELINE.name} lowered from {baseline}.")
        else:
            print(f"mypy: {count} errors, below the baseline of {baseline}: record it with")
            print("  .venv/bin/python scripts/mypy_ratchet.py --update")
        return 0
    print(f"mypy: {count} errors, at the baseline ({BASELINE.name}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
