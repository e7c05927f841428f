"""humaskit: a training kit for Indonesian government PR officers (humas).

Trainees learn to run social media as a dialogue with citizens: classifying posts by
dialogic principle, estimating an agency's maturity, and drafting response plans.

The package is layered; each subpackage imports only from the layers below it (a test,
``tests/unit/test_layers.py``, keeps it so):

    cli.py       the command line: parse, call, print
    trainer/     the trainer's grading cycle: course folder outside the repository, collect,
                 sandboxed autograde (nbgrader preprocessors), feedback, export
    workshop/    the room: the server that serves apps/ (landing page, preheated kernels, limits),
                 the shared store (SQLite or PostgreSQL), joining, the facilitator's dashboard
    ui/          widgets (own_data: upload -> import -> scrub -> analysis), plots, HTML report, memo
                 export (Indonesian names and formats at the edge)
    course/      nbgrader helpers and feedback, marker check, trainees' distribution, cohort
                 variants, practice sessions, course map, corpus statistics,
                 JupyterLab settings (files in jupyter/), the trainee's working folder
    coding/      module 1: classifier, agreement, timeline
    maturity/    module 2: evidence, metrics, levels          (may use coding/)
    response/    module 3: crisis frameworks, working days, triage, plans
    importers/   real exports (tweet-harvest, X API, Meta, YouTube, mapped tables) to the canonical
                 schema, rows checked and reported, output scrubbed           (may use data/, core/)
    data/        schema ids, display names, codebook, corpus, scenarios, official contacts,
                 scrubbing of every table on its way out (and `humaskit scrub`)
    core/        paths, errors, files, tables, storage, WIB time, formats, templates, privacy,
                 parallel map, cue rules, the text-model base, review (needs_review), evaluation
"""

__version__ = "0.1.0"
