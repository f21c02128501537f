#!/usr/bin/env python3
"""Writes performance_reference.json: inputs and scikit-learn's values for the performance accumulators.

Run from anywhere (needs numpy and scikit-learn; `pip install scikit-learn` in a virtualenv):

    python3 Fixtures/reference/performance/make_performance_reference.py

Every case is drawn from a fixed seed, so rerunning reproduces the file byte for byte with the same
numpy/scikit-learn versions (recorded under "generator"). The Swift tests never run this script;
they read the committed JSON.

Conventions the Swift side shares (see Sources/DriftCore/Performance):
- a row is predicted positive when score >= threshold;
- log loss clips p to [1e-15, 1 - 1e-15]. scikit-learn >= 1.5 clips at machine epsilon instead, so
  the script clips the scores to [1e-15, 1 - 1e-15] itself before calling log_loss (a no-op for
  every score not within 1e-15 of 0 or 1);
- ECE uses `calibration_bins` equal-width bins on [0, 1], bin = min(floor(p * B), B - 1);
- metrics that scikit-learn leaves undefined (zero_division) are written as null.
"""
import json
import math
import os
import sys

import numpy as np
import sklearn
from sklearn import metrics

EPS_LOG_LOSS = 1e-15


def undefined_to_none(value):
    value = float(value)
    return None if math.isnan(value) else value


def ece(scores, labels, bins):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.float64)
    index = np.minimum(np.floor(scores * bins).astype(np.int64), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        n_b = int(mask.sum())
        if n_b == 0:
            continue
        total += (n_b / len(scores)) * abs(scores[mask].mean() - labels[mask].mean())
    return total


def binary_case(name, scores, labels, threshold=0.5, calibration_bins=10, quantised=False):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    predicted = (scores >= threshold).astype(np.int64)
    both_classes = len(np.unique(labels)) == 2
    clipped = np.clip(scores, EPS_LOG_LOSS, 1 - EPS_LOG_LOSS)
    tn, fp, fn, tp = metrics.confusion_matrix(labels, predicted, labels=[0, 1]).ravel()
    expected = {
        "true_positives": int(tp),
        "false_positives": int(fp),
        "true_negatives": int(tn),
        "false_negatives": int(fn),
        "accuracy": float(metrics.accuracy_score(labels, predicted)),
        "precision": undefined_to_none(metrics.precision_score(labels, predicted, zero_division=np.nan)),
        "recall": undefined_to_none(metrics.recall_score(labels, predicted, zero_division=np.nan)),
        "f1": undefined_to_none(metrics.f1_score(labels, predicted, zero_division=np.nan)),
        "roc_auc": float(metrics.roc_auc_score(labels, scores)) if both_classes else None,
        "log_loss": float(metrics.log_loss(labels, clipped, labels=[0, 1])),
        "brier": float(metrics.brier_score_loss(labels, scores, pos_label=1)),
        "ece": float(ece(scores, labels, calibration_bins)),
    }
    return {
        "name": name,
        "threshold": threshold,
        "calibration_bins": calibration_bins,
        "quantised": quantised,
        "scores": [float(s) for s in scores],
        "labels": [int(y) for y in labels],
        "expected": expected,
    }


def quantise(scores):
    # 3 decimals, at most 0.999: with 1,000 score bins each bin then holds exactly one distinct score
    # (1.000 would share the closed last bin with 0.999).
    return np.minimum(np.round(scores, 3), 0.999)


def binary_cases(rng):
    cases = []
    labels = rng.integers(0, 2, size=2000)
    scores = 1 / (1 + np.exp(-(rng.normal(size=2000) + 1.2 * (2 * labels - 1))))
    cases.append(binary_case("balanced_continuous", scores, labels))

    labels = rng.integers(0, 2, size=3000)
    scores = quantise(1 / (1 + np.exp(-(rng.normal(size=3000) * 1.5 + 0.8 * (2 * labels - 1)))))
    cases.append(binary_case("balanced_ties_3_decimals", scores, labels, quantised=True))

    labels = (rng.random(5000) < 0.03).astype(np.int64)
    scores = quantise(rng.beta(1 + 3 * labels, 6 - 3 * labels))
    cases.append(binary_case("imbalanced_ties_3_decimals", scores, labels, threshold=0.3, quantised=True))

    labels = (rng.random(3000) < 0.05).astype(np.int64)
    scores = rng.beta(1.5 + 2 * labels, 5 - 2 * labels)
    cases.append(binary_case("imbalanced_continuous", scores, labels, calibration_bins=15))

    labels = rng.integers(0, 2, size=200)
    scores = np.where(labels == 1, np.where(rng.random(200) < 0.5, 1.0, rng.uniform(0.6, 1.0, 200)), 0.0)
    cases.append(binary_case("perfect_classifier", scores, labels))

    labels = rng.integers(0, 2, size=200)
    scores = np.where(labels == 1, rng.choice([0.0, 0.05, 0.2], 200), rng.choice([0.8, 0.95, 1.0], 200))
    cases.append(binary_case("inverted_classifier", scores, labels, quantised=True))

    labels = np.zeros(100, dtype=np.int64)
    scores = np.round(rng.uniform(0, 0.4, 100), 3)
    cases.append(binary_case("single_class_all_negative", scores, labels, quantised=True))
    return cases


def multiclass_case(name, predicted, actual):
    labels = sorted(set(predicted) | set(actual))
    expected = {
        "classes": labels,
        "accuracy": float(metrics.accuracy_score(actual, predicted)),
        "macro_f1": float(metrics.f1_score(actual, predicted, average="macro", zero_division=0)),
        "macro_precision": float(metrics.precision_score(actual, predicted, average="macro", zero_division=0)),
        "macro_recall": float(metrics.recall_score(actual, predicted, average="macro", zero_division=0)),
        "confusion_matrix": metrics.confusion_matrix(actual, predicted, labels=labels).tolist(),
    }
    return {"name": name, "predicted": list(predicted), "actual": list(actual), "expected": expected}


def multiclass_cases(rng):
    cases = []
    classes = ["bird", "cat", "dog", "fish"]
    actual = rng.choice(classes, size=1500, p=[0.3, 0.35, 0.3, 0.05])
    # "fish" is never predicted: a fish is called a cat; others are right 70% of the time.
    predicted = np.where(rng.random(1500) < 0.7, actual, rng.choice(classes[:3], size=1500))
    predicted = np.where(predicted == "fish", "cat", predicted)
    cases.append(multiclass_case("class_never_predicted", [str(p) for p in predicted], [str(a) for a in actual]))

    actual = rng.choice(["a", "b", "c"], size=600)
    predicted = np.where(rng.random(600) < 0.6, actual, rng.choice(["a", "b", "c", "other"], size=600))
    cases.append(multiclass_case("class_only_predicted", [str(p) for p in predicted], [str(a) for a in actual]))

    actual = rng.choice(["Z", "a", "é", "日本"], size=300)
    predicted = np.where(rng.random(300) < 0.5, actual, rng.choice(["Z", "a", "é", "日本"], size=300))
    cases.append(multiclass_case("unicode_labels", [str(p) for p in predicted], [str(a) for a in actual]))
    return cases


def regression_case(name, predicted, actual):
    predicted = np.asarray(predicted, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    expected = {
        "mae": float(metrics.mean_absolute_error(actual, predicted)),
        "rmse": float(math.sqrt(metrics.mean_squared_error(actual, predicted))),
        "mape": float(metrics.mean_absolute_percentage_error(actual, predicted)),
        "mean_error": float(np.mean(predicted - actual)),
    }
    return {
        "name": name,
        "predicted": [float(p) for p in predicted],
        "actual": [float(a) for a in actual],
        "expected": expected,
    }


def regression_cases(rng):
    cases = []
    actual = rng.normal(50, 10, size=2000)
    cases.append(regression_case("normal_errors", actual + rng.normal(0.5, 3, size=2000), actual))

    actual = np.where(rng.random(1000) < 0.1, 0.0, np.round(rng.normal(5, 2, size=1000), 2))
    cases.append(regression_case("zeros_in_actual", actual + np.round(rng.normal(0, 1, size=1000), 2), actual))

    actual = rng.lognormal(0, 2, size=1000)
    predicted = actual * rng.lognormal(0, 0.3, size=1000) + np.where(rng.random(1000) < 0.01, 1e4, 0.0)
    cases.append(regression_case("heavy_tailed", predicted, actual))

    actual = np.round(rng.uniform(-3, 3, size=50), 1)
    cases.append(regression_case("perfect_predictions", actual.copy(), actual))
    return cases


def main():
    rng = np.random.default_rng(20261128)
    document = {
        "generator": {
            "script": "make_performance_reference.py",
            "seed": 20261128,
            "numpy": np.__version__,
            "scikit_learn": sklearn.__version__,
        },
        "binary": binary_cases(rng),
        "multiclass": multiclass_cases(rng),
        "regression": regression_cases(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "performance_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
