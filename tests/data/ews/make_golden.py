#!/usr/bin/python3
"""Reference values for LatticeForge's early-warning indicators (golden.json).

ewstools itself is not packaged for Debian, so this script makes the calls
ewstools.TimeSeries makes (ewstools/core.py: detrend, compute_var,
compute_std, compute_cv, compute_auto(lag=1), compute_skew, compute_kurt,
compute_ktau), on the same pandas / scipy / statsmodels functions, with the
same arguments. See PROVENANCE.md.

    /usr/bin/python3 make_golden.py            # JSON to stdout
    /usr/bin/python3 make_golden.py --write    # regenerate golden.json here
"""
import json
import pathlib
import platform
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.stats
import statsmodels
from scipy.ndimage import gaussian_filter
from statsmodels.nonparametric.smoothers_lowess import lowess


def ar1_ramp(n=300, seed=11):
    """AR(1) around 10 whose coefficient ramps from 0.1 to 0.95: a system
    approaching a fold, with rising variance and lag-1 autocorrelation."""
    rng = np.random.RandomState(seed)
    phi = np.linspace(0.1, 0.95, n)
    y = np.zeros(n)
    for t in range(1, n):
        y[t] = phi[t] * y[t - 1] + rng.normal()
    return 10.0 + y


def trend_with_outliers(n=240, seed=5):
    """A curved trend plus AR(1) noise and a few spikes: detrending matters,
    and the spikes give LOWESS's robustifying passes something to do."""
    rng = np.random.RandomState(seed)
    t = np.arange(n)
    y = np.zeros(n)
    for i in range(1, n):
        y[i] = 0.6 * y[i - 1] + rng.normal(scale=0.5)
    trend = 3.0 + 0.02 * t + 2.0 * np.sin(2 * np.pi * t / n)
    x = trend + y
    for i in (30, 95, 170, 211):
        x[i] += 6.0 * (1 if i % 2 else -1)
    return x


def size_in_samples(size, n):
    # ewstools: a size in (0, 1] is a proportion of the data length.
    return size * n if 0 < size <= 1 else size


def ewstools_indicators(values, rolling_window, detrend):
    """What ewstools computes, with ewstools' arguments."""
    df = pd.DataFrame({"state": values, "time": np.arange(len(values))}).set_index("time")
    n = len(df)
    out = {}
    method = detrend["method"]
    if method == "gaussian":
        bw_num = size_in_samples(detrend.get("bandwidth", 0.2), n)
        sigma = (0.25 / 0.675) * bw_num
        smooth = gaussian_filter(df["state"].values, sigma=sigma, mode="reflect")
    elif method == "lowess":
        span = detrend.get("span", 0.2)
        span_prop = span if 0 < span <= 1 else span / n
        # ewstools passes no `it`: statsmodels' default, 3.
        smooth = lowess(df["state"].values, df.index.values, frac=span_prop,
                        it=detrend.get("iterations", 3))[:, 1]
    if method != "none":
        df["smoothing"] = smooth
        df["residuals"] = df["state"] - df["smoothing"]
        out["smoothing"] = df["smoothing"].tolist()
        out["residuals"] = df["residuals"].tolist()
    series = df["residuals"] if method != "none" else df["state"]
    rw = int(rolling_window * n) if 0 < rolling_window <= 1 else rolling_window

    ews = pd.DataFrame(index=df.index)
    ews["variance"] = series.rolling(window=rw).var()
    ews["std"] = series.rolling(window=rw).std()
    ews["cv"] = series.rolling(window=rw).std() / df["state"].rolling(window=rw).mean()
    ews["ac1"] = series.rolling(window=rw).apply(
        func=lambda x: pd.Series(x).autocorr(lag=1), raw=True)
    ews["skew"] = series.rolling(window=rw).skew()
    ews["kurtosis"] = series.rolling(window=rw).kurt()

    # compute_ktau: crop to the rows where every indicator is defined.
    tmin = ews.dropna().index[0]
    tmax = ews.dropna().index[-1]
    cropped = ews[(ews.index >= tmin) & (ews.index <= tmax)].copy()
    time_values = pd.Series(data=cropped.index, index=cropped.index)
    ktau = cropped.corrwith(time_values, method="kendall", axis=0)

    out["window"] = rw
    out["indicators"] = {c: ews[c].tolist() for c in ews.columns}
    out["kendall_tau"] = {c: float(ktau[c]) for c in ews.columns}
    return out


CASES = [
    ("ewstools defaults, no detrending", "ar1_ramp",
     {"rolling_window": 0.25, "detrend": {"method": "none"}}),
    ("ewstools defaults, Gaussian detrending", "ar1_ramp",
     {"rolling_window": 0.25, "detrend": {"method": "gaussian", "bandwidth": 0.2}}),
    ("ewstools defaults, LOWESS detrending", "trend_with_outliers",
     {"rolling_window": 0.25, "detrend": {"method": "lowess", "span": 0.2}}),
    ("Gaussian kernel longer than the series (repeated reflection)", "trend_with_outliers",
     {"rolling_window": 60, "detrend": {"method": "gaussian", "bandwidth": 1.0}}),
    ("absolute Gaussian bandwidth", "trend_with_outliers",
     {"rolling_window": 0.3, "detrend": {"method": "gaussian", "bandwidth": 25.3}}),
    ("absolute LOWESS span, no robustifying pass", "trend_with_outliers",
     {"rolling_window": 0.5, "detrend": {"method": "lowess", "span": 48, "iterations": 0}}),
]

KENDALL_INPUTS = [
    [1.0, 2.0, 2.0, 3.0, 1.0, 1.0, 5.0],
    [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0],
    [0.5, 0.25],
    [2.0, 2.0, 2.0],
    [0.1 * k for k in range(20)],
    list(np.round(np.random.RandomState(3).normal(size=60), 1)),
]

GAUSSIAN_INPUTS = [
    ([4.0, -1.0, 2.5, 7.0, 3.0], 3.0),  # radius 12: reflected more than twice
    ([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0], 0.8),
]


def nan_to_none(value):
    if isinstance(value, dict):
        return {k: nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nan_to_none(v) for v in value]
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def golden():
    series = {"ar1_ramp": ar1_ramp().tolist(), "trend_with_outliers": trend_with_outliers().tolist()}
    cases = []
    for name, series_name, options in CASES:
        cases.append({"name": name, "series": series_name, "options": options,
                      "expected": ewstools_indicators(np.array(series[series_name]),
                                                      options["rolling_window"],
                                                      options["detrend"])})
    kendall = [{"values": v, "tau": float(scipy.stats.kendalltau(v, np.arange(len(v)))[0])}
               for v in map(lambda v: [float(x) for x in v], KENDALL_INPUTS)]
    gaussian = [{"values": v, "sigma": s,
                 "expected": gaussian_filter(np.array(v), sigma=s, mode="reflect").tolist()}
                for v, s in GAUSSIAN_INPUTS]
    return nan_to_none({
        "generator": "tests/data/ews/make_golden.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "pandas": pd.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "series": series,
        "cases": cases,
        "kendall_tau": kendall,
        "gaussian_filter": gaussian,
    })


if __name__ == "__main__":
    text = json.dumps(golden(), indent=1, allow_nan=False) + "\n"
    if "--write" in sys.argv[1:]:
        (pathlib.Path(__file__).parent / "golden.json").write_text(text)
    else:
        sys.stdout.write(text)
