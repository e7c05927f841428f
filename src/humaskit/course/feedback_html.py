"""The nbconvert exporter nbgrader uses for trainee feedback (see :mod:`humaskit.course.feedback`).

Kept apart from the cleaning functions because importing nbconvert takes a second or more.
"""

from __future__ import annotations

import copy
from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from humaskit.course.feedback import TEMPLATE_DIR, TEMPLATE_NAME, clean_notebook, score_text


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter with the kit's feedback template and cleaning (see module doc)."""

    def __init__(self, config: Config | None = None, **kwargs: Any) -> None:
        config = copy.deepcopy(config) if config is not None else Config()
        # This class's own section wins over HTMLExporter's, which nbgrader sets to 'feedback'.
        own = config.FeedbackExporter
        own.template_name = TEMPLATE_NAME
        own.extra_template_basedirs = [str(TEMPLATE_DIR),
                                       *config.HTMLExporter.get("extra_template_basedirs", [])]
        own.exclude_input_prompt = True
        own.exclude_output_prompt = True
        super().__init__(config=config, **kwargs)
        self.register_filter("angka", score_text)

    def from_notebook_node(self, nb, resources=None, **kw):
        return super().from_notebook_node(clean_notebook(nb), resources, **kw)
