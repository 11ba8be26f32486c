"""Benchmark: certificate issuance against bare WeasyPrint, 1 vs 2 worker processes, and a
stored download against a render. Prints figures; not part of the test suite.

    .venv/bin/python bench/certificates.py [--count 40]

Runs on PostgreSQL (database `asn_bench_cert`, created and migrated here; override with
BENCH_DATABASE_URL) because two processes write concurrently. Targets (issue 5): one
certificate within 1.25x of bare WeasyPrint, bulk within 1.3x per page, two workers at
least 1.7x one, a stored download at least 20x faster than a render.
"""

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/asn_bench_cert"
)


def _create_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup():
    import django

    django.setup()


def _world(count: int):
    from django.core.management import call_command

    from people.models import OrgUnit, RoleAssignment
    from tests.factories import EmployeeFactory, OrgUnitFactory, UserFactory

    call_command("migrate", verbosity=0)
    agency = OrgUnitFactory(
        code="BENCH", name="Pemerintah Kabupaten Sukamaju", kind=OrgUnit.Kind.AGENCY
    )
    unit = OrgUnitFactory(code="BENCH-1", name="Dinas Bench", parent=agency)
    hr = UserFactory(username="bench-hr")
    RoleAssignment.objects.create(user=hr, role="hr", unit=agency)
    employees = [
        EmployeeFactory(unit=unit, name=f"Pegawai Teladan Nomor {n}", title_suffix="S.Sos., M.Si.")
        for n in range(count * 4 + 6)
    ]
    return hr, [e.pk for e in employees]


_EMPLOYEES: dict = {}


def _load_employees(pks: list[int]) -> None:
    """The caller's work (a bulk job loads its cohort in one query): not timed."""
    from people.models import Employee

    _EMPLOYEES.update(Employee.objects.in_bulk(pks))


def _issue(pk: int, key: str):
    from certificates.services import certificate_issue

    if pk not in _EMPLOYEES:
        _load_employees([pk])
    return certificate_issue(
        recipient=_EMPLOYEES[pk],
        kind="training",
        title="Komunikasi Efektif dalam Pelayanan Publik",
        jp=12,
        competencies=["M.3 Komunikasi", "M.5 Pelayanan Publik"],
        source_key=key,
    )


def _worker(pks: list[int], tag: str, barrier, results) -> None:
    from django.db import connection

    from certificates.rendering import renderer

    connection.close()
    _load_employees(pks)
    renderer()  # per-process cache warmed before the clock starts, as in a real worker
    _issue(pks[0], f"{tag}:warm")
    barrier.wait()
    start = time.perf_counter()
    for pk in pks[1:]:
        _issue(pk, f"{tag}:{pk}")
    results.put((len(pks) - 1, time.perf_counter() - start))
    connection.close()


def _paired_worker(pks: list[int], html: str, results) -> None:
    """One worker issuing a batch, with a bare render of the same HTML before each issue:
    both see the same process state and the same load from the rest of the machine."""
    from django.db import connection

    from certificates.rendering import render_html_to_pdf, renderer

    connection.close()
    _load_employees(pks)
    renderer()
    _issue(pks[0], "pair:warm")
    bare = issue = 0.0
    for pk in pks[1:]:
        start = time.perf_counter()
        render_html_to_pdf(html)
        middle = time.perf_counter()
        _issue(pk, f"pair:{pk}")
        bare, issue = bare + middle - start, issue + time.perf_counter() - middle
    results.put((len(pks) - 1, bare, issue))
    connection.close()


def _bulk_against_bare(pks: list[int], html: str) -> tuple[float, float]:
    """(bare pages/s, bulk pages/s) of one worker process."""
    from django.db import connection

    connection.close()
    ctx = mp.get_context("fork")
    results = ctx.Queue()
    proc = ctx.Process(target=_paired_worker, args=(pks, html, results))
    proc.start()
    done, bare, issue = results.get()
    proc.join()
    return done / bare, done / issue


def _bulk(pks: list[int], workers: int, tag: str) -> float:
    """Pages per second with `workers` processes sharing `pks`."""
    from django.db import connection

    connection.close()
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(workers + 1), ctx.Queue()
    shares = [pks[i::workers] for i in range(workers)]
    procs = [
        ctx.Process(target=_worker, args=(share, f"{tag}{i}", barrier, results))
        for i, share in enumerate(shares)
    ]
    for proc in procs:
        proc.start()
    barrier.wait()
    start = time.perf_counter()
    done = sum(results.get()[0] for _ in procs)
    elapsed = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=60, help="certificates per bulk run")
    args = parser.parse_args()
    _create_database()
    _setup()
    from django.test import Client

    from certificates.checks import harfbuzz_subset_available
    from certificates.models import Certificate
    from certificates.rendering import certificate_html, render_html_to_pdf

    hr, pks = _world(args.count)
    _load_employees(pks[:4])
    print(
        f"harfbuzz-subset: {'yes' if harfbuzz_subset_available() else 'NO'}; CPUs: {os.cpu_count()}"
    )
    first = _issue(pks[0], "bench:first")  # warms the renderer in this process
    html = certificate_html(first.snapshot)

    def timed(fn, repeat: int) -> list[float]:
        out = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
        return out

    # Interleaved, so that load from other processes on the machine hits both alike.
    bare, single = [], []
    for n in range(40):
        bare += timed(lambda: render_html_to_pdf(html), 1)
        single += timed(lambda n=n: _issue(pks[1 + n % 3], f"bench:single:{n}"), 1)
    bare_med, single_med = statistics.median(bare), statistics.median(single)
    print(
        f"bare WeasyPrint render      : {bare_med * 1000:7.1f} ms/page "
        f"({1 / bare_med:5.1f} pages/s)"
    )
    print(
        f"one certificate_issue       : {single_med * 1000:7.1f} ms "
        f"-> {single_med / bare_med:.2f}x bare (target <= 1.25x)"
    )

    rest = pks[4:]
    bare_rate, paired = _bulk_against_bare(pks[-(args.count + 1) :], html)
    one = _bulk(rest[: args.count + 1], 1, "b1-")
    two = _bulk(rest[args.count + 1 : 3 * args.count + 3], 2, "b2-")
    print(
        f"bulk, 1 worker, paired      : {paired:5.1f} pages/s against bare {bare_rate:5.1f} "
        f"-> {bare_rate / paired:.2f}x bare per page (target <= 1.3x)"
    )
    print(f"bulk, 1 worker              : {one:5.1f} pages/s")
    print(
        f"bulk, 2 workers             : {two:5.1f} pages/s -> {two / one:.2f}x one worker "
        f"(target >= 1.7x)"
    )

    from rest_framework.authtoken.models import Token

    from certificates.downloads import signed_download_path

    token = Token.objects.get_or_create(user=hr)[0].key
    client = Client()

    def download(path: str, **headers) -> None:
        response = client.get(path, **headers)
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content)

    api_url = f"/api/v1/certificates/{first.pk}/pdf/"
    signed_url = signed_download_path(Certificate.objects.get(pk=first.pk))
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    download(api_url, **auth)
    download(signed_url)
    api_med = statistics.median(timed(lambda: download(api_url, **auth), 50))
    signed_med = statistics.median(timed(lambda: download(signed_url), 50))
    render_med = statistics.median(timed(lambda: render_html_to_pdf(html), 15))
    print(f"render of the same certificate: {render_med * 1000:6.2f} ms")
    print(
        f"stored download, signed link : {signed_med * 1000:6.2f} ms -> "
        f"{render_med / signed_med:.0f}x faster than a render (target >= 20x)"
    )
    print(
        f"stored download, API + token : {api_med * 1000:6.2f} ms -> "
        f"{render_med / api_med:.0f}x faster than a render (auth and scope: 4 queries)"
    )
    serials = Certificate.objects.count()
    print(
        f"({serials} certificates issued, serials unique: "
        f"{Certificate.objects.values('serial').distinct().count() == serials})"
    )


if __name__ == "__main__":
    main()
