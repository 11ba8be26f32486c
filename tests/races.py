"""One way to run a race on PostgreSQL: real threads released together by a barrier.

    result = race(lambda: attempt_submit(attempt_id=pk), times=20)
    result = race(*[partial(award_approve, actor=hr, award=a) for a in awards])
    assert result.errors == []           # or inspect result.outcomes, in thread order

Each thread opens its own database connection (Django gives every thread one) and closes
it when its work ends, so PostgreSQL sees real concurrent sessions and no connection is
left behind for the test database's teardown. Whatever a thread returns or raises is kept
in `outcomes`, in the order the targets were given; nothing is swallowed. The data the
threads read must be committed first, so race tests are `django_db(transaction=True)`:
`race` refuses to start inside an atomic block, where the threads would not see it.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pytest
from django.db import connection, connections

T = TypeVar("T")

# How long the threads may take to reach the start line and then to finish; a deadlock
# fails the test instead of hanging the run.
TIMEOUT_SECONDS = 60.0

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writes need PostgreSQL"
)


@dataclass(frozen=True)
class Race(Generic[T]):
    """What each thread returned or raised, in the order the targets were given."""

    outcomes: list[T | BaseException]

    @property
    def values(self) -> list[T]:
        return [o for o in self.outcomes if not isinstance(o, BaseException)]

    @property
    def errors(self) -> list[BaseException]:
        return [o for o in self.outcomes if isinstance(o, BaseException)]


def race(*targets: Callable[[], T], times: int = 1, timeout: float = TIMEOUT_SECONDS) -> Race[T]:
    """Run every target `times` times, each call in its own thread, all released at once."""
    assert not connection.in_atomic_block, (
        "race() inside a transaction: the threads cannot see its rows; "
        "mark the test django_db(transaction=True)"
    )
    calls = [target for target in targets for _ in range(times)]
    assert len(calls) >= 2, "a race needs at least two threads"
    barrier = threading.Barrier(len(calls), timeout=timeout)
    outcomes: list[Any] = [None] * len(calls)  # every slot is filled before the return

    def run(index: int, target: Callable[[], T]) -> None:
        try:
            barrier.wait()
            outcomes[index] = target()
        except BaseException as error:  # noqa: BLE001 - kept and returned to the test
            outcomes[index] = error
        finally:
            connections.close_all()  # this thread's connections only

    threads = [
        threading.Thread(target=run, args=(index, target), name=f"race-{index}")
        for index, target in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert not stuck, f"threads still running after {timeout} s: {stuck}"
    return Race(outcomes=outcomes)
