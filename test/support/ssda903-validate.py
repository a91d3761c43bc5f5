"""
Runs the DfE's SSDA903 validator (lac_validator, PyPI csc-validator-be-903) over CSV tables and
prints JSON: the rules that concern REVIEWS (read from the ruleset: REVIEWS among a rule's tables,
or its code reading the Reviews table), which of them ran, and every error they found.

usage: python ssda903-validate.py <collection year, e.g. 2025 for 2024-25> <table.csv>...
"""
import inspect
import json
import logging
import sys
from pathlib import Path

logging.disable(logging.CRITICAL)

from lac_validator.lac_validator import LacValidator  # noqa: E402
from lac_validator.rules.ruleset_utils import get_year_ruleset  # noqa: E402


def concerns_reviews(rule) -> bool:
    tables = rule.tables if isinstance(rule.tables, (list, tuple)) else []
    return "Reviews" in tables or '"Reviews"' in inspect.getsource(rule.func)


def main() -> None:
    year, paths = sys.argv[1], sys.argv[2:]
    registry = get_year_ruleset(year)
    codes = sorted(code for code, rule in registry.items() if concerns_reviews(rule))
    files = [{"name": Path(p).name, "description": "This year", "file_content": Path(p).read_bytes()} for p in paths]
    v = LacValidator(metadata={"collectionYear": year, "localAuthority": "E09000027"}, files=files, registry=registry, selected_rules=codes)
    errors = []
    for table, df in v.ds_results.items():
        if not hasattr(df, "columns"):
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            for idx in df.index[df[col] == True]:  # noqa: E712
                errors.append({"rule": col[4:], "table": table, "row": int(idx), "child": str(df.at[idx, "CHILD"])})
    print(json.dumps({"tables": sorted(v.dfs.keys()), "reviewRules": codes, "ran": sorted(v.dones), "skipped": sorted(v.skips), "failed": sorted(v.fails), "errors": errors}))


main()
