"""The room in a real browser: participants join a session in each app, do the task and get their
work back after a reload; the facilitator's dashboard, behind its token, shows their entries.

Plain Voila serves a copy of apps/ with the workshop settings a workshop server would give it
(data folder and facilitator token in the environment); every request that would leave
127.0.0.1 is blocked, and axe-core finds no serious or critical accessibility problem in the
joined apps and the opened dashboard. The browser, axe-core and the screenshot folder come from
tests/e2e/conftest.py.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

import pytest
from browsing import describe, serious_violations
from services import copy_apps, start_voila, stop_tree
from support import FACILITATOR_TOKEN, ROOT

from humaskit.data import names
from humaskit.workshop import dashboard
from humaskit.workshop import store as st

pytestmark = pytest.mark.slow

TOKEN = FACILITATOR_TOKEN
TIMEOUT_MS = 240_000  # each page starts its own kernel, on a machine others use too
LAPTOP = {"viewport": {"width": 1366, "height": 900}}
# Problems of widgets the room did not write, reported apart (the room's join form, practice and
# dashboard must have none, and app 03 none at all: its triage, risk sliders and every section of
# its plan form are checked): (app, axe rule) -> what every offending element's selector contains.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def room_server(tmp_path_factory):
    """Voila on a copy of apps/, with a workshop data folder and token; a session to join."""
    workdir = tmp_path_factory.mktemp("room")
    data = workdir / "data"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
           "HUMASKIT_DATA": str(ROOT / "datasets"), st.DIR_ENV: str(data), dashboard.TOKEN_ENV: TOKEN}
    env.pop(st.DB_ENV, None)
    store = st.Store(f"sqlite:///{(data / st.DB_FILE).resolve()}")
    session = store.create_session("Uji peramban")
    proc, base = start_voila(workdir, copy_apps(workdir), env, timeout=150)
    yield base, store, session
    stop_tree(proc, timeout=20)
    store.close()


class Page:
    """One app in one browser context, with requests off 127.0.0.1 blocked and counted."""

    def __init__(self, browser, base: str, app: str, size: dict = LAPTOP, ready: str = "Gabung"):
        self.context = browser.new_context(**size)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.url, self.ready = f"{base}/voila/render/{app}", ready
        self.open()

    def _route(self, route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self):
        self.page.goto(self.url, timeout=TIMEOUT_MS)
        self.page.get_by_role("button", name=self.ready).wait_for()

    def join(self, name: str, code: str, pin: str | None = None) -> str:
        """Join; the personal code shown."""
        page = self.page
        page.get_by_placeholder("mis. K7P2QX").fill(code)
        page.get_by_placeholder(re.compile("^nama (panggilan|meja)$")).fill(name)
        if pin:
            page.get_by_placeholder("4 angka").fill(pin)
        page.get_by_role("button", name="Gabung").click()
        shown = page.get_by_text("Kode pribadi Anda:")
        shown.wait_for()
        found = re.search(r"Kode pribadi Anda: (\d{4})", shown.inner_text())
        assert found, shown.inner_text()
        return found.group(1)

    def accessibility(self, axe_script: str) -> list[str]:
        """Serious and critical axe-core violations on the page as it is now (none is excused)."""
        app = self.url.rsplit("/", 1)[-1][:2]
        found = serious_violations(self.page, axe_script)
        return [f"{app}: {describe(v, nodes=len(v['nodes']))}" for v in found]

    def shot(self, folder: Path, name: str) -> None:
        self.page.screenshot(path=str(folder / name), full_page=True)

    def close(self):
        self.context.close()


def test_participants_join_work_and_the_dashboard_shows_them(browser, room_server, screenshots, axe_script):
    base, store, session = room_server
    access: list[str] = []

    # App 01: code a post, reload, come back with the personal code, the answer is still there.
    coding = Page(browser, base, "01-latihan-koding.ipynb", PHONE)
    pin = coding.join("Rina Uji", session.code)
    coding.page.get_by_role("button", name=names.LABELS["dialogic_loop"]).click()
    coding.page.get_by_role("button", name="Unggahan berikutnya").wait_for()
    coding.page.get_by_text("Dijawab 1 dari 15").wait_for()
    coding.open()  # a reload: a new kernel
    coding.page.get_by_placeholder("mis. K7P2QX").fill(session.code)
    coding.page.get_by_placeholder("nama panggilan").fill("rina uji")
    coding.page.get_by_role("button", name="Gabung").click()
    coding.page.get_by_text("sudah dipakai di sesi ini").wait_for()  # the name needs its personal code
    assert coding.join("rina uji", session.code, pin=pin) == pin
    coding.page.get_by_text("Selamat datang kembali").wait_for()
    coding.page.get_by_text("Dijawab 1 dari 15").wait_for()
    coding.shot(screenshots, "room-01-phone.png")
    access += coding.accessibility(axe_script)
    coding.close()

    # App 02: a table answers a statement and asks for the estimate.
    maturity = Page(browser, base, "02-penilaian-kematangan.ipynb")
    maturity.join("Meja Dua", session.code)
    maturity.page.locator(".jupyter-widget-Accordion").first.locator(".jupyter-widget-Collapse-header") \
        .first.click()
    maturity.page.locator(".widget-toggle-button:visible", has_text="4").first.click()
    maturity.page.get_by_text(f"Tersimpan di sesi {session.code}").wait_for()
    maturity.page.get_by_role("button", name="Lihat perkiraan").click()
    maturity.page.get_by_text("Kesenjangan antara penilaian diri dan data").wait_for()
    access += maturity.accessibility(axe_script)
    maturity.close()

    # App 03: a table saves a plan; another table typing a look-alike name cannot take it over.
    plan = Page(browser, base, "03-rencana-respons.ipynb")
    plan.join("Meja Tiga", session.code)
    title = plan.page.locator(".widget-html").filter(has_text=re.compile("^Judul rencana$")) \
        .locator("xpath=following-sibling::*[1]").locator("input").first
    plan.page.locator(".jupyter-widget-Accordion").last.locator(".jupyter-widget-Collapse-header").first.click()
    title.fill("Rencana meja tiga")
    plan.page.get_by_role("button", name="Simpan rencana").click()
    plan.page.get_by_text(f"Tersimpan di sesi {session.code}").wait_for()
    access += plan.accessibility(axe_script)
    # Every section of the plan form (each made when first opened), with the risk sliders above it.
    sections = plan.page.locator(".jupyter-widget-Accordion").last.locator(".jupyter-widget-Collapse")
    for index in range(1, sections.count()):
        sections.nth(index).locator(".jupyter-widget-Collapse-header").click()
        sections.nth(index).locator(".jupyter-widget-Collapse-contents :is(input, textarea, select)") \
            .first.wait_for()
        found = plan.accessibility(axe_script)
        access += [f"{problem} (plan form section {index + 1} open)" for problem in found]
    plan.close()

    # App 04: the facilitator's token, then the room's entries.
    board = Page(browser, base, "04-dasbor-fasilitator.ipynb", ready="Masuk")
    board.page.get_by_placeholder("token fasilitator").fill("bukan token")
    board.page.get_by_role("button", name="Masuk").click()
    board.page.get_by_text("Token salah").wait_for()
    board.page.get_by_placeholder("token fasilitator").fill(TOKEN)
    board.page.get_by_role("button", name="Masuk").click()
    board.page.get_by_text(f"Kode sesi: {session.code}").wait_for()
    sections = board.page.locator(".jupyter-widget-Accordion").first.locator(".jupyter-widget-Collapse")
    sections.nth(0).get_by_text("rina uji", exact=False).wait_for()  # the participants, open at first
    for index, entry in ((2, "Meja Dua"), (3, "Meja Tiga")):  # maturity levels, plans
        sections.nth(index).locator(".jupyter-widget-Collapse-header").click()
        sections.nth(index).get_by_text(entry).first.wait_for()
    board.page.get_by_text(f"kode_lokakarya_{session.code}.csv").wait_for()
    board.shot(screenshots, "room-04-laptop.png")
    access += board.accessibility(axe_script)
    board.close()

    # What the store holds: one code, one self-assessment and estimate, one plan, in this session.
    assert store.count(session.id, "code") == 1
    assert store.count(session.id, "plan") == 1
    assert store.count(session.id, "estimate") == 1
    assert store.count(session.id, "maturity") >= 1
    pages = (coding, maturity, plan, board)
    errors = [e for page in pages for e in page.errors]
    blocked = [url for page in pages for url in page.blocked]
    assert not errors, f"JavaScript errors: {errors}"
    assert not access, "accessibility problems (axe-core):\n" + "\n".join(access)
    print(f"requests blocked (would have left 127.0.0.1): {sorted(set(blocked))}; "
          f"screenshots in {screenshots}")
