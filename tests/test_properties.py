"""Random names, notes and numbers: a valid card (one page up to 10 sets), or a clear error. Never a traceback."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdfcheck import assert_printable, open_pdf
from runprint.errors import RunprintError
from runprint.library import Library
from runprint.schema import template_from_doc
from runprint.pipeline import render_card
from runprint.sources import load_yaml

TEMPLATE = """\
title: "Plan for {{ athlete }}"
params: {athlete: "", notes: "", sets: 3, reps: 10, seconds: 30, week: 1, log_weeks: 4}
sessions:
  - id: mixed
    name: "Mixed {{ notes }}"
    notes: "{{ notes }}"
    exercises:
      - exercise: push-up
        do: "{{ sets }}x{{ reps }}"
        note: "{{ notes }}"
      - exercise: side-plank
        sets: "{{ sets }}"
        time: "{{ seconds }}s"
      - exercise: farmers-carry
        do: "{{ sets }}x40m"
        load: "{{ notes }}"
"""

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
european = st.text(alphabet=st.sampled_from("abcXYZ ÅåÖöÆæŁłŻżΑαΩωЖжЩщ<>&'\"{}%#/\\·-"), max_size=60)
number = st.integers(min_value=-5, max_value=400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(athlete=st.one_of(text, european), notes=st.one_of(text, european), sets=number, reps=number,
       seconds=number, log_weeks=st.integers(min_value=-1, max_value=12))
def test_card_or_clear_error(tmp_path_factory, athlete, notes, sets, reps, seconds, log_weeks):
    folder = tmp_path_factory.mktemp("t")
    (folder / "random.yaml").write_text(TEMPLATE)
    library = Library.default(cwd=Path("/nonexistent"))
    template = template_from_doc(load_yaml(folder / "random.yaml"), "random", library.exercise_files)
    params = {"athlete": athlete, "notes": notes, "sets": str(sets), "reps": str(reps), "seconds": str(seconds),
              "log_weeks": str(log_weeks)}
    try:
        data = render_card(template, params, library=library)
    except RunprintError as exc:
        assert exc.problems and all(p.message and p.hint for p in exc.problems)
        assert all(p.file for p in exc.problems), exc
        return
    pdf = open_pdf(data)
    assert len(pdf.pages) == 1 or sets > 10  # up to 20 sets may take a log page and a steps page
    for page in pdf.pages:
        assert_printable(page)
