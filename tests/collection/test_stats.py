"""The enrichment statistics against SciPy (a test dependency) and exact rational arithmetic."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from viewer.collection.stats import benjamini_hochberg, hypergeom_sf, odds_ratio

scipy_stats = pytest.importorskip("scipy.stats")


def exact_sf(k: int, population: int, successes: int, draws: int) -> float:
    high = min(draws, successes)
    low = max(0, draws - (population - successes))
    k = max(k, low)
    if k > high:
        return 0.0
    numerator = sum(
        math.comb(successes, i) * math.comb(population - successes, draws - i)
        for i in range(k, high + 1)
    )
    return float(Fraction(numerator, math.comb(population, draws)))


def random_cases(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        population = rng.choice([1, 10, 100, 1_000, 20_000, 100_000, 1_000_000])
        successes = rng.randint(0, min(population, 800))
        draws = rng.randint(0, min(population, 400))
        k = rng.randint(0, min(successes, draws) + 1)
        yield k, population, successes, draws


EXTREME = [
    (0, 20_000, 200, 50),  # k = 0: certain
    (51, 20_000, 200, 50),  # more than the figure holds: impossible
    (50, 20_000, 200, 50),  # the whole figure in the list: p near 1e-120
    (120, 1_000_000, 400, 120),  # p near 1e-500 underflows to 0
    (90, 1_000_000, 300, 113),  # p near 1e-300: in the subnormal range
    (3, 20_000, 20_000, 3),  # the list is the whole background
    (5, 20_000, 5, 20_000),  # the figure is the whole background
    (1, 1, 1, 1),
    (2, 30, 0, 10),  # an empty list
]


@pytest.mark.parametrize("case", EXTREME)
def test_extreme_cases_match_scipy_and_exact(case) -> None:
    k, population, successes, draws = case
    ours = hypergeom_sf(k, population, successes, draws)
    reference = float(scipy_stats.hypergeom.sf(k - 1, population, successes, draws))
    assert ours == pytest.approx(reference, rel=1e-9, abs=1e-320)
    assert ours == pytest.approx(exact_sf(*case), rel=1e-11, abs=1e-320)


def test_random_cases_match_scipy_to_1e_9() -> None:
    worst = 0.0
    for case in random_cases(seed=20261126, count=4000):
        ours = hypergeom_sf(*case)
        k, population, successes, draws = case
        reference = float(scipy_stats.hypergeom.sf(k - 1, population, successes, draws))
        if reference > 1e-300:
            worst = max(worst, abs(ours - reference) / reference)
        else:
            assert ours < 1e-290
    assert worst < 1e-9


def test_random_cases_match_exact_arithmetic() -> None:
    for case in random_cases(seed=7, count=500):
        exact = exact_sf(*case)
        assert hypergeom_sf(*case) == pytest.approx(exact, rel=1e-11, abs=1e-320)


def test_impossible_tables_are_refused() -> None:
    with pytest.raises(ValueError):
        hypergeom_sf(1, 10, 11, 3)
    with pytest.raises(ValueError):
        odds_ratio(5, 3, 10, 100)


def test_benjamini_hochberg_matches_scipy() -> None:
    rng = random.Random(3)
    for size in (1, 2, 10, 257):
        p = [rng.random() ** 3 for _ in range(size)]
        p[0] = p[-1]  # ties
        expected = scipy_stats.false_discovery_control(p, method="bh")
        assert benjamini_hochberg(p) == pytest.approx(list(expected), rel=1e-12)
    assert benjamini_hochberg([]) == []


def test_benjamini_hochberg_with_untested_ones_taken_as_one() -> None:
    # Enrichment passes only the figures that share a gene with the list, and the number of
    # figures tested: the rest have p = 1, and the adjusted values must be those of the whole.
    rng = random.Random(11)
    for shown, hidden in ((1, 0), (5, 20), (40, 1000)):
        p = [rng.random() ** 4 for _ in range(shown)]
        whole = scipy_stats.false_discovery_control(p + [1.0] * hidden, method="bh")
        assert benjamini_hochberg(p, tests=shown + hidden) == pytest.approx(
            list(whole[:shown]), rel=1e-12
        )
    with pytest.raises(ValueError):
        benjamini_hochberg([0.1, 0.2], tests=1)


def test_odds_ratio() -> None:
    # 2x2 table a=10, b=90, c=20, d=9880
    assert odds_ratio(10, 100, 30, 10_000) == pytest.approx(10 * 9880 / (90 * 20))
    reference = scipy_stats.contingency.odds_ratio([[10, 90], [20, 9880]], kind="sample")
    assert odds_ratio(10, 100, 30, 10_000) == pytest.approx(reference.statistic)
    # A zero cell: Haldane–Anscombe keeps it finite.
    assert odds_ratio(5, 5, 5, 100) == pytest.approx(5.5 * 95.5 / (0.5 * 0.5))
