"""parse_yaml reads with libyaml when PyYAML has it, with the same limits and results as the
pure-Python reader it falls back to."""

import pytest
import yaml

from humaskit.core import files
from humaskit.core.errors import DataError


def python_reader(text: str):
    loader = files._limited_loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def nested(levels: int) -> str:
    """``levels`` nested lists around one scalar: the scalar sits at depth levels + 1."""
    return "[" * levels + "1" + "]" * levels


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, 'y', 2026-03-16]\nc: {d: null, e: 2026-03-16T09:00:00+07:00}\n",
    "- &anchor satu\n- dua\n",  # an anchor alone is harmless; only aliases are refused
    "", "# kosong\n", nested(files.MAX_YAML_DEPTH - 1),
])
def test_both_readers_give_the_same_values(text):
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml: only the Python reader runs")
    assert files.parse_yaml(text, "x.yaml") == python_reader(text)


@pytest.mark.parametrize("text, needle", [
    (nested(files.MAX_YAML_DEPTH), "terlalu dalam"),  # the scalar one level too deep
    ("a: " + nested(files.MAX_YAML_DEPTH + 5), "terlalu dalam"),
    ("a: &x [1]\nb: *x\n", "anchor/alias"),
    ("a: [tidak ditutup\n", "YAML tidak sah di baris"),
    ("a: \x07\n", r"karakter kendali U\+0007"),
])
def test_limits_and_mistakes_read_as_before(text, needle):
    with pytest.raises(DataError, match=needle):
        files.parse_yaml(text, "x.yaml")
    with pytest.raises(yaml.YAMLError):  # the Python reader refuses each too
        python_reader(text)
