"""Book-style numpy reference for `npm run bench`.

The classes below are the book's (Neural Networks from Scratch, chapters 9-19:
Layer_Dense, Activation_ReLU, Activation_Softmax_Loss_CategoricalCrossentropy,
Optimizer_Adam), in float32 throughout (float32 data and weights, so np.dot
runs single-precision BLAS; nnfs.init()'s float64 np.dot patch is left out so
numpy is measured at its fastest).

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
import time

import numpy as np


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
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
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


# ---- the book's classes ---------------------------------------------------


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = (0.01 * np.random.randn(n_inputs, n_neurons)).astype(np.float32)
        self.biases = np.zeros((1, n_neurons), dtype=np.float32)

    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases

    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)


class Activation_ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0


class Activation_Softmax:
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)


class Loss_CategoricalCrossentropy:
    def calculate(self, output, y):
        return np.mean(self.forward(output, y))

    def forward(self, y_pred, y_true):
        samples = len(y_pred)
        y_pred_clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        correct_confidences = y_pred_clipped[range(samples), y_true]
        return -np.log(correct_confidences)


class Activation_Softmax_Loss_CategoricalCrossentropy:
    def __init__(self):
        self.activation = Activation_Softmax()
        self.loss = Loss_CategoricalCrossentropy()

    def forward(self, inputs, y_true):
        self.activation.forward(inputs)
        self.output = self.activation.output
        return self.loss.calculate(self.output, y_true)

    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        self.dinputs = dvalues.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples


class Optimizer_Adam:
    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate * (1.0 / (1.0 + self.decay * self.iterations))

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_momentums = self.beta_1 * layer.weight_momentums + (1 - self.beta_1) * layer.dweights
        layer.bias_momentums = self.beta_1 * layer.bias_momentums + (1 - self.beta_1) * layer.dbiases
        weight_momentums_corrected = layer.weight_momentums / (1 - self.beta_1 ** (self.iterations + 1))
        bias_momentums_corrected = layer.bias_momentums / (1 - self.beta_1 ** (self.iterations + 1))
        layer.weight_cache = self.beta_2 * layer.weight_cache + (1 - self.beta_2) * layer.dweights**2
        layer.bias_cache = self.beta_2 * layer.bias_cache + (1 - self.beta_2) * layer.dbiases**2
        weight_cache_corrected = layer.weight_cache / (1 - self.beta_2 ** (self.iterations + 1))
        bias_cache_corrected = layer.bias_cache / (1 - self.beta_2 ** (self.iterations + 1))
        layer.weights += -self.current_learning_rate * weight_momentums_corrected / (np.sqrt(weight_cache_corrected) + self.epsilon)
        layer.biases += -self.current_learning_rate * bias_momentums_corrected / (np.sqrt(bias_cache_corrected) + self.epsilon)

    def post_update_params(self):
        self.iterations += 1


def spiral_data(samples, classes):
    X = np.zeros((samples * classes, 2), dtype=np.float32)
    y = np.zeros(samples * classes, dtype="uint8")
    for class_number in range(classes):
        ix = range(samples * class_number, samples * (class_number + 1))
        r = np.linspace(0.0, 1, samples)
        t = np.linspace(class_number * 4, (class_number + 1) * 4, samples) + np.random.randn(samples) * 0.2
        X[ix] = np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]
        y[ix] = class_number
    return X, y


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
