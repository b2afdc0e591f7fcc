"""Plates per side: what goes on the bar always adds up to the load it claims, from the plates there are."""

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runprint.plates import MARK, PlatesError, load_bar, read_gym

D = Decimal


@pytest.mark.parametrize("load,text", [
    ("95", "20 kg bar + 25 + 10 + 2.5"),
    ("20", "20 kg bar"),
    ("77.5", "20 kg bar + 25 + 2.5 + 1.25"),
    ("102.5", "20 kg bar + 25 + 15 + 1.25"),
    ("96", "*nearest 95 kg: 20 kg bar + 25 + 10 + 2.5"),
    ("15", "*nearest 20 kg: 20 kg bar"),
])
def test_kilograms_with_the_default_bar_and_plates(load, text):
    assert load_bar(D(load), read_gym("", "", "kg")).text("kg") == text


@pytest.mark.parametrize("load,text", [
    ("135", "45 lb bar + 45"),
    ("225", "45 lb bar + 45 + 45"),
    ("170", "45 lb bar + 45 + 10 + 5 + 2.5"),
    ("215", "45 lb bar + 45 + 35 + 5"),
    ("47.5", "*nearest 45 lb: 45 lb bar"),
])
def test_pounds_with_the_default_bar_and_plates(load, text):
    assert load_bar(D(load), read_gym("", "", "lb")).text("lb") == text


def test_counts_are_of_plates_in_all_so_half_go_on_each_side():
    gym = read_gym(20, {25: 4, 20: 2, "1.25": 2}, "kg")
    assert load_bar(D(110), gym).side == (25, 20)
    # 140 would need more 25s than the two a side there are: 122.5 is the nearest
    loading = load_bar(D(140), gym)
    assert (loading.built, loading.exact) == (D("122.5"), False)
    assert loading.text("kg") == "*nearest 122.5 kg: 20 kg bar + 25 + 25 + 1.25"


def test_plates_a_greedy_choice_would_miss_are_found():
    # 25 a side is 15 + 10; taking the 15 first must not stop at 15 + nothing
    gym = read_gym(20, [15, 10], "kg")
    assert load_bar(D(70), gym).side == (15, 10)
    assert load_bar(D(60), gym).side == (10, 10)


def test_two_loads_as_near_pick_the_lighter():
    gym = read_gym(20, [10], "kg")
    assert load_bar(D(50), gym).built == D(40)  # 40 and 60 are as near; never more than asked by default


@pytest.mark.parametrize("bar,plates,units", [("", "25, 20, 10", "kg"), ("15", "[25, 20, 10]", "kg"),
                                               ("20 kg", "{25: 4, 20: 2}", "kg"), ("35", "45:6 25:2 10:4", "lb"),
                                               ("", ["45", "2.5"], "lb")])
def test_bars_and_plates_as_written_in_a_template_a_roster_or_set(bar, plates, units):
    gym = read_gym(bar, plates, units)
    assert gym.plates == tuple(sorted(gym.plates, reverse=True)) and gym.bar > 0


@pytest.mark.parametrize("bar,plates,message", [
    ("heavy", "", "'heavy' is not a bar's weight"),
    ("500", "", "a 500 kg bar is outside 0-100"),
    ("", "25, twenty", "cannot read 'twenty' as a plate"),
    ("", "25, 25", "the 25 kg plate is listed twice"),
    ("", "0.1", "a 0.1 kg plate is outside 0.25-100"),
    ("", {25: "lots"}, "'lots' is not a number of 25 kg plates"),
    ("", {25: 5000}, "5000 plates of 25 kg is more than 1000"),
    ("", [], "0 plate sizes: give 1 to 20"),
    ("", ["0.125"], "'0.125' is not a plate's weight"),  # summed in hundredths: a third decimal would be lost
    ("", {25: "²"}, "'²' is not a number of 25 kg plates"),
    ("", "1" * 50, "cannot read '1111111111111111111111111111111111111111' as a plate"),
])
def test_a_bar_or_plates_that_cannot_be_read_say_why(bar, plates, message):
    with pytest.raises(PlatesError) as exc:
        read_gym(bar, plates, "kg")
    assert exc.value.message == message
    assert exc.value.hint


def test_a_decimal_comma_in_a_list_reads_as_a_point():
    # in text, a comma parts the plates: '25, 2.5'
    assert read_gym("20", ["25", "2,5"], "kg").plates == ((D(25), None), (D("2.5"), None))


def test_plates_need_kilograms_or_pounds():
    with pytest.raises(PlatesError) as exc:
        read_gym("", "", "stone")
    assert exc.value.message == "plates need units kg or lb, not 'stone'"


def test_ten_thousand_spaces_read_as_no_plates_at_all():
    assert read_gym(" " * 10_000, " " * 10_000, "kg") == read_gym("", "", "kg")


@pytest.mark.parametrize("text", ["25" + " " * 10_000 + "x", "25" + " " * 10_000 + ":" + " " * 10_000 + "4 x",
                                  ":" * 10_000])
def test_long_runs_of_spaces_or_colons_are_read_at_once(text):
    with pytest.raises(PlatesError):
        read_gym("", text, "kg")


SIZES = st.sampled_from(["0.25", "0.5", "1", "1.25", "2.5", "5", "10", "15", "20", "25", "35", "45", "3.3", "7.1"])


@st.composite
def gyms(draw):
    sizes = draw(st.lists(SIZES, min_size=1, max_size=5, unique=True))
    counted = draw(st.booleans())
    plates = {s: draw(st.integers(0, 12)) for s in sizes} if counted else sizes
    return draw(st.sampled_from(["15", "20", "45", "0"])), plates


@settings(max_examples=300, deadline=None)
@given(gyms(), st.decimals(min_value=0, max_value=600, places=2))
def test_every_load_printed_as_buildable_sums_exactly_from_the_plates(gym_spec, load):
    bar, plates = gym_spec
    gym = read_gym(bar, plates, "kg")
    loading = load_bar(load, gym)
    # the plates on a side are ones the gym has, no more of each than it has for a side
    have = dict(gym.plates)
    for size, used in Counter(loading.side).items():
        assert size in have and (have[size] is None or used <= have[size])
    assert list(loading.side) == sorted(loading.side, reverse=True)
    assert loading.built == gym.bar + 2 * sum(loading.side, D(0))
    text = loading.text("kg")
    if loading.exact:
        assert loading.built == load and not text.startswith(MARK)
    else:
        assert text.startswith(f"{MARK}nearest ") and loading.built != load
    # what the text lists adds up to the load it names
    listed = text.split(": ")[-1].removesuffix(" kg bar").split(" + ")
    assert D(listed[0].removesuffix(" kg bar")) + 2 * sum((D(p) for p in listed[1:]), D(0)) == loading.built


@settings(max_examples=200, deadline=None)
@given(gyms(), st.decimals(min_value=0, max_value=300, places=2))
def test_no_buildable_load_is_nearer_than_the_one_printed(gym_spec, load):
    bar, plates = gym_spec
    gym = read_gym(bar, plates, "kg")
    loading = load_bar(load, gym)
    # loads the plates can make, by brute force over at most 3 of each a side: none is nearer
    options = {D(0)}
    for size, count in gym.plates:
        most = 3 if count is None else min(count, 3)
        options = {o + k * size for o in options for k in range(most + 1)}
    assert abs(loading.built - load) <= min(abs(gym.bar + 2 * o - load) for o in options)
