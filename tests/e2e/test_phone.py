"""Every workshop app on a phone (390 px) and on a laptop (1366 px), in headless Chromium.

Each app is opened, used a little as a trainee would (by touch on the phone), and checked at
every step: the page must not scroll sideways, no visible element may reach past the right (or
left) edge, no box may hide part of its content (a button cut to "Buat dokumen W..."), no form
control may be squeezed to a sliver, and on the phone every button, field, accordion header and
slider must be at least 40 px tall. Full-page screenshots of both widths are saved to the folder
the test prints: $HUMASKIT_ARTIFACTS if set (e.g. docs/screenshots), else pytest's tmp dir.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable

import pytest
from browsing import save_png
from services import voila_log_tail
from support import APPS, FACILITATOR_TOKEN

from humaskit.data import names

pytestmark = pytest.mark.slow

VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
}
TOUCH_PX = 40  # the least height of a touch target on the phone
SLIVER_PX = 48  # a form control narrower than this has been squeezed (the "— p" of a dropdown)
TIMEOUT_MS = 180_000  # each page starts its own kernel, and others run tests on this machine too

# Voila 0.5 scrolls the notebook inside #rendered_cells, so the page itself never grows. For the
# full-page screenshots the cells are let out of that box, so that the document scrolls instead.
UNBOX_CSS = """
html, body { height: auto !important; overflow: visible !important; }
#main, #jp-main-content-panel, #rendered_cells { position: static !important; contain: none !important;
  height: auto !important; width: auto !important; overflow: visible !important; }
"""

# Returns one sentence per problem; [] when the page fits. ``touch`` adds the touch-size check.
LAYOUT_PROBLEMS_JS = """
({touch, sliver}) => {
  const limit = window.innerWidth + 1;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    const cls = [...el.classList].filter(c => !c.startsWith('lm-') && !c.startsWith('jp-mod')).slice(0, 3);
    if (cls.length) s += '.' + cls.join('.');
    const text = (el.innerText || el.value || el.placeholder || el.getAttribute('aria-valuetext') || '')
      .trim().replace(/\\s+/g, ' ');
    return text ? `${s} "${text.slice(0, 50)}"` : s;
  };
  // Not hidden by CSS, nor inside a closed <details> (content-visibility); its size is checked apart.
  const shown = (el) => el.checkVisibility({contentVisibilityAuto: true, opacityProperty: true,
                                            visibilityProperty: true});
  const problems = [];
  for (const el of [document.scrollingElement, document.getElementById('rendered_cells')]) {
    if (el && el.scrollWidth > limit)
      problems.push(`the page scrolls sideways: ${describe(el).slice(0, 30)} is ${el.scrollWidth} px wide`);
  }
  const outside = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const field = ['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName);
    // A slider track squeezed to nothing has no size at all: this check comes first.
    if ((field && el.type !== 'checkbox' || el.matches('.noUi-target')) && r.width < sliver)
      problems.push(`${describe(el)} is squeezed to ${Math.round(r.width)} px`);
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(el);
    if (r.right > limit || r.left < -1) { outside.push(el); continue; }
    const clips = ['auto', 'scroll', 'hidden'].includes(style.overflowX);
    if (!field && clips && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${describe(el)} cuts off ${el.scrollWidth - el.clientWidth} px of its content`);
    const target = el.matches('button, select, input[type=text], textarea, summary, '
                              + '.jupyter-widget-Collapse-header, .widget-hslider, .widget-checkbox');
    if (touch && target && r.height < touch)
      problems.push(`${describe(el)} is ${Math.round(r.height)} px tall, too small to tap`);
  }
  // The outermost elements past the edge: their children go with them.
  for (const el of outside) {
    if (!outside.includes(el.parentElement)) {
      const r = el.getBoundingClientRect();
      problems.push(`${describe(el)} spans x ${Math.round(r.left)}..${Math.round(r.right)}, `
                    + `past the ${window.innerWidth} px screen`);
    }
  }
  return problems;
}
"""


class Visit:
    """One app open in one viewport: touch or click, and the layout problems found so far."""

    def __init__(self, page, size: str, base: str):
        self.page, self.base = page, base
        self.mobile = VIEWPORTS[size].get("is_mobile", False)
        self.nickname = f"uji_{size}"  # each viewport its own progress files on the shared server
        self.problems: dict[str, str] = {}  # problem: the stage where it was first seen

    def press(self, locator, **kwargs) -> None:
        """Tap on the phone (touch events), click on the laptop."""
        if self.mobile:
            locator.tap(**kwargs)
        else:
            locator.click(**kwargs)

    def check(self, stage: str) -> None:
        self.page.wait_for_timeout(150)  # one or two frames for the layout to settle
        found = self.page.evaluate(LAYOUT_PROBLEMS_JS, {"touch": TOUCH_PX if self.mobile else 0,
                                                        "sliver": SLIVER_PX})
        for problem in found:
            self.problems.setdefault(problem, stage)

    def report(self, limit: int = 40) -> str:
        lines = [f"{problem} (from: {stage})" for problem, stage in self.problems.items()]
        more = [f"... and {len(lines) - limit} more"] if len(lines) > limit else []
        return "\n  ".join(lines[:limit] + more)

    def open_details(self, open_: bool) -> None:
        self.page.evaluate("open => document.querySelectorAll('details').forEach(d => d.open = open)", open_)

    def open_section(self, accordion: int, index: int) -> str:
        """Open a section of the page's ``accordion``-th accordion (if it is not open); its title."""
        section = self.page.locator(".jupyter-widget-Accordion").nth(accordion) \
            .locator(".jupyter-widget-Collapse").nth(index)
        header = section.locator(".jupyter-widget-Collapse-header")
        if "jupyter-widget-Collapse-open" not in (section.get_attribute("class") or ""):
            self.press(header)
        section.locator(".jupyter-widget-Collapse-contents").wait_for()
        return header.inner_text().strip()

    def each_accordion_section(self, stage: str, accordion: int = 0) -> None:
        """Open every section of an accordion in turn and check the page with it open."""
        sections = self.page.locator(".jupyter-widget-Accordion").nth(accordion) \
            .locator(".jupyter-widget-Collapse")
        for i in range(sections.count()):
            title = self.open_section(accordion, i)
            self.check(f"{stage}, section '{title}' open")


def labelled_input(page, label: str):
    """The text box under a label of the plan form (the label is an HTML widget above it)."""
    return page.locator(".widget-html").filter(has_text=re.compile(f"^{re.escape(label)}$")) \
        .locator("xpath=following-sibling::*[1]").locator("input, textarea").first


# What the join form shows below "Gabung": its answer ("Sedang bergabung...", the personal code or
# an error) and whether the button is disabled; "" while the kernel has not answered the tap.
JOIN_STATE_JS = """
() => {
  const go = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Gabung');
  if (!go) return 'no Gabung button';
  const box = go.closest('.widget-vbox');
  const answer = box ? box.lastElementChild.innerText.trim() : '';
  return answer ? `${go.disabled ? 'disabled' : 'enabled'}: ${answer}` : '';
}
"""


def join(v: Visit, placeholder: str) -> None:
    """Join as this viewport's nickname (the fixture's Voila runs without a workshop server, so
    the apps ask for a name only; a name used before needs its personal code).

    The form answers a tap at once ("Sedang bergabung..."). A tap with no answer after a minute
    is tapped again, as a trainee would, and said in the output; a failure reports what the form
    shows and the end of the Voila log."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # the browser fixture skips without it

    page = v.page
    page.get_by_placeholder(placeholder).fill(f"{v.nickname}_{time.monotonic_ns()}")
    go = page.get_by_role("button", name="Gabung")
    v.press(go)
    try:
        page.wait_for_function(JOIN_STATE_JS, timeout=60_000)
    except PlaywrightTimeout:
        print("the tap on Gabung had no answer in 60 s; tapped again")
        v.press(go)
    try:
        page.get_by_text("Kode pribadi Anda:").wait_for()
    except PlaywrightTimeout:
        raise AssertionError(f"joining did not finish; the form shows: {page.evaluate(JOIN_STATE_JS)!r}\n"
                             f"end of the Voila log:\n{voila_log_tail(v.base)}") from None
    v.check("after joining")


def use_coding_app(v: Visit) -> None:
    page = v.page
    join(v, "nama panggilan")
    v.press(page.get_by_role("button", name=names.LABELS["dialogic_loop"]))
    page.get_by_role("button", name="Unggahan berikutnya").wait_for()
    v.check("after labelling a post")
    page.get_by_placeholder("Tempel teks unggahan di sini").fill(
        "Kapan bansos tahap 3 cair? Sudah tiga bulan belum ada kabar dari kelurahan, tolong dijawab min")
    v.press(page.get_by_role("button", name="Kode unggahan ini"))
    page.get_by_text("Kata kunci buku kode yang ditemukan").wait_for()
    v.check("after trying the model")


def use_maturity_app(v: Visit) -> None:
    page = v.page
    join(v, "nama meja")
    v.open_section(0, 0)
    v.press(page.locator(".widget-toggle-button:visible", has_text="4").first)
    page.get_by_text("Tersimpan di latihan mandiri").wait_for()
    v.check("after answering a statement")
    v.each_accordion_section("self-assessment")
    v.open_section(0, 0)  # the screenshot shows the first section
    v.press(page.get_by_role("button", name="Lihat perkiraan"))
    page.get_by_text("Kesenjangan antara penilaian diri dan data").wait_for()
    v.check("after the estimate")


def use_plan_app(v: Visit) -> None:
    page = v.page
    join(v, "nama meja")
    page.get_by_role("button", name="Simpan rencana").wait_for()
    v.press(page.get_by_role("button", name=names.TRIAGE["question"]))
    page.get_by_role("button", name="Butir berikutnya").wait_for()
    v.check("after triaging an item")
    # The first likelihood slider to 5, by a touch or click at the right end of its track.
    track = page.locator(".widget-hslider").first.locator(".noUi-target")
    box = track.bounding_box()
    assert box is not None
    v.press(track, position={"x": box["width"] - 1, "y": box["height"] / 2})
    page.get_by_text("nilai 15 (sangat tinggi)").first.wait_for()
    v.check("after moving a risk slider")
    v.each_accordion_section("plan form")
    v.open_section(0, 0)
    labelled_input(page, "Judul rencana").fill("Rencana respons akun Instagram diretas")
    page.get_by_text("title Judul rencana belum diisi").wait_for(state="detached")
    v.open_section(0, 4)  # risks: the screenshot shows this section
    page.get_by_placeholder("uraian risiko").first.fill("Warga terus mentransfer ke rekening donasi palsu")
    page.get_by_placeholder("mitigasi").first.fill("Klarifikasi resmi di semua kanal, minta bank memblokir")
    v.check("after typing in the plan form")
    v.press(page.get_by_role("button", name="Buat dokumen Word"))
    page.get_by_text("Unduh rencana_").wait_for()
    v.check("after making the Word document")


def use_dashboard_app(v: Visit) -> None:
    page = v.page
    page.get_by_placeholder("token fasilitator").fill(FACILITATOR_TOKEN)
    v.press(page.get_by_role("button", name="Masuk"))
    page.get_by_role("button", name="Buat sesi baru").wait_for()
    v.check("after entering the token")
    page.get_by_placeholder("judul sesi, mis. Humas Kab. Contoh, 7 Des").fill(f"Uji {v.nickname}")
    v.press(page.get_by_role("button", name="Buat sesi baru"))
    page.get_by_text("Sesi baru dibuat").wait_for()
    v.each_accordion_section("dashboard")
    v.open_section(0, 0)


USE: dict[str, Callable[[Visit], None]] = {"01": use_coding_app, "02": use_maturity_app, "03": use_plan_app,
                                           "04": use_dashboard_app}
# The last widget of each app: once it is drawn, every cell above it has been drawn too.
LAST_WIDGET = {"01": "Kode unggahan ini", "02": "Lihat perkiraan", "03": "Gabung",
               "04": "Masuk"}


def test_every_app_has_a_walkthrough():
    assert sorted(USE) == sorted(a.name[:2] for a in APPS) == sorted(LAST_WIDGET)


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
@pytest.mark.parametrize("app", APPS, ids=lambda p: p.stem)
def test_app_fits_the_screen(browser, voila_server, screenshots, app, size):
    started = time.monotonic()
    shot = screenshots / f"{app.stem}-{size}.png"
    context = browser.new_context(**VIEWPORTS[size])
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    visit = Visit(page, size, voila_server)
    stopped = ""
    try:
        page.goto(f"{voila_server}/voila/render/{app.name}", timeout=TIMEOUT_MS)
        page.get_by_role("button", name=LAST_WIDGET[app.name[:2]]).wait_for()
        if app.name[:2] == "03":  # steps 2-5 are drawn once the table joins; step 5 says so until then
            page.get_by_text("untuk membuka form rencana").wait_for()
        visit.check("as loaded")
        visit.open_details(True)  # the facilitator's notes and the label definitions
        visit.check("with every <details> open")
        visit.open_details(False)
        USE[app.name[:2]](visit)
    except Exception as exc:  # reported below, with the layout problems found so far
        stopped = f"the walkthrough stopped: {type(exc).__name__}: {str(exc)[:1500]}"
    finally:  # the screenshot also shows where a walkthrough stopped
        with contextlib.suppress(Exception):
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.add_style_tag(content=UNBOX_CSS)
            save_png(page.screenshot(full_page=True, scale="css", animations="disabled"), shot)
        context.close()
    print(f"{app.stem} at {size}: {time.monotonic() - started:.0f} s, {shot}")
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not (stopped or visit.problems), \
        f"{app.name} on the {size} screen (screenshot: {shot}):\n  {visit.report()}\n{stopped}"
