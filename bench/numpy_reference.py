"""Book-style numpy reference for `npm run bench`.

The classes are the book's (Neural Networks from Scratch, chapters 9-19:
Layer_Dense, Activation_ReLU, Activation_Softmax_Loss_CategoricalCrossentropy,
Optimizer_Adam, from scripts/fixtures/nnfs_book.py), in float32 throughout:
nnfs.init()'s float32 randn/zeros patches are applied (float32 data and weights,
so np.dot runs single-precision BLAS) but its float64 np.dot patch is left out
so numpy is measured at its fastest.

Usage: python3 bench/numpy_reference.py '<json config>'
config = {"gemm": [[m, n, k], ...], "workloads": {"W1": {...}, ...}, "repeats": 5}
Prints one JSON object: BLAS info, GEMM GFLOP/s (median), workload seconds (median),
and under "best" the fastest run of each (GFLOP/s for GEMM, seconds for workloads).
Thread count is set by the caller through OPENBLAS_NUM_THREADS.
"""
import ctypes
import json
import os
import sys

import numpy as np

from timing import run_times

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "fixtures"))
from nnfs_book import (Activation_ReLU, Activation_Softmax_Loss_CategoricalCrossentropy,  # noqa: E402
                       Layer_Dense, Optimizer_Adam, nnfs_init, spiral_data)


def blas_info():
    info = {
        "numpy": np.__version__,
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "(unset)"),
    }
    try:
        from threadpoolctl import threadpool_info

        info["threadpoolctl"] = threadpool_info()
        return info
    except ImportError:
        info["threadpoolctl"] = "not installed; OpenBLAS queried through ctypes"
    # Find the loaded OpenBLAS and ask it which kernel (core type) it picked.
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_", ""):
            for suffix in ("64_", ""):
                try:
                    corename = getattr(lib, f"{prefix}get_corename{suffix}" if prefix else f"openblas_get_corename{suffix}")
                    threads = getattr(lib, f"{prefix}get_num_threads{suffix}" if prefix else f"openblas_get_num_threads{suffix}")
                except AttributeError:
                    continue
                corename.restype = ctypes.c_char_p
                info["openblas_library"] = os.path.basename(path)
                info["openblas_core"] = corename().decode()
                info["openblas_threads"] = threads()
                return info
    return info


BEST = {}


def median_seconds(run, repeats, key=None):
    """Median seconds of `run()`; the fastest run is kept in BEST[key]."""
    times = run_times(run, repeats)
    if key is not None:
        BEST[key] = times[0]
    return times[len(times) // 2]


def gemm_gflops(m, n, k, repeats):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    flops = 2.0 * m * n * k
    calls = max(1, int(2e8 / max(flops, 1)))
    np.dot(a, b)

    def run():
        for _ in range(calls):
            np.dot(a, b)

    key = f"{m}x{n}x{k}"
    seconds = median_seconds(run, repeats, key)
    BEST[key] = flops * calls / BEST[key] / 1e9
    return flops * calls / seconds / 1e9


def train_seconds(name, sizes, batch, steps, learning_rate, decay, dataset, repeats):
    """Median seconds for `steps` book-style training steps (forward, loss, backward, Adam)."""
    np.random.seed(0)
    X, y = dataset
    batches = max(1, len(X) // batch)

    def run():
        dense = [Layer_Dense(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        relus = [Activation_ReLU() for _ in dense[:-1]]
        loss_activation = Activation_Softmax_Loss_CategoricalCrossentropy()
        optimizer = Optimizer_Adam(learning_rate=learning_rate, decay=decay)
        for step in range(steps):
            start = (step % batches) * batch
            batch_X = X[start : start + batch]
            batch_y = y[start : start + batch]
            inputs = batch_X
            for layer, relu in zip(dense[:-1], relus):
                layer.forward(inputs)
                relu.forward(layer.output)
                inputs = relu.output
            dense[-1].forward(inputs)
            loss_activation.forward(dense[-1].output, batch_y)
            loss_activation.backward(loss_activation.output, batch_y)
            dense[-1].backward(loss_activation.dinputs)
            dvalues = dense[-1].dinputs
            for layer, relu in reversed(list(zip(dense[:-1], relus))):
                relu.backward(dvalues)
                layer.backward(relu.dinputs)
                dvalues = layer.dinputs
            optimizer.pre_update_params()
            for layer in dense:
                optimizer.update_params(layer)
            optimizer.post_update_params()

    return median_seconds(run, repeats, name)


def random_dataset(samples, features, classes):
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, (samples, features)).astype(np.float32)
    y = rng.integers(0, classes, samples).astype(np.int64)
    return X, y


def main():
    nnfs_init(dot_precision_workaround=False)
    config = json.loads(sys.argv[1])
    repeats = config.get("repeats", 5)
    result = {"blas": blas_info(), "gemm": {}, "workloads": {}}
    for m, n, k in config.get("gemm", []):
        result["gemm"][f"{m}x{n}x{k}"] = gemm_gflops(m, n, k, repeats)
    for name, w in config.get("workloads", {}).items():
        sizes = w["sizes"]
        if w.get("spiral"):
            np.random.seed(0)
            dataset = spiral_data(w["spiral"], sizes[-1])
        else:
            dataset = random_dataset(w["samples"], sizes[0], sizes[-1])
        result["workloads"][name] = train_seconds(
            name,
            sizes, w["batch"], w["steps"], w["learningRate"], w["decay"], dataset, w.get("repeats", repeats)
        )
    result["best"] = BEST
    print(json.dumps(result))


if __name__ == "__main__":
    main()
