#!/usr/bin/python3
"""Golden run-length posteriors for LatticeForge's BOCPD tests.

An independent, deliberately plain implementation of Adams & MacKay's
Bayesian online change-point detection (arXiv:0710.3742, algorithm 1) with a
Normal-Gamma model and a constant hazard, without any pruning. Unlike the C++
code (which updates each run's statistics recursively and evaluates the
Student-t density from them in log form), this script recomputes every run's
posterior parameters from the run's samples in closed form and evaluates the
predictive with scipy.stats.t.

Run with Debian's python3 (numpy, scipy):  /usr/bin/python3 generate_golden.py
It rewrites golden.json next to itself.
"""
import json
import pathlib

import numpy as np
from scipy import special, stats


def series():
    """40 samples: N(0, 1) then N(2.5, 0.5^2) from index 20, z-scored."""
    rng = np.random.default_rng(20071010)
    x = np.concatenate([rng.normal(0.0, 1.0, 20), rng.normal(2.5, 0.5, 20)])
    return (x - x.mean()) / x.std()


def log_predictive(x, run, mu0, kappa0, alpha0, beta0):
    """log p(x | the run's samples) under the Normal-Gamma prior (closed form)."""
    n = len(run)
    if n == 0:
        mu, kappa, alpha, beta = mu0, kappa0, alpha0, beta0
    else:
        mean = run.mean()
        kappa = kappa0 + n
        mu = (kappa0 * mu0 + n * mean) / kappa
        alpha = alpha0 + n / 2
        beta = (beta0 + 0.5 * ((run - mean) ** 2).sum()
                + kappa0 * n * (mean - mu0) ** 2 / (2 * kappa))
    scale = np.sqrt(beta * (kappa + 1) / (alpha * kappa))
    return stats.t.logpdf(x, df=2 * alpha, loc=mu, scale=scale)


def posteriors(x, lam, mu0, kappa0, alpha0, beta0):
    """P(r_t = r | x_1..t) for every t, r = 0..t+1 (r = samples in the run)."""
    hazard = 1.0 / lam
    log_p = np.array([0.0])  # before any sample, r = 0 with probability 1
    out = []
    for t, xt in enumerate(x):
        # log_p[r] refers to the run of the last r samples before x_t.
        log_pred = np.array([log_predictive(xt, x[t - r:t], mu0, kappa0, alpha0, beta0)
                             for r in range(len(log_p))])
        log_joint = log_p + log_pred
        growth = log_joint + np.log1p(-hazard)
        change = special.logsumexp(log_joint) + np.log(hazard)
        log_p = np.concatenate([[change], growth])
        log_p -= special.logsumexp(log_p)
        out.append(np.exp(log_p).tolist())
    return out


CASES = [
    # TCPDBench's bocpd defaults (R ocp): lambda 100, mu0 0, kappa = alpha = beta = 1.
    {"name": "tcpdbench_defaults", "lambda": 100.0, "prior_mean": 0.0, "prior_kappa": 1.0,
     "prior_alpha": 1.0, "prior_beta": 1.0},
    # Values from TCPDBench's bocpd grid, every prior parameter off its default.
    {"name": "grid_values", "lambda": 10.0, "prior_mean": 0.5, "prior_kappa": 0.01,
     "prior_alpha": 100.0, "prior_beta": 0.01},
]


def main():
    x = series()
    cases = []
    for case in CASES:
        cases.append({
            "parameters": {k: v for k, v in case.items() if k != "name"},
            "name": case["name"],
            "posteriors": posteriors(x, case["lambda"], case["prior_mean"], case["prior_kappa"],
                                     case["prior_alpha"], case["prior_beta"]),
        })
    out = {"series": x.tolist(), "cases": cases}
    path = pathlib.Path(__file__).with_name("golden.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
