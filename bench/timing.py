"""Timing shared by the Python peers of `npm run bench`."""
import time


def run_times(run, repeats):
    """Seconds of `repeats` calls of `run()`, fastest first."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return sorted(times)
