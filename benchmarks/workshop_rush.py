"""The workshop rush: 40 participants open each app in the same second, on the workshop server
(`humaskit workshop`) and on plain `voila NOTEBOOK` serving the same notebook, in one run.

    python benchmarks/workshop_rush.py [--participants 40] [--apps 01,02,03] [--skip-plain]

For each app, one server at a time (a copy of apps/ in a temporary folder):
  * time to a usable page, per participant: the page's HTML complete, the kernel websocket open
    (protocol v1), the widget control comm opened and every widget's state received, which is what
    the browser's widget manager waits for before it draws the widgets. Each participant connects
    from its own loopback address (127.0.0.10, .11, ...), so the per-client limits apply as in a
    room. p50, p95 and max, workshop beside plain Voila, and the ratio of the p95s;
  * widget interaction round trip: one widget message (app 01: click "Gabung"; 02: choose another
    agency; 03: move the first likelihood slider) until the kernel reports idle for it; the 40
    participants interact one after another over 5 s, as a room does, not in the same millisecond.
    App 03 draws its steps 2-5 only once a table has joined: each participant there first joins
    the session the benchmark created (session code and table name typed, "Gabung" clicked; that
    round trip is reported as "join"), then moves the slider;
  * memory of every participant kernel after the interaction (RSS and PSS, from /proc), and of the
    server process;
  * how long the workshop server took to preheat its pool.
Then the largest room one 24 GB machine holds for all four apps, from the measured memory.
Targets (issue 13): p95 <= 1 s for 40, >= 20x faster than plain Voila, <= 120 MB per participant
kernel, interaction p95 <= 250 ms. Writes benchmarks/results/workshop_rush.txt.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from humaskit.workshop.limits import V1_PROTOCOL

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from services import free_port, stop_tree  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "workshop_rush.txt"
MACHINE_GB = 24
HEADROOM_GB = 2  # the operating system, the browser of the facilitator, the desktop
# The interaction each app's participants make: (widget model name, description, message data).
INTERACTIONS = {  # (widget model, state key and value that find it, message), light and frequent ones
    "01": (
        "ButtonModel",
        "description",
        "Gabung",
        {"method": "custom", "content": {"event": "click"}},
    ),
    "02": (
        "DropdownModel",
        "description",
        "Instansi:",
        {"method": "update", "state": {"index": 1}, "buffer_paths": []},
    ),
    "03": (
        "IntSliderModel",
        "description",
        "Kemungkinan",
        {"method": "update", "state": {"value": 4}, "buffer_paths": []},
    ),
}
# Apps whose interaction needs the table to have joined first (the widget is drawn after joining).
JOIN_FIRST = {"03"}
SPREAD_S = 5.0  # participants interact one after another over this many seconds, as a room does
PLAIN_TIMEOUT_S = 900  # how long a participant of plain Voila waits for a usable page


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> str:
    if not values:
        return "no values"
    return (
        f"p50 {percentile(values, 50):.3f} s, p95 {percentile(values, 95):.3f} s, "
        f"max {max(values):.3f} s (n={len(values)})"
    )


# --- one participant -----------------------------------------------------------------------------


def v1_message(msg_type: str, content: dict, metadata: dict | None = None) -> tuple[str, bytes]:
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "msg_type": msg_type,
        "session": uuid.uuid4().hex,
        "username": "peserta",
        "version": "5.3",
        "date": "2026-01-01T00:00:00Z",
    }
    parts = [json.dumps(p).encode() for p in (header, {}, metadata or {}, content)]
    return msg_id, serialize_msg_to_ws_v1(parts, "shell")


def v1_parse(data: bytes) -> tuple[str, dict, dict, dict]:
    count = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    part = [data[offsets[i] : offsets[i + 1]] for i in range(min(5, count - 1))]
    channel = part[0].decode()
    header, parent, _metadata, content = (json.loads(p) for p in part[1:5])
    return channel, header, parent, content


async def until_idle(ws, sent_id: str, timeout: float, opened: dict | None = None) -> float:
    """Read the kernel websocket until the kernel is idle after message ``sent_id``; the seconds it
    took. ``opened`` collects the state of every widget the kernel opened meanwhile, by comm id."""
    sent = time.monotonic()
    while True:
        data = await asyncio.wait_for(ws.read_message(), timeout)
        if data is None:
            raise RuntimeError("the kernel websocket closed")
        if isinstance(data, bytes):
            _channel, header, parent, content = v1_parse(data)
            if header["msg_type"] == "comm_open" and opened is not None:
                opened[content["comm_id"]] = {
                    "model_name": content["data"]["state"].get("_model_name"),
                    "state": content["data"]["state"],
                }
            if (
                header["msg_type"] == "status"
                and parent.get("msg_id") == sent_id
                and content.get("execution_state") == "idle"
            ):
                return time.monotonic() - sent


def find_widget(states: dict, model_name: str, key: str, value) -> str | None:
    return next(
        (
            wid
            for wid, s in states.items()
            if s.get("model_name") == model_name and s.get("state", {}).get(key) == value
        ),
        None,
    )


async def join(ws, states: dict, session_code: str, name: str, timeout: float) -> float:
    """Type the session code (when the app asks for one) and a table name, click "Gabung"; the
    click's round trip. The widgets the app draws after joining are added to ``states``."""
    for placeholder, value in (("mis. K7P2QX", session_code), ("nama meja", name)):
        field = find_widget(states, "TextModel", "placeholder", placeholder)
        if field:
            sent_id, update = v1_message(
                "comm_msg",
                {
                    "comm_id": field,
                    "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
                },
            )
            await ws.write_message(update, binary=True)
            await until_idle(ws, sent_id, timeout)
    button = find_widget(states, "ButtonModel", "description", "Gabung")
    if button is None:
        raise RuntimeError("no Gabung button")
    sent_id, click = v1_message(
        "comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}}
    )
    await ws.write_message(click, binary=True)
    return await until_idle(ws, sent_id, timeout, opened=states)


async def participant(
    base: str,
    app: str,
    source_ip: str,
    start: asyncio.Event,
    timeout: float,
    page_url: str | None = None,
    spread: float = 0.0,
    session_code: str = "",
) -> dict:
    """Open ``app`` as one participant; the times it took and the kernel it got. ``page_url``: where
    the page is when not at /voila/render/<app> (plain `voila NOTEBOOK` serves it at /)."""
    await start.wait()
    started = time.monotonic()
    client = AsyncHTTPClient()
    page = await client.fetch(
        HTTPRequest(
            page_url or f"{base}/voila/render/{app}",
            network_interface=source_ip,
            request_timeout=timeout,
            connect_timeout=timeout,
        )
    )
    html = page.body.decode("utf-8", errors="replace")
    kernel_id = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )["kernelId"]
    html_done = time.monotonic() - started
    url = f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
    ws = await websocket_connect(
        HTTPRequest(url, network_interface=source_ip, request_timeout=timeout, connect_timeout=timeout),
        subprotocols=[V1_PROTOCOL],
        max_message_size=64 * 1024 * 1024,
    )
    comm = uuid.uuid4().hex
    _, opening = v1_message(
        "comm_open",
        {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
        {"version": "1.0.0"},
    )
    await ws.write_message(opening, binary=True)
    _, request = v1_message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
    await ws.write_message(request, binary=True)
    states = None
    while states is None:
        data = await asyncio.wait_for(ws.read_message(), timeout)
        if data is None:
            raise RuntimeError("the kernel websocket closed")
        if isinstance(data, bytes):
            _channel, header, _parent, content = v1_parse(data)
            if header["msg_type"] == "comm_msg" and content.get("comm_id") == comm:
                states = content["data"].get("states", {})
    usable = time.monotonic() - started
    widgets_at_open = len(states)
    await asyncio.sleep(spread)
    joined = None
    if app[:2] in JOIN_FIRST:
        joined = await join(ws, states, session_code, f"meja {source_ip.rsplit('.', 1)[-1]}", timeout)
    # One interaction: the widget the app's participants touch first, until the kernel is idle again.
    model_name, key, value, message = INTERACTIONS[app[:2]]
    target = find_widget(states, model_name, key, value)
    round_trip = None
    if target:
        sent_id, update = v1_message("comm_msg", {"comm_id": target, "data": message})
        await ws.write_message(update, binary=True)
        round_trip = await until_idle(ws, sent_id, timeout)
    return {
        "html": html_done,
        "usable": usable,
        "round_trip": round_trip,
        "kernel_id": kernel_id,
        "ws": ws,
        "widgets": widgets_at_open,
        "join": joined,
    }


async def rush(
    base: str, app: str, n: int, timeout: float, session_code: str = ""
) -> tuple[list[dict], list[str]]:
    AsyncHTTPClient.configure(None, max_clients=4 * n)
    start = asyncio.Event()
    tasks = [
        asyncio.create_task(
            participant(
                base,
                app,
                f"127.0.0.{10 + i}",
                start,
                timeout,
                spread=i * SPREAD_S / n,
                session_code=session_code,
            )
        )
        for i in range(n)
    ]
    await asyncio.sleep(0.2)
    start.set()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    results = [r for r in done if isinstance(r, dict)]
    errors = [f"{type(r).__name__}: {str(r)[:200]}" for r in done if not isinstance(r, dict)]
    return results, errors


# --- servers -------------------------------------------------------------------------------------


def memory(pid: int) -> dict[int, tuple[float, float]]:
    """RSS and PSS in MB of each process under ``pid`` (kernels), and of ``pid`` itself as key 0."""
    found = {}
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        key = 0 if proc.pid == pid else proc.pid
        found[key] = (info.rss / 2**20, getattr(info, "pss", info.rss) / 2**20)
    return found


def kernel_pids(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def start_workshop(
    folder: Path, app: str, n: int, env: dict, log: Path
) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "humaskit.cli",
                "workshop",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--participants",
                str(n),
                "--apps",
                app[:2],
            ],
            cwd=folder.parent,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        while f"Kernel pool of {app} is filled" not in log.read_text(encoding="utf-8", errors="replace"):
            if proc.poll() is not None or time.monotonic() - started > 1800:
                raise RuntimeError("the workshop server did not fill its pool:\n" + log.read_text()[-3000:])
            time.sleep(1)
    except BaseException:
        stop_tree(proc)
        raise
    return proc, f"http://127.0.0.1:{port}", time.monotonic() - started


def start_plain(folder: Path, app: str, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                str(folder / app),
            ],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, base
        except OSError:
            time.sleep(0.5)
    stop_tree(proc)
    raise RuntimeError("plain voila did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--apps", default="01,02,03")
    parser.add_argument("--skip-plain", action="store_true")
    args = parser.parse_args()
    n = args.participants
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="workshop-rush-"))
    folder = work / "apps"
    folder.mkdir()
    for app in sorted((ROOT / "apps").glob("*.ipynb")):
        shutil.copy2(app, folder / app.name)
    env = {
        **os.environ,
        "HUMASKIT_APPS": str(folder),
        "HUMASKIT_DATA": str(ROOT / "datasets"),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "HUMASKIT_WORKSHOP_DIR": str(work / "room"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    wanted = [a.strip() for a in args.apps.split(",") if a.strip()]
    apps = [p.name for p in sorted(folder.glob("[0-9][0-9]-*.ipynb")) if p.name[:2] in wanted]
    lines = [
        f"# Workshop rush: {n} participants at once per app (benchmarks/workshop_rush.py)",
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GB; "
        f"load average at start {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f} "
        "(1/5/15 min): the machine is shared with other developers' builds and tests, so every "
        "time below is slower than on a quiet machine",
        "usable = page HTML complete + kernel websocket open + every widget state received "
        "(what the browser's widget manager waits for); measured with a protocol client, "
        "one loopback address per participant",
        "",
    ]
    kernel_memory: dict[str, list[tuple[float, float]]] = {}
    server_memory: list[float] = []
    failures = 0
    for app in apps:
        print(f"{app}: workshop server, preheating {n} kernels ...", flush=True)
        proc, base, preheat = start_workshop(folder, app, n, env, work / f"workshop-{app}.log")
        try:
            time.sleep(2)
            session_code = room_session(work / "room")
            results, errors, mem = asyncio.run(
                measured(rush(base, app, n, timeout=600, session_code=session_code), proc.pid)
            )
            used = {r["kernel_id"] for r in results}
            pids = {p.pid: p for p in kernel_pids(proc.pid)}
            per_kernel = [
                mem[pid]
                for pid, p in pids.items()
                if pid in mem and any(k in " ".join(p.cmdline()) for k in used)
            ]
            kernel_memory[app] = per_kernel
            server_memory.append(mem.get(0, (0, 0))[0])
        finally:
            stop_tree(proc)
        workshop_usable = [r["usable"] for r in results]
        workshop_rt = [r["round_trip"] for r in results if r["round_trip"] is not None]
        workshop_join = [r["join"] for r in results if r["join"] is not None]
        widgets_at_open = sorted({r["widgets"] for r in results})
        plain_usable: list[float] = []
        plain_rt: list[float] = []
        plain_errors: list[str] = []
        if not args.skip_plain:
            print(f"{app}: plain voila, {n} participants at once ...", flush=True)
            pproc, pbase = start_plain(folder, app, env, work / f"plain-{app}.log")
            try:
                time.sleep(2)
                presults, plain_errors, _ = asyncio.run(measured(rush_plain(pbase, app, n), pproc.pid))
                plain_usable = [r["usable"] for r in presults]
                plain_rt = [r["round_trip"] for r in presults if r["round_trip"] is not None]
            finally:
                stop_tree(pproc)
        what = f"{INTERACTIONS[app[:2]][0]} {INTERACTIONS[app[:2]][2]!r}"
        rss = [m[0] for m in kernel_memory[app]]
        pss = [m[1] for m in kernel_memory[app]]
        failures += len(errors)
        lines += [
            f"## {app}",
            f"workshop server: pool of {n} preheated in {preheat:.0f} s (2 kernels starting at a time)",
            f"  usable page:   {summary(workshop_usable)}; errors {len(errors)}",
            f"  page HTML:     {summary([r['html'] for r in results])}",
            f"  widget states at open: {', '.join(map(str, widgets_at_open)) or 'none'} "
            "(models, layouts and styles)",
            f"  interaction:   {summary(workshop_rt)} ({what}, spread over {SPREAD_S:.0f} s)",
            *(
                [
                    f"  join:          {summary(workshop_join)} "
                    "(session code and table name typed, then 'Gabung')"
                ]
                if workshop_join
                else []
            ),
            f"  kernel memory: RSS median {statistics.median(rss):.0f} MB, max {max(rss):.0f} MB; "
            f"PSS median {statistics.median(pss):.0f} MB, max {max(pss):.0f} MB ({len(rss)} kernels)"
            if rss
            else "  kernel memory: not measured",
        ]
        if errors:
            lines.append(f"  first errors: {errors[:3]}")
        if not args.skip_plain:
            if len(plain_usable) >= 0.95 * n and workshop_usable:
                ratio = f"{percentile(plain_usable, 95) / percentile(workshop_usable, 95):.0f}x"
            elif workshop_usable:  # more than 5 % never became usable: their time is at least the timeout
                ratio = (
                    f"> {PLAIN_TIMEOUT_S / percentile(workshop_usable, 95):.0f}x (p95 > {PLAIN_TIMEOUT_S} s)"
                )
            else:
                ratio = "not measured"
            lines += [
                f"plain `voila {app}` (the reference):",
                f"  usable page:   {summary(plain_usable)}; errors {len(plain_errors)} "
                f"(a participant waits at most {PLAIN_TIMEOUT_S} s)",
                f"  interaction:   {summary(plain_rt)}",
                f"  p95 ratio plain / workshop: {ratio}",
            ]
            if plain_errors:
                lines.append(f"  first errors: {plain_errors[:3]}")
        lines.append("")
        print("\n".join(lines[-12:]), flush=True)
    # The largest room: every participant holds one kernel in each participant app at once, each app
    # keeps max(2, N // 10) kernels waiting after the rush, the dashboard holds 2 kernels.
    if kernel_memory:
        worst_pss = {app: max(m[1] for m in mem) for app, mem in kernel_memory.items() if mem}
        per_participant = sum(worst_pss.values())
        server = max(server_memory) if server_memory else 150.0
        dashboard = 2 * max(worst_pss.values())  # the room's dashboard app: measured when it exists
        budget = (MACHINE_GB - HEADROOM_GB) * 1024 - server - dashboard
        room = 0
        while (room + 1 + max(2, (room + 1) // 10)) * per_participant <= budget:
            room += 1
        lines += [
            "## Largest room on one 24 GB machine, all four apps",
            f"per participant (one kernel in each of {len(worst_pss)} apps, largest PSS measured): "
            f"{per_participant:.0f} MB; server {server:.0f} MB; dashboard 2 kernels; "
            f"{HEADROOM_GB} GB left to the system; each app keeps max(2, N/10) kernels waiting",
            f"largest room: {room} participants (PSS; with RSS, which counts shared libraries "
            f"once per kernel, fewer)",
            "",
        ]
    load_after = os.getloadavg()
    lines.append(f"load average at end {load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"written: {RESULT}")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


def room_session(folder: Path) -> str:
    """A session in the workshop server's store (its data folder ``folder``), for the apps whose
    participants join before they interact; its code."""
    from humaskit.workshop.store import Store

    store = Store(f"sqlite:///{(folder / 'lokakarya.sqlite').resolve()}")
    try:
        return store.create_session("Uji serbuan").code
    finally:
        store.close()


async def measured(rushing, pid: int) -> tuple[list[dict], list[str], dict]:
    """The rush's results, the memory of the server's processes while every participant is still
    connected, then the participants' websockets closed."""
    results, errors = await rushing
    mem = memory(pid)
    for r in results:
        r["ws"].close()
    await asyncio.sleep(0.5)
    return results, errors, mem


async def rush_plain(base: str, app: str, n: int) -> tuple[list[dict], list[str]]:
    """Plain `voila NOTEBOOK` serves the notebook at /: the same participant, another path."""
    AsyncHTTPClient.configure(None, max_clients=4 * n)
    start = asyncio.Event()

    async def one(i: int) -> dict:
        return await participant_at(
            base + "/", app, f"127.0.0.{10 + i}", start, PLAIN_TIMEOUT_S, i * SPREAD_S / n
        )

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await asyncio.sleep(0.2)
    start.set()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    return (
        [r for r in done if isinstance(r, dict)],
        [f"{type(r).__name__}: {str(r)[:200]}" for r in done if not isinstance(r, dict)],
    )


async def participant_at(
    page_url: str, app: str, source_ip: str, start: asyncio.Event, timeout: float, spread: float
) -> dict:
    return await participant(
        page_url.rstrip("/"), app, source_ip, start, timeout, page_url=page_url, spread=spread
    )


if __name__ == "__main__":
    sys.exit(main())
