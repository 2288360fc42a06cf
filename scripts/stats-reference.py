#!/usr/bin/env python3
"""Reference values for lib/domain/stats, computed with SciPy.

    python3 scripts/stats-reference.py

Writes lib/domain/stats/fixtures/*.json (each with a provenance block), then
runs `npx biome format --write` on them so `biome check` stays clean.

statsmodels is not installed here, so the pooled two-proportion z-test
(statsmodels proportions_ztest) and the Wilson interval (statsmodels
proportion_confint(method="wilson")) are computed from their closed forms with
scipy.stats.norm, and each is cross-checked against an independent SciPy
route: the pooled z against scipy.stats.chi2_contingency(correction=False)
(z**2 is the chi-square statistic, same two-sided p), the Wilson bounds
against scipy.optimize.brentq on the score-test equation.
"""

import datetime
import json
import math
import platform
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import optimize, stats

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "lib" / "domain" / "stats" / "fixtures"
ALTERNATIVES = ["two-sided", "less", "greater"]
# statsmodels spells the one-sided alternatives "smaller" / "larger".
NORM_TAIL = {"two-sided": lambda z: 2 * stats.norm.sf(abs(z)), "less": stats.norm.cdf, "greater": stats.norm.sf}
MAD_SCALE = 1.4826
# SciPy warns of "precision loss" for the constant sample [7, 7, 7], whose variance is exactly 0.
warnings.filterwarnings("ignore", message="Precision loss occurred in moment calculation")


def provenance(functions, note=None):
    block = {
        "script": "scripts/stats-reference.py",
        "python": platform.python_version(),
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "functions": functions,
        "generated": datetime.date.today().isoformat(),
    }
    if note:
        block["note"] = note
    return block


def rounded(values, digits=4):
    # Rounded so the samples read cleanly; the JSON floats are exactly what both sides compute on.
    return [round(float(v), digits) for v in values]


def welch_cases():
    rng = np.random.default_rng(20260522)
    samples = [
        ("tiny, n=2 vs n=3", [3.1, 4.7], [5.0, 6.2, 9.9]),
        ("small, equal n, unequal variances", rounded(rng.normal(10, 1, 5)), rounded(rng.normal(12, 4, 5))),
        ("small vs large, very unequal variances", rounded(rng.normal(50, 20, 4)), rounded(rng.normal(45, 2, 200))),
        ("large, small effect", rounded(rng.normal(0.5, 0.1, 500)), rounded(rng.normal(0.51, 0.15, 800))),
        ("same data in both groups (t = 0)", [1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]),
        ("huge effect, p in the far tail", rounded(rng.normal(100, 1, 40)), rounded(rng.normal(80, 1.5, 30))),
        ("one group without spread", [7.0, 7.0, 7.0], rounded(rng.normal(8, 1, 6))),
        ("integer scores", [72, 85, 90, 66, 78, 81, 95, 70], [60, 75, 58, 80, 69, 73]),
    ]
    cases = []
    for name, a, b in samples:
        for alternative in ALTERNATIVES:
            r = stats.ttest_ind(a, b, equal_var=False, alternative=alternative)
            cases.append(
                {
                    "name": name,
                    "a": a,
                    "b": b,
                    "alternative": alternative,
                    "t": float(r.statistic),
                    "df": float(r.df),
                    "p": float(r.pvalue),
                }
            )
    return cases


def two_proportion(x1, n1, x2, n2, alternative):
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    half = stats.norm.ppf(0.975) * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return z, float(NORM_TAIL[alternative](z)), p1 - p2, [p1 - p2 - half, p1 - p2 + half]


def two_proportion_cases():
    counts = [
        (45, 100, 30, 100),
        (3, 7, 1, 9),
        (5000, 10000, 4850, 10000),
        (2, 1000, 9, 1200),
        (999, 1000, 990, 1000),
        (0, 50, 3, 60),
        (50, 50, 45, 60),
        (10, 10, 0, 10),
        (900, 1000, 100, 1000),
    ]
    cases = []
    for x1, n1, x2, n2 in counts:
        for alternative in ALTERNATIVES:
            z, p, diff, ci95 = two_proportion(x1, n1, x2, n2, alternative)
            if alternative == "two-sided":
                chi2, chi2_p, _, _ = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
                assert math.isclose(z * z, chi2, rel_tol=1e-12), (x1, n1, x2, n2)
                assert math.isclose(p, chi2_p, rel_tol=1e-9, abs_tol=1e-300), (x1, n1, x2, n2)
            cases.append(
                {"x1": x1, "n1": n1, "x2": x2, "n2": n2, "alternative": alternative, "z": z, "p": p, "diff": diff, "ci95": ci95}
            )
    return cases


def wilson(x, n, confidence):
    # statsmodels proportion_confint(method="wilson"), term for term.
    q = x / n
    crit = stats.norm.isf((1 - confidence) / 2)
    crit2 = crit**2
    denom = 1 + crit2 / n
    center = (q + crit2 / (2 * n)) / denom
    dist = crit * math.sqrt(q * (1 - q) / n + crit2 / (4 * n**2)) / denom
    lo, hi = center - dist, center + dist

    # The Wilson bounds are the p where the score statistic |q - p| / sqrt(p(1-p)/n) equals crit.
    def score(p):
        return (q - p) ** 2 - crit2 * p * (1 - p) / n

    for bound, bracket in ((lo, (1e-300, q)), (hi, (q, 1 - 1e-16))):
        if 0 < x < n:
            root = optimize.brentq(score, *bracket, xtol=1e-300, rtol=1e-15)
            assert math.isclose(bound, root, rel_tol=1e-10), (x, n, confidence)
    return lo, hi


def wilson_cases():
    counts = [(0, 1), (1, 1), (0, 10), (1, 10), (9, 10), (10, 10), (5, 12), (3, 3), (37, 41), (250, 1000), (1, 1000), (999, 1000), (0, 5000)]
    cases = []
    for x, n in counts:
        for confidence in (0.9, 0.95, 0.99):
            lo, hi = wilson(x, n, confidence)
            cases.append({"x": x, "n": n, "confidence": confidence, "lo": lo, "hi": hi, "estimate": x / n})
    return cases


def z_score_cases():
    rng = np.random.default_rng(7)
    # About 0.50 with a moderate anomaly (0.62) and one extreme outlier (0.98) that inflates the SD.
    masked = [0.50, 0.52, 0.49, 0.51, 0.48, 0.50, 0.53, 0.47, 0.51, 0.50, 0.49, 0.52, 0.62, 0.98]
    vectors = [
        ("two values", [1.0, 3.0]),
        ("ramp", [1.0, 2.0, 3.0, 4.0, 5.0]),
        ("even length, negative values", [-4.0, -1.5, 0.0, 2.5, 3.0, 8.0]),
        ("normal sample, no outlier", rounded(rng.normal(100, 15, 30), 2)),
        ("one outlier", [10.0, 11.0, 9.0, 10.0, 12.0, 11.0, 10.0, 9.0, 10.0, 11.0, 100.0]),
        ("moderate anomaly next to an extreme outlier", masked),
    ]
    cases = []
    for name, values in vectors:
        arr = np.array(values)
        z = stats.zscore(arr, ddof=1)
        robust = (arr - np.median(arr)) / stats.median_abs_deviation(arr, scale=1 / MAD_SCALE)
        cases.append(
            {
                "name": name,
                "values": values,
                "threshold": 3,
                "z": [float(v) for v in z],
                "robust": [float(v) for v in robust],
                "flags": [bool(v) for v in np.abs(z) > 3],
                "robustFlags": [bool(v) for v in np.abs(robust) > 3],
            }
        )
    moderate = masked.index(0.62)
    assert abs(cases[-1]["robust"][moderate]) > 3 and abs(cases[-1]["z"][moderate]) < 3, "masking case lost its point"
    return cases


def write(name, block, cases):
    path = OUT / name
    path.write_text(json.dumps({"provenance": block, "cases": cases}, indent=2) + "\n")
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    no_statsmodels = (
        "statsmodels is not installed; computed from the closed form with scipy.stats.norm and cross-checked "
        "against {} (see the script's docstring)."
    )
    paths = [
        write(
            "welch-t-test.json",
            provenance(["scipy.stats.ttest_ind(a, b, equal_var=False, alternative=...) -> statistic, df, pvalue"]),
            welch_cases(),
        ),
        write(
            "two-proportion-z-test.json",
            provenance(
                [
                    "z: (p1 - p2) / sqrt(pooled * (1 - pooled) * (1/n1 + 1/n2)), as statsmodels proportions_ztest",
                    "p: scipy.stats.norm.sf / norm.cdf of z (two-sided: 2 * norm.sf(|z|))",
                    "ci95: p1 - p2 -/+ scipy.stats.norm.ppf(0.975) * sqrt(p1(1-p1)/n1 + p2(1-p2)/n2) (unpooled Wald)",
                    "check: scipy.stats.chi2_contingency(table, correction=False) gives z**2 and the two-sided p",
                ],
                no_statsmodels.format("scipy.stats.chi2_contingency"),
            ),
            two_proportion_cases(),
        ),
        write(
            "wilson-interval.json",
            provenance(
                [
                    "statsmodels proportion_confint(method='wilson') closed form with crit = scipy.stats.norm.isf(alpha / 2)",
                    "check: scipy.optimize.brentq on (q - p)**2 = crit**2 * p * (1 - p) / n for 0 < x < n",
                ],
                no_statsmodels.format("scipy.optimize.brentq on the score-test equation"),
            ),
            wilson_cases(),
        ),
        write(
            "z-scores.json",
            provenance(
                [
                    "z: scipy.stats.zscore(values, ddof=1)",
                    f"robust: (values - numpy.median(values)) / scipy.stats.median_abs_deviation(values, scale=1/{MAD_SCALE})",
                    "flags: numpy.abs(z) > threshold",
                ]
            ),
            z_score_cases(),
        ),
    ]
    # Biome formats JSON differently from json.dumps; format here so `biome check` passes on the output.
    result = subprocess.run(["npx", "biome", "format", "--write", *map(str, paths)], cwd=ROOT)
    if result.returncode != 0:
        print("warning: biome format failed; run `npx biome format --write lib/domain/stats/fixtures`", file=sys.stderr)
    for path in paths:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
