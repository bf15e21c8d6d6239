"""Single names as news uses them (people, organisations, places, generic agents; 2015-2025): `resolve`
must give the right country AND the right state_actor. The list (data/single_names.jsonl) was written by
hand from knowledge of real usage, not from the gazetteer's tables, with traps (former leaders, opposition
parties, cities that are common words). Its score is the `single_names` suite of floors.json
(tests/eval/measures.py); this file checks the list itself stays broad."""
import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "single_names.jsonl"


def _cases():
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def test_the_list_is_broad():
    cases = _cases()
    assert len(cases) >= 300
    kinds = Counter(c["kind"] for c in cases)
    assert len(kinds) >= 15 and kinds["person"] >= 100
    assert len({c["country"] for c in cases}) >= 40
    assert {c["date"][:4] for c in cases} >= {str(y) for y in range(2016, 2026)}
    assert len({c["text"].lower() for c in cases}) > 0.9 * len(cases)
