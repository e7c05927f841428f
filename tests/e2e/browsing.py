"""What the browser tests share besides fixtures (importable as ``browsing``): where the browser
and axe-core are, axe's serious findings, and compact screenshots."""

from __future__ import annotations

import io
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
AXE_DIR = Path.home() / ".cache" / "humaskit" / "axe"


def serious_violations(page, axe_script: str) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violation: dict, nodes: int = 3) -> str:
    """One violation as a line a test failure can show."""
    targets = [str(n["target"]) for n in violation["nodes"][:nodes]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def save_png(data: bytes, path: Path) -> None:
    """A screenshot as a 256-colour PNG: as sharp for flat pages, and a third of the size."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with matplotlib; without it the screenshot stays as it is
        path.write_bytes(data)
        return
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
