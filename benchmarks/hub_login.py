"""The room's JupyterHub under a login rush: login-to-running time and memory per trainee.

    python benchmarks/hub_login.py [--trainees 10 [20 ...]]

Runs tests/hubrun.py's room twice on a real JupyterHub (configurable-http-proxy, the room's
configuration with a dummy login and local process spawner, PostgreSQL for the hub and the
gradebook): first one trainee alone (the reference: no contention), then each room of TRAINEES
trainees and a trainer logging in at the same moment. Each trainee logs in, their server starts, nbgitpuller
delivers the material, a module notebook runs through the kernel API and a Voila app opens through
the hub; then the whole nbgrader cycle (generate, release, fetch, submit, collect, autograde).

Figures: login to running server per trainee (median, max), beside the lone trainee's; the other
phases; memory per trainee (server + notebook kernel + Voila kernel; RSS and PSS, where PSS shares
the libraries fairly between processes). Targets: every server running within 60 s of its login
with TRAINEES at once on this 2-core machine; memory per trainee (PSS) within the guarantee of
deploy/nasional/values.yaml. Writes benchmarks/results/hub.txt; exits 1 when a target is missed.
The machine is shared with other work: the load average before and after is recorded.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    dict.fromkeys([str(ROOT / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]))
os.environ.setdefault("MPLBACKEND", "Agg")

import hubrun  # noqa: E402
import yaml  # noqa: E402
from services import postgres  # noqa: E402
from support import solution_answers  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "hub.txt"
TARGET_LOGIN_SECONDS = 60


def play(url: str, count: int, tag: str) -> hubrun.Room:
    gradebook = hubrun.create_database(url, f"gradebook_{tag}")
    hub_db = hubrun.create_database(url, f"jupyterhub_{tag}")
    key = solution_answers(ROOT / "solutions" / hubrun.ASSIGNMENT / f"{hubrun.ASSIGNMENT}.ipynb")
    trainees = [hubrun.Trainee(f"peserta{i:02d}", key if i % 2 else None) for i in range(1, count + 1)]
    with hubrun.running_hub(gradebook, hub_db) as hub:
        return hubrun.room_cycle(hub, trainees, gradebook)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, nargs="+", default=[10],
                        help="room sizes to play after the lone trainee (e.g. 10 20)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    started = time.monotonic()
    with postgres() as url:
        alone = play(url, 1, "alone")
        rooms = [(count, play(url, count, f"room{count}")) for count in args.trainees]
    load_after = os.getloadavg()
    guarantee = yaml.safe_load((ROOT / "deploy" / "nasional" / "values.yaml").read_text(encoding="utf-8"))[
        "singleuser"]["memory"]["guarantee"]
    guarantee_mb = float(guarantee.rstrip("MG")) * (1000 if guarantee.endswith("G") else 1) * 1e6 / 2**20
    reference = alone.trainees[0]
    lines = [
        "# benchmarks/hub_login.py: the room's JupyterHub under a login rush",
        f"date (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}; machine: {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}; jupyterhub {version('jupyterhub')}, "
        f"nbgrader {version('nbgrader')}, voila {version('voila')}, nbgitpuller {version('nbgitpuller')}",
        f"load average before {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f}, after "
        f"{load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f} (the machine is shared with "
        "other work: times vary with it; memory does not)",
        "source: a real JupyterHub + configurable-http-proxy on 127.0.0.1, the room's configuration, "
        "simulated trainees (tests/hubrun.py); PostgreSQL for hub and gradebook",
        "",
        "## reference: one trainee alone",
        f"login to running server {reference.login_to_running:.1f} s; "
        f"nbgitpuller {reference.pull_seconds:.1f} s; "
        f"module notebook {reference.notebook_seconds:.1f} s; Voila app {reference.voila_seconds:.1f} s; "
        f"memory RSS {reference.memory['rss_mb']:.0f} MB, PSS {reference.memory['pss_mb']:.0f} MB",
        "phases, s: " + ", ".join(f"{k} {v:.1f}" for k, v in alone.phase_seconds.items()),
    ]
    met = True
    targets = ["", "## targets"]
    for count, room in rooms:
        logins = [t.login_to_running for t in room.trainees]
        pss = [t.memory["pss_mb"] for t in room.trainees]
        rss = [t.memory["rss_mb"] for t in room.trainees]
        lines += [
            "",
            f"## the room: {count} trainees and a trainer at once",
            *room.summary(),
            "login to running, room median / lone trainee: "
            f"{statistics.median(logins) / reference.login_to_running:.1f}x",
            "per trainee, MB (RSS/PSS): "
            + ", ".join(f"{r:.0f}/{p:.0f}" for r, p in zip(rss, pss, strict=True)),
        ]
        login_ok, memory_ok = max(logins) <= TARGET_LOGIN_SECONDS, max(pss) <= guarantee_mb
        met &= login_ok and memory_ok
        targets += [
            f"{count} trainees: every server running within {TARGET_LOGIN_SECONDS} s of its login: max "
            f"{max(logins):.1f} s -> {'met' if login_ok else 'MISSED'}",
            f"{count} trainees: memory per trainee within the values.yaml guarantee ({guarantee} = "
            f"{guarantee_mb:.0f} MiB): PSS max {max(pss):.0f} MB -> {'met' if memory_ok else 'MISSED'}",
        ]
    lines += [*targets, f"benchmark wall time: {time.monotonic() - started:.0f} s"]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULT.write_text(text, encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
