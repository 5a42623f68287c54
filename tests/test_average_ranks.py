"""``methods.average_ranks`` (numpy) equals scipy's rankdata, which it replaces to start faster."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata

from indicators.methods import average_ranks


def test_worked_example() -> None:
    """Values 3, 1, NaN, 3, 2 in one column: 1 → 1, 2 → 2, the two 3s share (3 + 4) / 2."""
    column = np.array([[3.0], [1.0], [np.nan], [3.0], [2.0]])
    np.testing.assert_array_equal(average_ranks(column)[:, 0], [3.5, 1.0, np.nan, 3.5, 2.0])


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 3), st.integers(1, 12), st.integers(1, 5)),
              elements=st.sampled_from([np.nan, 0.0, -0.0, 1.0, 2.5, -7.0, 1e300, -np.inf])))
def test_equal_to_scipy_rankdata(x: np.ndarray) -> None:
    """Any stack of countries × indicators, ties, NaN and infinities included: bit for bit."""
    expected = rankdata(x, method="average", axis=-2, nan_policy="omit")
    np.testing.assert_array_equal(average_ranks(x), expected)
    np.testing.assert_array_equal(average_ranks(x[0]), expected[0])
