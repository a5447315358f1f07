"""``dump_json`` writes exactly what ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes (it is only
quicker), for any mix of what the commands put in their JSON, and leaves anything else to the json module."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli._common import dump_json

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text() | st.sampled_from(["成都市", "D+1", "\u2028", "\x00", "\"quoted\"", "\\", "\ud800"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=5), max_leaves=40)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_the_same_text_as_json_dumps(value):
    assert dump_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{1: "a", 2.5: [1]}, {True: None, None: 1}, [np.float64(1.5), np.int64(3)],
                                   {"x": float("nan"), "y": -math.inf}, [[], {}, [[]], {"a": {}}], 1, "a", None])
def test_odd_keys_and_values_as_json_dumps_or_its_error(value):
    try:
        expected = json.dumps(value, ensure_ascii=False, indent=2)
    except TypeError as exc:
        with pytest.raises(TypeError, match=str(exc)[:20]):
            dump_json(value)
        return
    assert dump_json(value) == expected
