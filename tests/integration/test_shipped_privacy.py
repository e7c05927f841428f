"""The shipped comments' synthetic identifiers (datasets/pii_flags.csv) against the scrubber."""

import pandas as pd

from humaskit.core import privacy
from humaskit.data import contacts


def test_every_flagged_synthetic_identifier_is_found(data_dir):
    comments = pd.read_csv(data_dir / "comments.csv").set_index("comment_id")["text"]
    flags = pd.read_csv(data_dir / "pii_flags.csv")
    assert len(flags) > 100
    official = contacts.official(data_dir)
    for flag in flags.itertuples():
        found = privacy.find_identifiers(comments[flag.comment_id], official)
        assert any(s <= flag.start and e >= flag.end for _, s, e in found), flag


def test_no_false_alarm_on_unflagged_comments_or_official_contacts(data_dir):
    comments = pd.read_csv(data_dir / "comments.csv")
    flagged = set(pd.read_csv(data_dir / "pii_flags.csv")["comment_id"])
    clean = comments[~comments["comment_id"].isin(flagged)]
    official = contacts.official(data_dir)
    hits = [t for t in clean["text"] if privacy.find_identifiers(t, official)]
    assert hits == []
