from humaskit.ui import apps


def test_file_stem_keeps_only_safe_characters():
    assert apps.file_stem("  Meja Dua  ") == "meja_dua"
    assert apps.file_stem("../../x") == "x"
    assert apps.file_stem("Budi <script>") == "budi_script"
    assert apps.file_stem("") == apps.file_stem("!!!") == "peserta"
    assert len(apps.file_stem("a" * 100)) == 40


def test_bullet_list_escapes():
    assert apps.bullet_list(["<b>x</b>", 3]) == "<ul><li>&lt;b&gt;x&lt;/b&gt;</li><li>3</li></ul>"


def test_maturity_summary_names_levels_and_escapes():
    result = {"self_assessment": {"capability_level": 2, "outcome_level": None}, "capability_level": 2,
              "capability_source": "penilaian diri", "outcome_level": 3, "data_capability_level": 1,
              "gaps": [], "level": 2, "level_name": "Transparansi data",
              "recommendations": ["<a>"], "uncertainty": {"notes": ["cukup pasti"]}}
    page = apps.maturity_summary_html(result, "Dinas <Uji>")
    assert "Dinas &lt;Uji&gt;" in page and "&lt;a&gt;" in page
    assert "tingkat 3 (Partisipasi terbuka)" in page and "hasil tingkat -" in page
    assert "Belum ada penilaian diri tentang hasil" in page


def test_scenario_risks_come_without_scores():
    risks = apps.scenario_risks("hoaks-bansos")
    assert 1 <= len(risks) <= 5 and all(set(r) == {"id", "description"} for r in risks)
    assert apps.scenario_risks("tidak-ada-rencana") == list(apps.GENERIC_RISKS)


class _Room:
    """What JoinedSteps needs of the workshop room: who joined, and a call after joining."""

    def __init__(self):
        self.participant, self.calls = None, []

    def on_join(self, call):
        self.calls.append(call)

    def join(self, who):
        self.participant = who
        for call in self.calls:
            call(who)


def test_joined_steps_wait_for_the_table_then_follow_the_picker():
    import ipywidgets as w

    from humaskit.ui.apps import WAITING, JoinedSteps

    room, picker = _Room(), w.Dropdown(options=["a", "b"], value="a")
    built = []

    def build(value, extra=""):
        built.append(value + extra)
        return [w.VBox([w.HTML(value + extra)])]

    steps = JoinedSteps(room, picker)
    box = steps.step(build)
    assert built == [] and WAITING in box.children[0].value  # nothing made before joining
    picker.value = "b"
    assert built == []
    room.join("meja 1")
    assert built == ["b"] and box.children[0].children[0].value == "b"
    first = box.children[0]
    inner = first.children[0]
    picker.value = "a"
    assert built == ["b", "a"] and box.children[0].children[0].value == "a"
    assert first.comm is None and inner.comm is None  # the old step's widgets are closed
    steps.redraw(box, extra="!")
    assert box.children[0].children[0].value == "a!"
    late = steps.step(build)  # a step added after joining is drawn at once
    assert late.children[0].children[0].value == "a"


def test_agency_profiles_are_made_once_escaped_by_account():
    import pandas as pd

    agencies = pd.DataFrame({"account": ["a1", "b2"], "name": ["Dinas <A>", "Badan B"],
                             "region": ["Kota X", "Kab. Y"], "bio": ["Melayani & mendengar", "-"]})
    profiles = apps.agency_profiles(agencies.set_index("account"))
    assert sorted(profiles) == ["a1", "b2"]
    assert "Dinas &lt;A&gt;" in profiles["a1"] and "Melayani &amp; mendengar" in profiles["a1"]
    assert "Kab. Y" in profiles["b2"] and "Bio akun" in profiles["b2"]
