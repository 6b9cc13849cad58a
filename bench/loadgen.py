"""Load generators: wrk when it is installed, otherwise a Python generator in separate processes.

Both run for a fixed time, only against 127.0.0.1/localhost, and return the same `LoadResult`, so a scenario
never knows which one measured it. They run outside the server's processes on purpose: a load generator
inside a gunicorn worker would steal the CPU it is measuring."""

import asyncio
import multiprocessing
import random
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Self
from urllib.parse import urlsplit

PERCENTILES = (50, 90, 95, 99)
# A request slower than this counts as an error rather than a latency; long enough that a slow page still
# shows up in the percentiles (wrk's own default, 2 s, would silently drop it).
REQUEST_TIMEOUT_S = 10
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})

# Called with the seconds elapsed while a run is in progress, to move a progress bar.
Tick = Callable[[float], None]


class LoadError(Exception):
    """The load generator itself failed (not the server being slow)."""


@dataclass(frozen=True)
class LoadSpec:
    """What every connection requests. With several paths each request picks one at random (e.g. random keys
    over a large table, so the measurement is not one hot row); likewise with several `bodies` (e.g. distinct
    records to create), independently of the path."""

    paths: tuple[str, ...]
    method: str = "GET"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    bodies: tuple[bytes, ...] = ()  # instead of `body`: each request sends one of these at random
    # Concurrent connections for this spec; None = the load generator's default (32, to saturate the server).
    # A page's response time is measured with as many connections as server workers: a person waiting for a
    # page, not a queue behind 31 others.
    connections: int | None = None

    def __post_init__(self) -> None:
        if not self.paths or not all(p.startswith("/") for p in self.paths):
            raise ValueError("LoadSpec needs at least one path, each starting with '/'")
        if self.body and self.bodies:
            raise ValueError("LoadSpec takes either one body or several bodies, not both")

    @classmethod
    def get(cls, *paths: str, headers: Sequence[tuple[str, str]] = ()) -> Self:
        return cls(paths=tuple(paths), headers=tuple(headers))

    @classmethod
    def post(cls, *paths: str, bodies: Sequence[bytes], headers: Sequence[tuple[str, str]] = ()) -> Self:
        """POSTs of one of `bodies` (one is enough) at random."""
        return cls(paths=tuple(paths), method="POST", bodies=tuple(bodies), headers=tuple(headers))

    @property
    def first_body(self) -> bytes:
        """The body of the check request before a run."""
        return self.bodies[0] if self.bodies else self.body


@dataclass(frozen=True)
class LoadResult:
    tool: str
    seconds: float  # the measured window
    requests: int  # completed responses, whatever their status (as wrk counts them)
    failed: int  # responses outside 2xx/3xx
    errors: int  # connection errors and timeouts
    percentiles_ms: dict[int, float]  # latency at each of PERCENTILES

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def error_rate(self) -> float:
        attempts = self.requests + self.errors
        return (self.failed + self.errors) / attempts if attempts else 1.0

    def percentile(self, p: int) -> float:
        return self.percentiles_ms[p]


class LoadGenerator(Protocol):
    name: str

    def describe(self) -> str: ...

    def run(self, base_url: str, spec: LoadSpec, seconds: int, tick: Tick) -> LoadResult: ...


def local_address(base_url: str) -> tuple[str, int]:
    """(host, port) of a server on this machine; anything else is refused, so a typo cannot load a real site."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS or parts.port is None:
        raise LoadError(f"the load generators only target http://127.0.0.1:<port>, not {base_url!r}")
    return parts.hostname, parts.port


# --- wrk ----------------------------------------------------------------------------------------------------


def _lua_string(text: str | bytes) -> str:
    """A Lua string literal for any bytes: decimal escapes are the one form Lua 5.1/LuaJIT reads everywhere."""
    raw = text.encode() if isinstance(text, str) else text
    out = []
    for byte in raw:
        char = chr(byte)
        # Always three digits: a quote (\34) followed by the digit 1 would otherwise read as \341.
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


def wrk_script(spec: LoadSpec) -> str:
    """The Lua script for one run. `done` prints one machine-readable line so nothing depends on parsing wrk's
    human output (units that switch between us/ms/s) and p95 is available, which `--latency` does not print."""
    lines = ["-- generated by bench/loadgen.py", f"wrk.method = {_lua_string(spec.method)}"]
    if spec.first_body:
        lines.append(f"wrk.body = {_lua_string(spec.first_body)}")
    lines += [f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in spec.headers]
    if len(spec.paths) > 1 or len(spec.bodies) > 1:
        # A `request` function makes wrk build every request in Lua, which costs client CPU: only when needed.
        bodies = spec.bodies or (spec.body,)
        lines += [
            "local paths = {" + ", ".join(_lua_string(p) for p in spec.paths) + "}",
            "local bodies = {" + ", ".join(_lua_string(b) for b in bodies) + "}",
            "local next_thread = 0",
            "function setup(thread)",
            "  thread:set('thread_number', next_thread)",
            "  next_thread = next_thread + 1",
            "end",
            "function init(args)",
            "  math.randomseed(os.time() * 1000 + thread_number)",
            "end",
            "function request()",
            "  local body = bodies[math.random(#bodies)]",
            "  if body == '' then body = nil end",
            "  return wrk.format(nil, paths[math.random(#paths)], nil, body)",
            "end",
        ]
    fields = ", ".join(f"latency:percentile({p})" for p in PERCENTILES)
    names = " ".join(f"p{p}_us=%.0f" for p in PERCENTILES)
    lines += [
        "function done(summary, latency, requests)",
        "  local e = summary.errors",
        "  io.write(string.format(",
        f'    "GANDAN_BENCH requests=%.0f duration_us=%.0f connect=%.0f read=%.0f write=%.0f status=%.0f'
        f' timeout=%.0f {names}\\n",',
        "    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,",
        f"    {fields}))",
        "end",
    ]
    return "\n".join(lines) + "\n"


def parse_wrk(output: str) -> LoadResult:
    line = next((ln for ln in output.splitlines() if ln.startswith("GANDAN_BENCH ")), None)
    if line is None:
        raise LoadError(f"wrk printed no result line:\n{output[-2000:]}")
    values = {key: float(value) for key, value in (item.split("=", 1) for item in line.split()[1:])}
    return LoadResult(
        tool="wrk",
        seconds=values["duration_us"] / 1e6,
        requests=int(values["requests"]),
        failed=int(values["status"]),
        errors=int(values["connect"] + values["read"] + values["write"] + values["timeout"]),
        # No response within the run: wrk prints 0 for every percentile, which would read as "instant".
        percentiles_ms={
            p: values[f"p{p}_us"] / 1000 if values["requests"] else float("nan") for p in PERCENTILES
        },
    )


@dataclass(frozen=True)
class Wrk:
    binary: str
    threads: int = 2
    connections: int = 32
    name: str = "wrk"

    def describe(self) -> str:
        return f"wrk -t{self.threads} -c{self.connections}"

    def run(self, base_url: str, spec: LoadSpec, seconds: int, tick: Tick) -> LoadResult:
        local_address(base_url)
        with tempfile.TemporaryDirectory(prefix="gandan-wrk-") as tmp:
            script = Path(tmp) / "bench.lua"
            script.write_text(wrk_script(spec))
            output = Path(tmp) / "wrk.out"
            connections = spec.connections or self.connections
            command = [
                self.binary, f"-t{min(self.threads, connections)}", f"-c{connections}", f"-d{seconds}s",
                f"--timeout={REQUEST_TIMEOUT_S}s", "--latency", "-s", str(script), base_url + spec.paths[0],
            ]  # fmt: skip
            with output.open("w") as sink:
                process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
                try:
                    _wait(process, seconds, tick)
                finally:
                    # Interrupted (Ctrl+C, SIGTERM): wrk would otherwise keep loading a server being stopped.
                    if process.poll() is None:
                        process.kill()
                        process.wait()
            text = output.read_text()
        if process.returncode != 0:
            raise LoadError(f"wrk exited with {process.returncode}:\n{text[-2000:]}")
        return parse_wrk(text)


def _wait(process: subprocess.Popen[bytes], seconds: int, tick: Tick) -> None:
    # wrk stops itself after -d; the margin covers its start and the last in-flight requests, and the hard
    # limit keeps a wedged client from hanging `make bench`.
    started = time.monotonic()
    limit = seconds + REQUEST_TIMEOUT_S + 20
    while process.poll() is None:
        elapsed = time.monotonic() - started
        if elapsed > limit:
            raise LoadError(f"wrk did not finish within {limit} s")
        tick(elapsed)
        time.sleep(0.25)


# --- Python fallback -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ProcessResult:
    seconds: float
    requests: int
    failed: int
    errors: int
    latencies_s: list[float]


class _Counts:
    def __init__(self) -> None:
        self.requests = self.failed = self.errors = 0
        self.latencies: list[float] = []


def _request_bytes(host: str, port: int, spec: LoadSpec, path: str, body: bytes) -> bytes:
    head = [f"{spec.method} {path} HTTP/1.1", f"Host: {host}:{port}", "Accept-Encoding: identity"]
    head += [f"{name}: {value}" for name, value in spec.headers]
    if body or spec.method not in ("GET", "HEAD"):
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, whether the server keeps the connection open), the body read and dropped."""
    status_line = await reader.readline()
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        raise ValueError(f"not an HTTP response: {status_line[:80]!r}")
    status, length, chunked, close = int(parts[1]), None, False, parts[0] == b"HTTP/1.0"
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value
        elif name == b"connection":
            close = value == b"close"
    if chunked:
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        while (await reader.readline()) not in (b"\r\n", b"\n", b""):
            pass
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()  # until the server closes
        close = True
    return status, not close


async def _connection(
    host: str, port: int, spec: LoadSpec, end_at: float, seed: int, counts: _Counts
) -> None:
    rng = random.Random(seed)
    bodies = spec.bodies or (spec.body,)
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.time() < end_at:
        path = spec.paths[0] if len(spec.paths) == 1 else rng.choice(spec.paths)
        body = bodies[0] if len(bodies) == 1 else rng.choice(bodies)
        request = _request_bytes(host, port, spec, path, body)
        sent = time.perf_counter()
        try:
            if writer is None:
                # gunicorn's sync workers close the connection after every response: a new one each time, as
                # wrk does.
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(host, port), REQUEST_TIMEOUT_S
                )
            writer.write(request)
            status, keep = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT_S)  # type: ignore[arg-type]
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            counts.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.01)  # a refusing server would otherwise turn this loop into a busy spin
            continue
        counts.latencies.append(time.perf_counter() - sent)
        counts.requests += 1
        if not 200 <= status < 400:
            counts.failed += 1
        if not keep:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _connections(
    host: str, port: int, spec: LoadSpec, start_at: float, end_at: float, count: int, seed: int
) -> _Counts:
    counts = _Counts()
    await asyncio.sleep(max(0.0, start_at - time.time()))
    await asyncio.gather(
        *(_connection(host, port, spec, end_at, seed * 1000 + n, counts) for n in range(count))
    )
    return counts


def _load_process(
    host: str, port: int, spec: LoadSpec, start_at: float, seconds: int, connections: int, seed: int
) -> _ProcessResult:
    """One client process: `connections` concurrent connections on one asyncio loop (threads would spend more
    CPU on the GIL than on the requests: the machine's CPUs are shared with the server being measured). Runs in a
    spawned child, so it must be importable and touch nothing but the network."""
    counts = asyncio.run(_connections(host, port, spec, start_at, start_at + seconds, connections, seed))
    return _ProcessResult(float(seconds), counts.requests, counts.failed, counts.errors, counts.latencies)


def percentiles_ms(latencies_s: Sequence[float]) -> dict[int, float]:
    """Nearest-rank percentiles, in milliseconds."""
    if not latencies_s:
        return {p: float("nan") for p in PERCENTILES}
    ordered = sorted(latencies_s)
    last = len(ordered) - 1
    return {p: ordered[min(last, max(0, -(-p * len(ordered) // 100) - 1))] * 1000 for p in PERCENTILES}


@dataclass(frozen=True)
class PythonLoad:
    processes: int = 2
    connections: int = 16  # per process
    name: str = "python"

    def describe(self) -> str:
        return f"python {self.processes} processes × {self.connections} connections (asyncio)"

    def run(self, base_url: str, spec: LoadSpec, seconds: int, tick: Tick) -> LoadResult:
        host, port = local_address(base_url)
        # spawn, not fork: the harness process has Django set up and an open database connection that a
        # forked child must not inherit.
        context = multiprocessing.get_context("spawn")
        # Every connection starts at the same instant, after the children have had time to start.
        start_at = time.time() + 1.5
        started = time.monotonic()
        processes, connections = (
            (1, spec.connections) if spec.connections else (self.processes, self.connections)
        )
        with context.Pool(processes) as pool:
            pending = pool.starmap_async(
                _load_process,
                [(host, port, spec, start_at, seconds, connections, n) for n in range(processes)],
            )
            limit = seconds + REQUEST_TIMEOUT_S + 20
            while not pending.ready():
                elapsed = time.monotonic() - started
                if elapsed > limit:
                    pool.terminate()
                    raise LoadError(f"the Python load generator did not finish within {limit} s")
                tick(max(0.0, elapsed - 1.5))
                pending.wait(0.25)
            parts: list[_ProcessResult] = pending.get()
        return LoadResult(
            tool="python",
            # All connections share one window (start_at .. start_at + seconds), so the counts simply add up.
            seconds=float(seconds),
            requests=sum(p.requests for p in parts),
            failed=sum(p.failed for p in parts),
            errors=sum(p.errors for p in parts),
            percentiles_ms=percentiles_ms([lat for p in parts for lat in p.latencies_s]),
        )
