"""Every bad-input file under tests/data/bad/ gives exactly this message from `runprint check`.

One file per message; the whole message is asserted, so a change in wording is a
decision, not an accident.
"""

from pathlib import Path

import pytest

from runprint.cli import main

BAD = Path(__file__).parent / "data" / "bad"

EXPECTED = {
    'exercises/Bad_Name.yaml': (
        "error: exercises/Bad_Name.yaml:1: 'Bad_Name' is not a valid exercise id\n"
        "  hint: name the file in lowercase words joined by '-', e.g. bad-name.yaml"
    ),
    'exercises/bad-group.yaml': (
        "error: exercises/bad-group.yaml:2: group: 'cor' is not one of: back, chest, shoulders, arms, core, mobility, lower, full-body\n"
        "  hint: did you mean 'core'?"
    ),
    'exercises/bad-video.yaml': (
        'error: exercises/bad-video.yaml:5: video: a video must be an http:// or https:// address\n'
        '  hint: paste the full web address, starting with https://'
    ),
    'exercises/bad-yaml.yaml': (
        'error: exercises/bad-yaml.yaml:5: not valid YAML, column 2: did not find expected key\n'
        '  hint: check the indentation and quoting on this line and the one above'
    ),
    'exercises/duplicate-key.yaml': (
        "error: exercises/duplicate-key.yaml:3: the key 'name' appears twice (first on line 1)\n"
        '  hint: keep one of them; the second would silently replace the first'
    ),
    'exercises/empty.yaml': (
        'error: exercises/empty.yaml:1: the file is empty\n'
        "  hint: write the keys this file needs, e.g. 'name: ...'"
    ),
    'exercises/empty-cue.yaml': (
        'error: exercises/empty-cue.yaml:5: cues[1]: this entry is empty\n'
        '  hint: remove the line, or write the text'
    ),
    'exercises/many-errors.yaml': (
        'error: exercises/many-errors.yaml:1: name: expected text, got a list\n'
        '  hint: write the value as plain text\n'
        "error: exercises/many-errors.yaml:2: group: 'cor' is not one of: back, chest, shoulders, arms, core, mobility, lower, full-body\n"
        "  hint: did you mean 'core'?\n"
        'error: exercises/many-errors.yaml:3: steps: expected a list of steps, got text\n'
        '  hint: start each step on its own line with "- "\n'
        'error: exercises/many-errors.yaml:4: cues: expected a list of cues, got text\n'
        '  hint: write it as [a, b] or start each entry on its own line with "- "'
    ),
    'exercises/missing-name.yaml': (
        "error: exercises/missing-name.yaml:1: 'name' is required\n"
        "  hint: add a line 'name: ...'"
    ),
    'exercises/not-utf8.yaml': (
        'error: exercises/not-utf8.yaml:4: byte 0xff is not UTF-8 text\n'
        '  hint: save the file as UTF-8'
    ),
    'exercises/per-side-text.yaml': (
        'error: exercises/per-side-text.yaml:3: per_side: expected true or false, got text\n'
        "  hint: write 'per_side: true' or 'per_side: false'"
    ),
    'exercises/python-tag.yaml': (
        'error: exercises/python-tag.yaml:1: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed\n'
        "  hint: remove the '!' tag; plain values are enough"
    ),
    'exercises/steps-as-text.yaml': (
        'error: exercises/steps-as-text.yaml:3: steps: expected a list of steps, got text\n'
        '  hint: start each step on its own line with "- "'
    ),
    'exercises/too-many-cues.yaml': (
        'error: exercises/too-many-cues.yaml:5: cues: 5 cues, more than the 4 a card can hold\n'
        '  hint: keep at most 4'
    ),
    'exercises/top-level-list.yaml': (
        'error: exercises/top-level-list.yaml:1: expected a mapping of keys at the top level\n'
        "  hint: start the file with 'key: value' lines"
    ),
    'exercises/unknown-key.yaml': (
        "error: exercises/unknown-key.yaml:3: stepz: unknown key 'stepz'\n"
        "  hint: did you mean 'steps'?"
    ),
    'templates/backwards-range.yaml': (
        'error: templates/backwards-range.yaml:6: sessions[0].exercises[0].do: the range 12-8 runs backwards\n'
        '  hint: write the smaller number first, e.g. 8-12'
    ),
    'templates/bad-do.yaml': (
        "error: templates/bad-do.yaml:6: sessions[0].exercises[0].do: cannot read 'three sets of ten' as sets x reps\n"
        '  hint: write SETSxREPS like 3x10, 3x10/side, 3x30s or 3x40m, or a number a set: 12,10,8 or 5,3,1+'
    ),
    'templates/bad-max-and-share.yaml': (
        "error: templates/bad-max-and-share.yaml:8: sessions[0].exercises[0].max: the max '225lb' is in lb but the units are kg\n"
        '  hint: write the max in kg, or set units to lb: runprint does not convert\n'
        "error: templates/bad-max-and-share.yaml:12: sessions[0].exercises[1].max: 'heavy' is not a training max\n"
        '  hint: write the max as a number, e.g. 100, 100 kg or 225 lb\n'
        'error: templates/bad-max-and-share.yaml:17: sessions[0].exercises[2].load: 180% of a max is outside 1-150%\n'
        '  hint: check for a typo, e.g. 75%'
    ),
    'templates/bad-weekday.yaml': (
        "error: templates/bad-weekday.yaml:9: schedule.moon: 'moon' is not a weekday\n"
        "  hint: did you mean 'mon'?"
    ),
    'templates/billion-laughs.yaml': (
        'error: templates/billion-laughs.yaml:5: the file expands to more than 50,000 values (aliases repeated too often)\n'
        "  hint: write the values out instead of nesting '*alias' references"
    ),
    'templates/both-do-and-sets.yaml': (
        "error: templates/both-do-and-sets.yaml:6: sessions[0].exercises[0].do: give either 'do:' or sets with reps/time/distance, not both\n"
        "  hint: keep 'do: 3x10', or remove it and keep the separate keys"
    ),
    'templates/duplicate-session.yaml': (
        "error: templates/duplicate-session.yaml:7: sessions[1].id: two sessions share the id 'day-one' (the first is sessions[0])\n"
        "  hint: give each session its own 'id:'"
    ),
    'templates/empty-exercises.yaml': (
        'error: templates/empty-exercises.yaml:4: sessions[0].exercises: expected a list of at least one exercise\n'
        '  hint: start each with "- exercise: push-up"'
    ),
    'templates/long-title.yaml': (
        'error: templates/long-title.yaml:1: title: text is 130 characters, over the 120 that can print\n'
        '  hint: shorten it'
    ),
    'templates/loop-bomb.yaml': (
        'error: templates/loop-bomb.yaml:1: title: template stopped: loops ran more than 20,000 times\n'
        "  hint: a template value should only fill in params, e.g. '{{ 8 + 2 * week }}'"
    ),
    'templates/no-prescription.yaml': (
        "error: templates/no-prescription.yaml:5: sessions[0].exercises[0]: no prescription: 'do:' or 'sets:' is required\n"
        "  hint: add 'do: 3x10' (or 3x30s, 3x40m, 3x8/side)"
    ),
    'templates/no-sessions.yaml': (
        "error: templates/no-sessions.yaml:1: 'sessions' is required\n"
        "  hint: add a line 'sessions: ...'"
    ),
    'templates/params-as-list.yaml': (
        'error: templates/params-as-list.yaml:2: params: expected a mapping of names to default values, got a list\n'
        "  hint: write it as 'params: {week: 1, units: kg}'"
    ),
    'templates/power-bomb.yaml': (
        'error: templates/power-bomb.yaml:1: title: template stopped: a power that large cannot be printed\n'
        "  hint: a template value should only fill in params, e.g. '{{ 8 + 2 * week }}'"
    ),
    'templates/sandbox-escape.yaml': (
        'error: templates/sandbox-escape.yaml:1: title: template tried something the sandbox forbids\n'
        '  hint: use only params, arithmetic and filters such as default()'
    ),
    'templates/schedule-typo.yaml': (
        "error: templates/schedule-typo.yaml:10: schedule.tue: 'day1' is not a session of this template\n"
        "  hint: did you mean 'day-1'? (other text, such as 'Easy run 40 min', prints as a run)"
    ),
    'templates/share-without-max.yaml': (
        "error: templates/share-without-max.yaml:7: sessions[0].exercises[0].load: '75%' is a share of max, but this item has no max\n"
        '  hint: add a line such as \'max: "{{ squat_max }}"\' to the item'
    ),
    'templates/sets-as-words.yaml': (
        "error: templates/sets-as-words.yaml:6: sessions[0].exercises[0].sets: 'three' is not a whole number\n"
        "  hint: write the number of sets, e.g. 'sets: 3'"
    ),
    'templates/string-bomb.yaml': (
        'error: templates/string-bomb.yaml:1: title: template stopped: repeating text that many times is too long for a card\n'
        "  hint: a template value should only fill in params, e.g. '{{ 8 + 2 * week }}'"
    ),
    'templates/too-many-sets.yaml': (
        'error: templates/too-many-sets.yaml:6: sessions[0].exercises[0].do: 30 sets is outside 1-20\n'
        '  hint: a card logs 1 to 20 sets; check for a typo'
    ),
    'templates/typo-exercise.yaml': (
        "error: templates/typo-exercise.yaml:5: sessions[0].exercises[0].exercise: no exercise named 'push-ups'\n"
        "  hint: did you mean 'push-up'?"
    ),
    'templates/unknown-item-key.yaml': (
        "error: templates/unknown-item-key.yaml:7: sessions[0].exercises[0].rests: unknown key 'rests'\n"
        "  hint: did you mean 'rest'?"
    ),
    'templates/plank-given-reps.yaml': (
        "error: templates/plank-given-reps.yaml:10: sessions[0].exercises[1].do: '3x8-12' is a number of reps, but plank is held for time\n"
        "  hint: plank is held for time: write 3x30s"
    ),
    'templates/push-up-given-seconds.yaml': (
        "error: templates/push-up-given-seconds.yaml:7: sessions[0].exercises[0].time: '30s' is a time, but push-up is counted in reps\n"
        "  hint: push-up is counted in reps: write 3x10"
    ),
    'templates/unknown-param.yaml': (
        "error: templates/unknown-param.yaml:1: title: unknown param 'wek'\n"
        "  hint: did you mean 'week'?"
    ),
    'templates/load-list-length.yaml': (
        'error: templates/load-list-length.yaml:7: sessions[0].exercises[0].load: 2 loads for 3 sets\n'
        '  hint: give one load per set (3), or a single load for every set'
    ),
    'templates/sides-not-per-side.yaml': (
        "error: templates/sides-not-per-side.yaml:7: sessions[0].exercises[0].sides: 'goblet-squat' is not done on each side, so it has no L and R to log\n"
        "  hint: remove 'sides: split', or prescribe it per side, e.g. do: 3x8/side"
    ),
    'templates/bad-effort.yaml': (
        "error: templates/bad-effort.yaml:2: effort: 'rpm' is not one of: rir, rpe, none\n"
        "  hint: did you mean 'rpe'? rir: reps in reserve; rpe: rate of perceived exertion; none: no effort cell"
    ),
    'templates/range-and-max.yaml': (
        "error: templates/range-and-max.yaml:6: sessions[0].exercises[0].do: '8-12+' is both a range and 'as many as possible'\n"
        '  hint: write 8-12 for a range, or 8+ for as many as possible'
    ),
    'templates/bad-warmup.yaml': (
        "error: templates/bad-warmup.yaml:8: sessions[0].exercises[0].warmup: cannot read 'heavy' as a warm-up set\n"
        "  hint: write each warm-up set as a share of the first work set and its reps: [40%x5, 60%x3, 80%x2], or 'warmup: standard'"
    ),
    'templates/warmup-bar-without-barbell.yaml': (
        "error: templates/warmup-bar-without-barbell.yaml:8: sessions[0].exercises[0].warmup: 'bar x5' is a warm-up with the empty bar, but goblet-squat is not done with a barbell\n"
        '  hint: give the warm-up as a share of the work set: 40%x5'
    ),
    'templates/bad-plates.yaml': (
        'error: templates/bad-plates.yaml: params.plates: a 0 kg plate is outside 0.25-100\n'
        '  hint: list the plate sizes, e.g. [25, 20, 10, 5, 2.5], or how many of each you have: {25: 4, 20: 2}'
    ),
    'templates/empty-warmup.yaml': (
        'error: templates/empty-warmup.yaml:8: sessions[0].exercises[0].warmup: the list of warm-up sets is empty\n'
        "  hint: write [40%x5, 60%x3, 80%x2], or 'warmup: standard', or remove 'warmup:'"
    ),
}


def test_every_bad_file_has_an_expected_message():
    files = {str(p.relative_to(BAD)) for p in BAD.rglob("*.yaml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_message(runner, monkeypatch, name):
    monkeypatch.chdir(BAD)
    result = runner.invoke(main, ["check", name])
    assert result.exit_code == 1
    assert result.output == EXPECTED[name] + "\n"
