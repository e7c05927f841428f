"""The kit's responsive layouts: every widget fits a 390 px phone and a 1366 px laptop.

Widgets take their sizes from here instead of fixed pixel or percentage widths:

- :func:`full_width`: a widget that fills its container and never sticks out of it;
- :func:`wrap_row` and :func:`item`: a row whose children share a line on a laptop and wrap onto
  lines of their own on a phone (``item`` says how wide a child would like to be);
- :func:`button`: a button as wide as its text (ipywidgets cuts longer texts at 148 px);
- :func:`labelled`: a form field with its label above it, so that a long label wraps instead of
  being cut, and the box keeps the whole width on a phone;
- :func:`prose`: HTML text with readable line spacing that wraps long words and file names;
- :func:`page_style`: the stylesheet a Voila app shows once: touch-sized controls on phones and
  wrapping code in the Markdown cells. It only acts inside Voila.
"""

from __future__ import annotations

import html

import ipywidgets as w

# The most a line of reading text or a form control should span on a laptop.
TEXT_MAX = "760px"
FIELD_MAX = "32em"
# A slider's description, the same for every slider so that their tracks line up on a phone.
SLIDER_LABEL = "7em"
# Touch targets on phones and touch screens (WCAG 2.5.8 asks for 24 px; 40 px is comfortable).
TOUCH = "40px"


def full_width(**extra) -> w.Layout:
    """As wide as the container, never wider: no side margins to push it past the edge."""
    return w.Layout(**{"width": "100%", "min_width": "0", "margin": "var(--jp-widgets-margin) 0", **extra})


def wrap_row(**extra) -> w.Layout:
    """A row (for an HBox) whose children wrap onto the next line when they do not fit."""
    return w.Layout(**{"flex_flow": "row wrap", "align_items": "center", "width": "100%",
                       "min_width": "0", **extra})


def item(basis: str, grow: int = 1, max_width: str | None = None, **extra) -> w.Layout:
    """A child of a :func:`wrap_row`: ``basis`` wide when there is room (e.g. ``"16em"``), growing
    by ``grow`` to fill its line, and shrinking below ``basis`` rather than sticking out."""
    values = {"flex": f"{grow} 1 {basis}", "min_width": "0", "max_width": max_width or "100%",
              "width": "auto", **extra}
    return w.Layout(**values)


def button(**extra) -> w.Layout:
    """A button as wide as its text, but never wider than the screen (also in a VBox, which would
    stretch it across a laptop's screen)."""
    return w.Layout(**{"width": "auto", "max_width": "100%", "align_self": "flex-start", **extra})


def field_label(text: str) -> w.HTML:
    """The label above a form field (escaped; it wraps)."""
    return w.HTML(prose(html.escape(text), margin="6px 0 0"), layout=full_width(margin="0"))


def name_control(widget: w.Widget, text: str) -> None:
    """Give a control whose visible label is a separate HTML widget (above it) an accessible name
    that reaches the browser: ``text`` becomes its description, the ``<label for>`` ipywidgets ties
    to the input, select or date picker, zero wide (``page_style`` also drops its margin), so the
    label above stays the one seen. A title alone is not enough (axe: label-title-only)."""
    if getattr(widget, "description", None) == "" and hasattr(widget.style, "description_width"):
        widget.description, widget.description_allow_html = text, False
        widget.style.description_width = "0px"


def labelled(text: str, widget: w.Widget, layout: w.Layout | None = None) -> w.VBox:
    """``widget`` under its label, the widget filling the width (capped for dropdowns and lists);
    the control is named after the label for screen readers (:func:`name_control`)."""
    if isinstance(widget, w.Dropdown | w.SelectMultiple):
        widget.layout = full_width(max_width=FIELD_MAX)
    else:
        widget.layout = full_width()
    name_control(widget, text)
    box = w.VBox([field_label(text), widget], layout=layout or full_width(margin="0"))
    box.field = widget
    return box


def prose(content: str, max_width: str | None = None, margin: str = "0") -> str:
    """HTML ``content`` (already escaped) in a block that wraps long words and keeps line spacing
    readable; ipywidgets gives HTML a 28 px line height meant for one-line labels."""
    cap = f"max-width:{max_width};" if max_width else "max-width:100%;"
    return (f"<div style='line-height:1.5;overflow-wrap:anywhere;{cap}margin:{margin}'>"
            f"{content}</div>")


# Only inside Voila (its <body> has data-voila), so that showing it in JupyterLab changes nothing.
# ipywidgets 8 renders some widgets with the older class names (widget-html), some with the newer
# ones (jupyter-widget-Collapse-header); the rules name what the Voila page has.
_PAGE_CSS = f"""
body[data-voila] .jp-RenderedHTMLCommon code,
body[data-voila] .widget-html-content code {{ overflow-wrap: anywhere; }}
body[data-voila] .jp-RenderedHTMLCommon pre {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
body[data-voila] .jp-RenderedHTMLCommon table {{ max-width: 100%; }}
body[data-voila] .widget-image {{ max-width: 100%; height: auto; }}
/* A control named by a zero-wide description (layout.name_control) keeps no label margin. */
body[data-voila] .widget-label[style*="width: 0px"] {{ margin: 0; padding: 0; min-width: 0; }}
/* ipywidgets' green and orange buttons have white text below the 4.5:1 contrast of WCAG AA. */
body[data-voila] .jupyter-button.mod-success {{ background-color: #2e7d32; }}
body[data-voila] .jupyter-button.mod-warning {{ background-color: #b45309; }}
/* Accordion headers: #6d6d6d on #eeeeee is 4.45:1; this grey is 8.6:1. */
body[data-voila] .jupyter-widget-Collapse-header, body[data-voila] .jupyter-widget-Collapse-header span {{
  color: #424242; }}
@media (max-width: 700px), (pointer: coarse) {{
  body[data-voila] {{
    --jp-widgets-inline-height: {TOUCH};
    --jp-widgets-slider-handle-size: 24px;
    --jp-widgets-container-padding: 10px;
  }}
  body[data-voila] .widget-html > .widget-html-content {{ line-height: 1.5; }}
  body[data-voila] .jupyter-widget-Collapse-header {{ min-height: {TOUCH}; box-sizing: border-box;
    padding-top: 10px; padding-bottom: 10px; }}
  body[data-voila] summary {{ min-height: {TOUCH}; box-sizing: border-box; padding: 10px 0; }}
  body[data-voila] .widget-checkbox input {{ width: 20px; height: 20px; }}
  /* A slider's thin track and small handle answer to a finger anywhere on its 40 px line. */
  body[data-voila] .widget-hslider .noUi-base::before {{ content: ""; position: absolute; left: 0;
    right: 0; top: -18px; bottom: -18px; }}
  body[data-voila] .widget-hslider .noUi-touch-area {{ position: absolute; inset: -8px; width: auto;
    height: auto; }}
}}
"""


# ipywidgets draws a slider's handle as a <div role="slider"> with no accessible name (axe:
# aria-input-field-name), and no widget setting reaches it. The page names each handle after its
# slider's label: the label's title (the widget's ``tooltip``, e.g. "R1: kemungkinan") or its text.
# Only inside Voila; run once, from the stylesheet's HTML (a script element set as HTML would not run).
_NAME_SLIDERS_JS = (
    "if(!window.humaskitSliders&&document.body.hasAttribute('data-voila')){window.humaskitSliders=1;"
    "var name=function(){document.querySelectorAll('.widget-slider').forEach(function(s){"
    "var l=s.querySelector('.widget-label');var t=l?(l.title||l.textContent).trim():'';"
    "s.querySelectorAll('[role=slider]').forEach(function(h){"
    "if(t&&h.getAttribute('aria-label')!==t){h.setAttribute('aria-label',t);}});});};"
    "new MutationObserver(name).observe(document.body,{childList:true,subtree:true,attributes:true,"
    "attributeFilter:['title']});name();}"
)


def page_style() -> w.HTML:
    """The kit's stylesheet for a Voila app, with the small script that names slider handles for
    screen readers; show it once, in the app's first code cell."""
    script = f'<img src="data:," alt="" style="display:none" onerror="{html.escape(_NAME_SLIDERS_JS)}">'
    return w.HTML(f"<style>{_PAGE_CSS}</style>{script}", layout=w.Layout(margin="0", height="0"))
