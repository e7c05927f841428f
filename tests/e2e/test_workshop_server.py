"""The workshop server as a room meets it: started from ``humaskit workshop``, its landing page
without JavaScript on a phone, each app in Chromium with every request that leaves 127.0.0.1
blocked, an axe-core check, the dashboard behind the token, no code execution from a browser,
an old-protocol client that receives a binary widget message (from a test-only app with an image
widget), and the per-client socket limit.

Screenshots (390 and 1366 px) go to $HUMASKIT_ARTIFACTS if set (the committed set is
docs/screenshots/workshop/), else to pytest's tmp dir; the browser, axe-core and that folder come
from tests/e2e/conftest.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psutil
import pytest
import requests
from browsing import describe, save_png, serious_violations
from services import free_port, stop_tree
from support import APPS, ROOT

from humaskit.workshop.limits import V1_PROTOCOL, message_header

pytestmark = pytest.mark.slow

TIMEOUT_MS = 180_000
VIEWPORTS = {
    "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
            "device_scale_factor": 2},
    "1366": {"viewport": {"width": 1366, "height": 768}},
}
# App 03 opens with step 1 only (steps 2-5, with the risk sliders and the plan form, are drawn once
# a table joins the session): its page is complete when step 5 says so.
LAST_WIDGET = {"01": "Kode unggahan ini", "02": "Lihat perkiraan", "03": "Gabung"}
LAST_TEXT = {"03": "Bergabung dulu di langkah 1 untuk membuka form rencana."}
PARTICIPANT_APPS = [a for a in APPS if a.name[:2] in LAST_WIDGET]
UNBOX_CSS = """
html, body { height: auto !important; overflow: visible !important; }
#main, #jp-main-content-panel, #rendered_cells { position: static !important; contain: none !important;
  height: auto !important; width: auto !important; overflow: visible !important; }
"""
# A stand-in when the room's dashboard app is not in apps/ yet: enough to test the token.
FAKE_DASHBOARD = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Dasbor fasilitator"]},
                            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                             "source": ["import ipywidgets as w\n", "w.HTML('<p>Ruang ini</p>')"]}],
                  "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                              "language": "python"}},
                  "nbformat": 4, "nbformat_minor": 5}
# A test-only app whose widget state holds a binary buffer (the apps send none since the risk
# heatmap travels as a data: URL): what sent Voila 0.5.13 into an endless loop for a legacy client.
BINARY_APP = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Uji pesan biner"]},
                        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                         "source": ["import ipywidgets as w\n",
                                    "w.Image(value=b'\\x89PNG\\r\\n\\x1a\\n' + bytes(range(256)) * 64, "
                                    "format='png')"]}],
              "metadata": FAKE_DASHBOARD["metadata"], "nbformat": 4, "nbformat_minor": 5}


class Workshop:
    def __init__(self, proc: subprocess.Popen, base: str, folder: Path, log: Path):
        self.proc, self.base, self.folder, self.log = proc, base, folder, log

    @property
    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def token(self) -> str:
        return re.search(r"Token fasilitator: (\S+)", self.output).group(1)

    def kernel_id(self, app: str) -> str:
        """Open ``app`` (takes one preheated kernel) and return its kernel id."""
        page = requests.get(f"{self.base}/voila/render/{app}", timeout=180)
        assert page.status_code == 200
        config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                           page.text, re.S)
        return json.loads(config.group(1))["kernelId"]

    def socket_url(self, kernel_id: str) -> str:
        return f"ws://{self.base.removeprefix('http://')}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"

    def rss_mb(self) -> float:
        return psutil.Process(self.proc.pid).memory_info().rss / 2**20


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("workshop")
    folder = workdir / "apps"  # a copy: what the apps save stays out of the repository
    folder.mkdir()
    for app in APPS:
        shutil.copy2(app, folder / app.name)
    if not list(folder.glob("04-*.ipynb")):
        (folder / "04-dasbor-fasilitator.ipynb").write_text(json.dumps(FAKE_DASHBOARD), encoding="utf-8")
    (folder / "99-uji-biner.ipynb").write_text(json.dumps(BINARY_APP), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "HUMASKIT_APPS": str(folder), "HUMASKIT_DATA": str(ROOT / "datasets"),
           "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    log = workdir / "workshop.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "humaskit.cli", "workshop", "--host", "127.0.0.1",
                                 "--port", str(port), "--participants", "1"],
                                cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
    served = sorted(p.name for p in folder.glob("[0-9][0-9]-*.ipynb"))
    ws = Workshop(proc, f"http://127.0.0.1:{port}", folder, log)
    deadline = time.time() + 420
    while time.time() < deadline and proc.poll() is None:
        if all(f"Kernel pool of {name} is filled" in ws.output for name in served):
            break
        time.sleep(1)
    else:
        proc.kill()
        raise RuntimeError("the workshop server did not fill its pools:\n" + ws.output[-4000:])
    yield ws
    left = stop_tree(proc)  # a kernel left behind would be a defect
    assert not left, f"kernels still running after the server stopped: {left}"


def offline_context(browser, size: str, outside: list[str], **extra):
    """A browser context where every request to a host other than 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(**VIEWPORTS[size], **extra)
    context.set_default_timeout(TIMEOUT_MS)

    def route(r):
        if urlparse(r.request.url).hostname in ("127.0.0.1", None) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context


def save_screenshot(page, path: Path) -> None:
    page.add_style_tag(content=UNBOX_CSS)
    save_png(page.screenshot(full_page=True, scale="css", animations="disabled"), path)


def test_start_prints_addresses_qr_and_token(workshop):
    out = workshop.output
    assert f"Lokakarya humaskit siap di {workshop.base}/" in out
    assert f"{workshop.base}/voila/render/01-latihan-koding.ipynb" in out
    assert "▀" in out or "█" in out  # the QR code
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,}", workshop.token)


def test_it_listens_only_on_the_configured_host(workshop):
    server = psutil.Process(workshop.proc.pid)
    listening = [c.laddr for p in [server, *server.children(recursive=True)]
                 for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert listening and {a.ip for a in listening} == {"127.0.0.1"}, listening


def test_landing_page_works_without_javascript_on_a_phone(workshop, browser, screenshots, axe_script):
    outside: list[str] = []
    context = offline_context(browser, "390", outside, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{workshop.base}/")
    links = page.locator("ul.apps a")
    served = sorted(workshop.folder.glob("[0-9][0-9]-*.ipynb"))
    assert links.count() == len(served) - 1  # every app but the dashboard
    for i in range(links.count()):
        assert "voila/render/" in links.nth(i).get_attribute("href")
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44
    assert page.locator("svg").count() == 1  # the QR code, drawn by the server
    assert page.get_by_text("Kode sesi").count() == 1
    save_png(page.screenshot(full_page=True), screenshots / "landing-390.png")
    context.close()
    for size in VIEWPORTS:  # axe needs JavaScript; the wide screenshot too
        context = offline_context(browser, size, outside)
        page = context.new_page()
        page.goto(f"{workshop.base}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["viewport"]["width"]
        if size == "1366":
            save_png(page.screenshot(full_page=True), screenshots / "landing-1366.png")
        assert [describe(v) for v in serious_violations(page, axe_script)] == []
        context.close()
    assert outside == []


@pytest.mark.parametrize("app", PARTICIPANT_APPS, ids=lambda p: p.stem)
def test_app_loads_with_nothing_from_outside(workshop, browser, screenshots, axe_script, app):
    """Opened from the landing page on a 390 px screen, then widened to 1366 px: one kernel each."""
    outside: list[str] = []
    local: list[tuple[str, int]] = []
    context = offline_context(browser, "1366", outside)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: local.append((r.url, r.status)))
    started = time.monotonic()
    page.goto(f"{workshop.base}/")
    page.get_by_role("link", name=re.compile(re.escape(app_title(app)))).click()
    page.get_by_role("button", name=LAST_WIDGET[app.name[:2]]).wait_for()
    if app.name[:2] in LAST_TEXT:
        page.get_by_text(LAST_TEXT[app.name[:2]]).wait_for()
    seconds = time.monotonic() - started
    # Font Awesome comes from the workshop server, and its icons are drawn with it.
    assert any("/workshop/fontawesome/css/all.min.css" in url and status == 200 for url, status in local)
    page.wait_for_function("document.fonts.check('900 16px \"Font Awesome 6 Free\"')", timeout=30_000)
    violations = {}
    for width, height in ((390, 844), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        violations[width] = [describe(v) for v in serious_violations(page, axe_script)]
        save_screenshot(page, screenshots / f"{app.stem}-{width}.png")
    context.close()
    print(f"{app.stem}: usable after {seconds:.1f} s")
    assert outside == [], f"requests that tried to leave the server: {outside}"
    assert not errors, errors
    assert violations == {390: [], 1366: []}, violations


def app_title(app: Path) -> str:
    nb = json.loads(app.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return line[2:].strip()
    raise AssertionError(f"{app.name} has no title")


def test_dashboard_needs_the_token(workshop):
    board = next(workshop.folder.glob("04-*.ipynb")).name
    refused = requests.get(f"{workshop.base}/voila/render/{board}", timeout=60)
    assert refused.status_code == 403 and "Khusus fasilitator" in refused.text
    wrong = requests.get(f"{workshop.base}/voila/render/{board}?token=salah", timeout=60)
    assert wrong.status_code == 403
    opened = requests.get(f"{workshop.base}/voila/render/{board}?token={workshop.token}", timeout=180)
    assert opened.status_code == 200 and "jupyter-config-data" in opened.text


def test_no_listing_no_files_no_other_notebooks(workshop):
    for path in ("/voila/tree", "/voila/api/contents/", "/voila/render/tidak-ada.ipynb",
                 "/voila/files/01-latihan-koding.ipynb"):
        response = requests.get(workshop.base + path, timeout=30)
        assert response.status_code in (403, 404), path
        assert "Traceback" not in response.text and "cdn." not in response.text


# --- the kernel websocket, spoken by hand -------------------------------------------------------

def shell_message(msg_type: str, content: dict, metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": uuid.uuid4().hex,
                       "username": "peserta", "version": "5.3", "date": "2026-01-01T00:00:00Z"},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "buffers": [],
            "channel": "shell"}


def send(ws, message: dict, protocol: str | None) -> None:
    if protocol == V1_PROTOCOL:
        from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

        parts = [json.dumps(message[k]).encode() for k in ("header", "parent_header", "metadata", "content")]
        ws.send_binary(serialize_msg_to_ws_v1(parts, "shell"))
    else:
        ws.send(json.dumps(message))


def received(ws, seconds: float) -> list[tuple[dict | None, bytes | str]]:
    """Every message received within ``seconds``, with its header."""
    import websocket

    messages, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        ws.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            opcode, data = ws.recv_data()
        except websocket.WebSocketTimeoutException:
            break
        data = data.decode("utf-8") if opcode == websocket.ABNF.OPCODE_TEXT else data
        messages.append((message_header(data, ws.subprotocol), data))
    return messages


def connect(workshop, kernel_id: str, protocol: str | None):
    import websocket

    ws = websocket.create_connection(workshop.socket_url(kernel_id), timeout=30,
                                     subprotocols=[protocol] if protocol else None)
    assert ws.subprotocol == protocol
    return ws


@pytest.mark.parametrize("protocol", [V1_PROTOCOL, None], ids=["v1", "legacy"])
def test_a_browser_cannot_run_code_in_its_kernel(workshop, protocol):
    marker = workshop.folder / f"dijalankan-{protocol is None}.txt"
    ws = connect(workshop, workshop.kernel_id("01-latihan-koding.ipynb"), protocol)
    try:
        received(ws, 1)
        code = f"open({str(marker)!r}, 'w').write('x')"
        send(ws, shell_message("execute_request", {"code": code, "silent": False, "store_history": True,
                                                   "user_expressions": {}, "allow_stdin": False}), protocol)
        send(ws, shell_message("kernel_info_request", {}), protocol)
        types = [h["msg_type"] for h, _ in received(ws, 5) if h]
    finally:
        ws.close()
    assert "kernel_info_reply" in types  # the socket works: only the execution was refused
    assert "execute_reply" not in types and "execute_input" not in types
    assert not marker.exists()


def test_an_old_protocol_client_gets_a_binary_widget_message_and_stalls_nothing(workshop):
    kernel = workshop.kernel_id("99-uji-biner.ipynb")
    before = workshop.rss_mb()
    ws = connect(workshop, kernel, None)
    try:
        received(ws, 1)
        comm = uuid.uuid4().hex
        send(ws, shell_message("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control",
                                             "data": {}}, {"version": "1.0.0"}), None)
        send(ws, shell_message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}), None)
        messages = received(ws, 10)
        binary = [(h, d) for h, d in messages if isinstance(d, bytes)]
        # Voila 0.5.13 went into an endless loop here: the server must still answer at once.
        timings = []
        for _ in range(5):
            started = time.monotonic()
            assert requests.get(f"{workshop.base}/", timeout=10).status_code == 200
            timings.append(time.monotonic() - started)
            time.sleep(0.5)
    finally:
        ws.close()
    assert binary, "no binary message arrived (the image widget's PNG is a buffer of its state)"
    header, data = binary[0]
    assert header and header["msg_type"] == "comm_msg"
    assert b"\x89PNG" in data
    assert max(timings) < 2.0, timings
    assert workshop.rss_mb() - before < 100


def test_websockets_per_client_are_limited(workshop):
    import websocket

    kernel = workshop.kernel_id("02-penilaian-kematangan.ipynb")
    opened = []
    try:
        refused = None
        for _ in range(30):
            try:
                opened.append(connect(workshop, kernel, V1_PROTOCOL))
            except websocket.WebSocketBadStatusException as exc:
                refused = exc
                break
        assert refused is not None and refused.status_code == 429
        assert 2 <= len(opened) <= 12  # what this test holds (earlier tests' sockets are closed)
    finally:
        for ws in opened:
            ws.close()
    time.sleep(1)
    connect(workshop, kernel, V1_PROTOCOL).close()  # a closed socket frees its place
