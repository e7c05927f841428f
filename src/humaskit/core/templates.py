"""One Jinja environment for every template the kit renders (``humaskit/templates``).

HTML templates are autoescaped; text templates (Markdown, YAML) are not, and get the ``yaml``
filter for writing values safely into YAML and the ``cell`` filter for Markdown table cells.
"""

from __future__ import annotations

from functools import lru_cache


def _yaml_value(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                          width=10_000).strip().removesuffix("...").strip()


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
