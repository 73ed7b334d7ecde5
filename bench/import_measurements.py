"""Benchmark, not a test: import 1,000,000 generated measurement rows from CSV on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/framsteg_bench \\
        .venv/bin/python bench/import_measurements.py

Creates a throw-away database with Django's test machinery (named test_<name in DATABASE_URL>), writes the
rows to a temporary CSV file (semicolon-separated, Swedish decimal commas, thousands spaces, some empty
values), imports it with the same function as `framsteg import-measurements`, prints the wall time and the
peak memory of the process, and removes the file and the database. The aim: under 60 s and 500 MB.
`--format xlsx` measures an XLSX file instead (slower: openpyxl parses the sheet's XML).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from framsteg.indicators.models import Indicator, Measurement  # noqa: E402
from framsteg.indicators.services.tabular import import_measurements  # noqa: E402

INDICATORS = 10
MUNICIPALITIES = [f"{code:04d}" for code in range(114, 404)]  # 290 codes, like Sweden's municipalities
GENDERS = ("T", "K", "M")
YEARS = range(1900, 2015)


def generated_rows(count: int):
    """Rows grouped by indicator, as an export writes them; values in the ways people write numbers."""
    generator = random.Random(2026)
    produced = 0
    for indicator in range(INDICATORS):
        for municipality in MUNICIPALITIES:
            for gender in GENDERS:
                for year in YEARS:
                    if produced == count:
                        return
                    produced += 1
                    number = generator.uniform(0, 250_000)
                    if produced % 50 == 0:
                        value = ""
                    elif produced % 2:
                        value = format(number, ",.2f").replace(",", " ").replace(".", ",")
                    else:
                        value = f"{number:.1f}"
                    yield (f"indikator-{indicator}", year, value, municipality, gender)


def write_file(path: Path, count: int, file_format: str) -> None:
    header = ("indikator", "år", "värde", "kommun", "kön")
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Mätningar")
        sheet.append(header)
        for row in generated_rows(count):
            sheet.append(row)
        workbook.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(generated_rows(count))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def server_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend, when the server runs on this machine."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/framsteg_bench"
        )

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        for number in range(INDICATORS):
            Indicator.objects.create(
                name=f"Indikator {number}", slug=f"indikator-{number}", direction="higher", source_kind="own"
            )
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"matningar.{options.format}"
            started = time.perf_counter()
            write_file(path, options.rows, options.format)
            generated = time.perf_counter() - started
            size_mb = path.stat().st_size / 1024**2
            rss_before = peak_rss_mb()

            server_before, cpu_before = server_cpu_seconds(), cpu_seconds()
            started = time.perf_counter()
            result = import_measurements(path)
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds() - cpu_before
            server_after = server_cpu_seconds()

        if not result.ok:
            sys.exit(result.report())
        stored = Measurement.objects.count()
        print(f"database:        {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"file:            {options.format}, {options.rows:,} rows, {size_mb:.1f} MB")
        print(f"                 (generated in {generated:.1f} s, not counted)")
        print(f"imported:        {result.rows:,} rows in {len(result.releases)} releases")
        print(f"in the table:    {stored:,} measurements")
        print(f"wall time:       {elapsed:.1f} s ({result.rows / elapsed:,.0f} rows/s)")
        server = f"{server_after - server_before:.1f} s" if server_after is not None else "not measured"
        print(f"CPU time:        {cpu:.1f} s in Python, {server} in the PostgreSQL backend")
        print(f"load average:    {os.getloadavg()[0]:.1f} (other work on the machine slows the wall time)")
        print(f"peak RSS:        {peak_rss_mb():.0f} MB (before the import: {rss_before:.0f} MB)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
