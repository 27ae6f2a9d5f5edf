"""PyTorch CPU reference for `npm run bench`.

The same workloads as bench/numpy_reference.py, written the way a PyTorch
user would: nn.Sequential of nn.Linear and nn.ReLU, F.cross_entropy (fused
log-softmax + NLL), torch.optim.Adam, float32 throughout. GEMM through
torch.mm. Threads are set with torch.set_num_threads from the config.

Usage: python3 bench/torch_reference.py '<json config>'
config = {"threads": 1, "gemm": [[m, n, k], ...], "workloads": {"W1": {...}}, "cnn": {"batch", "steps", "learningRate", "samples"}, "repeats": 1}
Prints one JSON object: torch info, GEMM GFLOP/s (median), workload seconds (median).
"""
import json
import sys

import torch
import torch.nn.functional as F

from timing import run_times


def blas_libraries():
    """The BLAS/LAPACK shared libraries this process loaded (Debian's torch uses the system's)."""
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1].rsplit("/", 2)[-2] + "/" + line.split()[-1].rsplit("/", 1)[-1]
                       for line in maps if ("blas" in line or "lapack" in line) and ".so" in line})


def median_seconds(run, repeats):
    run()  # warm-up: allocator, kernels, thread pool
    times = run_times(run, repeats)
    return times[len(times) // 2]


def gemm_gflops(m, n, k, repeats):
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(m, k, generator=generator)
    b = torch.randn(k, n, generator=generator)
    flops = 2.0 * m * n * k
    calls = max(1, int(2e8 / max(flops, 1)))

    def run():
        for _ in range(calls):
            torch.mm(a, b)

    return flops * calls / median_seconds(run, repeats) / 1e9


def training_seconds(model, X, y, batch, steps, learning_rate, repeats):
    """Median seconds for `steps` training steps (forward, cross-entropy, backward, Adam) in batches of X, y."""
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    batches = max(1, len(X) // batch)

    def run():
        for step in range(steps):
            start = (step % batches) * batch
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(X[start : start + batch]), y[start : start + batch])
            loss.backward()
            optimizer.step()

    return median_seconds(run, repeats)


def train_seconds(sizes, batch, steps, learning_rate, dataset, repeats):
    """An MLP of Linear and ReLU layers (W1-W3)."""
    torch.manual_seed(0)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return training_seconds(torch.nn.Sequential(*layers), *dataset, batch, steps, learning_rate, repeats)


def cnn_train_seconds(batch, steps, learning_rate, samples, repeats):
    """W4: the small Fashion-MNIST CNN (NCHW, PyTorch's native layout)."""
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)
    X = torch.rand(samples, 1, 28, 28, generator=generator) * 2 - 1
    y = torch.randint(0, 10, (samples,), generator=generator)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(800, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10),
    )
    return training_seconds(model, X, y, batch, steps, learning_rate, repeats)


def main():
    config = json.loads(sys.argv[1])
    torch.set_num_threads(config.get("threads", 1))
    repeats = config.get("repeats", 1)
    result = {
        "torch": {"version": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_libraries()},
        "gemm": {},
        "workloads": {},
    }
    for m, n, k in config.get("gemm", []):
        result["gemm"][f"{m}x{n}x{k}"] = gemm_gflops(m, n, k, repeats)
    for name, w in config.get("workloads", {}).items():
        sizes = w["sizes"]
        generator = torch.Generator().manual_seed(1)
        X = torch.rand(w["samples"], sizes[0], generator=generator) * 2 - 1
        y = torch.randint(0, sizes[-1], (w["samples"],), generator=generator)
        result["workloads"][name] = train_seconds(sizes, w["batch"], w["steps"], w["learningRate"], (X, y), repeats)
    if "cnn" in config:
        c = config["cnn"]
        result["cnn"] = cnn_train_seconds(c["batch"], c["steps"], c["learningRate"], c["samples"], repeats)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
