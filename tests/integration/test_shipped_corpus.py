"""The shipped corpus (datasets/): the foundation issue's figures, a reproducible build, datasheets."""

import subprocess
import sys

import pandas as pd
import pytest

from humaskit.data import corpus, schema


class TestShippedCorpus:
    """The kit's own corpus meets the foundation issue's figures."""

    @pytest.fixture(scope="class")
    @staticmethod
    def posts(data_dir):
        return corpus.load_posts(data_dir)

    @pytest.fixture(scope="class")
    @staticmethod
    def comments(data_dir, posts):
        return corpus.load_comments(data_dir, posts=posts)

    def test_size_and_span(self, posts, comments, data_dir):
        assert len(posts) >= 1200
        assert len(comments) >= 4000
        assert posts["platform"].nunique() >= 3
        assert posts["created_at"].dt.strftime("%Y-%m").nunique() >= 18
        assert (posts["created_at"].dt.strftime("%z") == "+0700").all()
        agencies = corpus.load_agencies(data_dir)
        assert len(agencies) >= 6
        assert {"policy_ministry", "service_unit", "regional_government", "disaster_agency", "police",
                "health_office"} <= set(agencies["kind"])

    def test_profiles_allow_teaching_ease_of_interface(self, data_dir):
        agencies = corpus.load_agencies(data_dir)
        for column in ("bio", "website", "contact", "service_hours", "pinned_post", "platforms",
                       "alt_text_on_images", "consistent_handle"):
            assert column in agencies
        verified = agencies["platforms"].map(lambda p: any(v.get("verified") for v in p.values()))
        assert verified.any() and not verified.all()  # some verified, some not

    def test_every_label_and_comment_kind_present(self, posts, comments):
        assert set(posts["label"]) == set(schema.LABEL_IDS)
        assert set(comments["kind"]) == set(schema.COMMENT_KINDS)
        assert (comments["kind"] == "agency_reply").eq(comments["author_role"] == "agency").all()

    def test_replies_come_after_what_they_answer(self, posts, comments):
        times = pd.concat([posts.set_index("post_id")["created_at"]])
        post_time = comments["post_id"].map(times)
        assert (comments["created_at"] > post_time).all()
        parent_time = comments["parent_id"].map(comments.set_index("comment_id")["created_at"])
        has_parent = comments["parent_id"].notna()
        assert (comments.loc[has_parent, "created_at"] > parent_time[has_parent]).all()

    def test_service_units_more_dialogic_than_policy_ministry(self, posts, data_dir):
        kinds = corpus.load_agencies(data_dir).set_index("account")["kind"]
        share = (posts["label"] == "dialogic_loop").groupby(posts["account"]).mean()
        by_kind = share.groupby(kinds.reindex(share.index)).mean()
        assert by_kind["service_unit"] > 2 * by_kind["policy_ministry"]
        ceremonial = (posts["label"] == "non_dialogic").groupby(posts["account"]).mean()
        assert (ceremonial > 0.04).all()  # greetings and officials' activities everywhere

    def test_ministry_goes_quiet_in_its_crisis(self, posts, comments, data_dir):
        agencies = corpus.load_agencies(data_dir).set_index("account")
        ministry = agencies.index[agencies["kind"] == "policy_ministry"][0]
        mine = posts[posts["account"] == ministry]
        crisis = corpus.in_crisis(mine, data_dir)
        days = corpus.crisis_periods(data_dir).query("account == @ministry")
        crisis_days = sum((r.end - r.start).days for r in days.itertuples())
        total_days = (mine["created_at"].max() - mine["created_at"].min()).days
        rate_in = crisis.sum() / crisis_days
        rate_out = (~crisis).sum() / (total_days - crisis_days)
        assert rate_in < 0.6 * rate_out
        assert (mine.loc[crisis, "label"] != "useful_information").all()
        crisis_posts = set(mine.loc[crisis, "post_id"])
        assert not ((comments["post_id"].isin(crisis_posts)) & (comments["author_role"] == "agency")).any()

    def test_many_questions_left_unanswered_and_delays_realistic(self, posts, comments):
        from humaskit.maturity import metrics

        s = metrics.response_summary(posts, comments)
        assert s["response_rate"].min() < 0.3 and s["response_rate"].max() > 0.6
        hours = metrics.first_responses(comments)["response_hours"].dropna()
        assert hours.min() < 0.25 and hours.max() > 48  # minutes to days

    def test_synthetic_identifiers_are_flagged_where_they_stand(self, comments, data_dir):
        flags = pd.read_csv(data_dir / "pii_flags.csv", dtype={"value": str})
        assert len(flags) >= 50 and set(flags["type"]) == {"nik", "kk", "npwp", "hp", "email"}
        text = comments.set_index("comment_id")["text"]
        for row in flags.itertuples():
            assert text[row.comment_id][row.start:row.end] == row.value
        # No 16-digit number anywhere that is not flagged.
        found = comments["text"].str.findall(r"(?<!\d)\d{16}(?!\d)").explode().dropna()
        assert set(found) <= set(flags["value"])

    def test_handles_are_pseudonymous(self, comments, data_dir):
        citizens = comments.loc[comments["author_role"] == "citizen", "author"]
        assert citizens.str.fullmatch(r"warga_[0-9a-f]{8}").all()

    def test_gold_subset_double_coded(self, data_dir, posts):
        gold = corpus.load_gold(data_dir)
        assert len(gold) >= 300
        assert gold["post_id"].isin(posts["post_id"]).all()
        assert set(gold["coder_a"]) == set(schema.LABEL_IDS)
        agree = gold["coder_a"] == gold["coder_b"]
        assert (gold.loc[agree, "gold_label"] == gold.loc[agree, "coder_a"]).all()
        assert 0 < (~agree).sum() < len(gold)  # raw codes kept, disagreements real

    def test_text_variety_not_templates(self, posts):
        from sklearn.feature_extraction.text import CountVectorizer

        assert posts["text"].nunique() == len(posts)
        # Most posts open in their own words (greetings and press releases may share an opening).
        openings = posts["text"].str.lower().str.split().str[:5].str.join(" ")
        assert openings.nunique() / len(posts) >= 0.85
        # No two posts of any length share most of their word trigrams (a template corpus would);
        # only short greetings that quote an official theme may come close.
        X = CountVectorizer(ngram_range=(3, 3), binary=True).fit_transform(posts["text"])
        inter = (X @ X.T).tocoo()
        sizes = X.sum(axis=1).A1
        off = inter.row < inter.col
        rows, cols, shared = inter.row[off], inter.col[off], inter.data[off]
        jaccard = shared / (sizes[rows] + sizes[cols] - shared)
        long_pair = (sizes[rows] >= 25) & (sizes[cols] >= 25)
        assert jaccard[long_pair].max() < 0.5
        assert (jaccard >= 0.5).sum() <= 5


def test_build_is_reproducible_and_files_current(root):
    result = subprocess.run([sys.executable, "scripts/build_corpus.py", "--check"], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_data_file_has_a_datasheet(data_dir):
    readme = (data_dir / "README.md").read_text(encoding="utf-8")
    files = [p for p in data_dir.iterdir() if p.is_file() and p.suffix in (".csv", ".json")]
    assert files
    for f in files:
        assert f"`{f.name}`" in readme, f"{f.name} missing from datasets/README.md"
    for sheet in ("posts", "comments", "agencies", "gold", "pii_flags", "source", "scenarios", "plans",
                  "triage_check", "triage_extra"):
        text = (data_dir / "datasheets" / f"{sheet}.md").read_text(encoding="utf-8")
        for heading in ("**Purpose.**", "**Composition.**", "**How it was made.**", "**Licence.**"):
            assert heading in text, f"{sheet}.md lacks {heading}"
