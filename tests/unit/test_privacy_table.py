"""The table API other commands call: project salt and scrub_table."""
import os
import stat

import pandas as pd

from humaskit.core import privacy


def test_project_salt_and_scrub_table(tmp_path):
    s = privacy.project_salt(tmp_path)
    assert s == privacy.project_salt(tmp_path) and len(s) == 64
    assert stat.S_IMODE(os.stat(tmp_path / ".humaskit-salt").st_mode) == 0o600
    df = pd.DataFrame({"username": ["andi"], "text": ["wa 081234567890 @budi"], "n": [3], "id": ["x"]})
    out, c = privacy.scrub_table(df, salt=s, keep_columns=["id"])
    assert out["username"][0] == privacy.pseudonym("andi", salt=s) != privacy.pseudonym("andi")
    assert "081234567890" not in out["text"][0] and c == {"hp": 1, "handle": 2}, (out, c)
