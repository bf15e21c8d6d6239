"""The accuracy gate: every suite in tests/eval/measures.py is measured and held to tests/eval/floors.json
(raise the floors with `make floors` after an improvement; they cannot be lowered that way)."""
from __future__ import annotations

import pytest

from tests.eval import floors, measures


@pytest.fixture(scope="module")
def pinned():
    return floors.load()


@pytest.mark.parametrize("suite", sorted(measures.SUITES))
def test_suite_keeps_its_floors(suite, shared, pinned):
    changed = floors.gold_changes(pinned, suite, shared, measures.GOLD[suite], measures.DEFINITIONS.get(suite))
    assert not changed, (f"{suite}: the floors were measured on other gold files ({', '.join(changed)}); "
                         "re-measure with `python -m tests.eval.raise_floors --rebase SUITE`")
    measured = measures.SUITES[suite](shared)
    print(suite, {k: round(v, 4) for k, v in measured.items()})
    assert pinned["floors"].get(suite) or pinned["ceilings"].get(suite), f"no floors for {suite}"
    problems = floors.shortfalls(pinned, suite, measured)
    assert not problems, "; ".join(problems)


def test_every_suite_has_floors_and_digests(pinned):
    assert set(pinned["gold"]) == set(measures.SUITES) == set(measures.GOLD)
    for suite, files in measures.GOLD.items():
        assert set(pinned["gold"][suite]) - {"definition", "single_names.jsonl"} == set(files), suite
