"""Property tests: arbitrary bytes, text, heading structures and figure values never crash
the reader, the figure extractor or a renderer, and never produce an invalid file.

The strategies and invariants are those of the long run ``bench/fuzz.py``, kept in
``tests/fuzzing.py``; here each target runs a few derandomized examples so the file stays
fast and gives the same verdict on every run.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.readers.text import parse_text
from tests import fuzzing as FUZZ

#: Examples per target: enough to reach every branch of the strategies, few enough that
#: the renderers (0.1–1 s an example) keep the file fast.
EXAMPLES = {"reader-bytes": 150, "reader-mutated": 40, "reader-json": 25, "extract": 80,
            "docx": 12, "xlsx": 12, "pdf": 8, "theme": 6, "package": 12}
#: Here models keep their texts short (a few hundred characters): headings and table
#: cells taller than a page are the long run's ground and tests/test_regressions.py's.
STRATEGIES = {"reader-json": FUZZ.model_json_files(long=False),
              **{fmt: FUZZ.render_cases(long=False) for fmt in ("docx", "xlsx", "pdf")}}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_target_holds_its_invariants(name: str) -> None:
    target = FUZZ.TARGETS[name]

    @settings(max_examples=EXAMPLES[name], deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(STRATEGIES.get(name, target.strategy))
    def run(value: Any) -> None:
        try:
            with FUZZ.time_limit(30):
                target.check(value)
        except FUZZ.TooSlow:
            pytest.fail(f"{name}: one input ran over 30 s (a hang?)")

    run()


def test_every_target_is_exercised() -> None:
    assert set(EXAMPLES) == set(FUZZ.TARGETS)


LABELS = st.sampled_from(["一、", "二、", "十二、", "（一）", "(二)", "1.", "2．", "10、",
                          "（1）", "(2)", "第一部分", ""])


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LABELS, FUZZ.TEXT), max_size=25))
def test_any_heading_structure_reads_into_a_sound_tree(lines: list[tuple[str, str]]) -> None:
    """Lines opening with heading labels in any order and depth give a tree whose levels
    deepen, with unique paragraph ids and sound figures."""
    report = parse_text("\n".join(label + body for label, body in lines), name="fuzz.txt")
    FUZZ.check_model(report)
