"""How busy the machine is with other work: the benchmarks share their CPUs with whatever else runs here."""

import time
from pathlib import Path

PROC_STAT = Path("/proc/stat")


def _cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies over all CPUs since boot, or None where /proc/stat does not exist."""
    try:
        first = PROC_STAT.read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return None
    # user nice system idle iowait irq softirq steal: idle and iowait are the idle ones; guest time is already
    # counted in user.
    values = [int(v) for v in first[1:9]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def busy_share(seconds: float = 1.0) -> float | None:
    """The share of all CPUs busy over the next `seconds`. Called while the harness itself is idle (no server,
    no load), it is the load other processes put on the machine, which makes every figure of the run lower."""
    before = _cpu_times()
    time.sleep(seconds)
    after = _cpu_times()
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])
