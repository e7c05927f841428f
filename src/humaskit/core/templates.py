"""One Jinja environment for every template the kit renders (``humaskit/templates``).

HTML templates are autoescaped; text templates (Markdown, YAML) are not, and get the ``yaml``
filter for writing values safely into YAML and the ``cell`` filter for Markdown table cells.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache


def _yaml_value(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                          width=10_000).strip().removesuffix("...").strip()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")  # emphasis, code, links and images
_SCRIPT_SCHEME = re.compile(r"(?i)\b(javascript|vbscript)\s*:")


def markdown_text(value: str) -> str:
    """User text made inert in Markdown: HTML is escaped (no <script>, <img onerror>, <iframe>),
    Markdown syntax characters are backslash-escaped (no links or images), and script URL schemes
    are broken. Table pipes are left to the ``cell`` filter."""
    text = html.escape(value, quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _SCRIPT_SCHEME.sub(lambda m: f"{m.group(1)}&#58;", text)


def markdown_safe(context):
    """``context`` with every string in it passed through :func:`markdown_text` (recursively)."""
    if isinstance(context, str):
        return markdown_text(context)
    if isinstance(context, dict):
        return {k: markdown_safe(v) for k, v in context.items()}
    if isinstance(context, list | tuple):
        return type(context)(markdown_safe(v) for v in context)
    return context


def _markdown_cell(value) -> str:
    """A value that fits in one Markdown table cell."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("humaskit", "templates"),
                      autoescape=select_autoescape(["html.j2", "xml.j2"], default=False),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = _yaml_value
    env.filters["cell"] = _markdown_cell
    return env


def render(name: str, **context) -> str:
    """Render ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
