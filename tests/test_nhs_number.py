"""NHS numbers: 10 digits with a modulus 11 check digit; optional, and pointed out, never refused."""

import pytest

from pcsp_core import nhs_number_problem


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "401 023 2137", "", "  "])
def test_valid_or_blank_numbers_are_fine(number):
    assert nhs_number_problem(number) is None


@pytest.mark.parametrize("number, words", [
    ("943 476 5918", "not a valid NHS number"),   # last digit wrong
    ("943 476 5991", "not a valid NHS number"),   # two digits swapped
    ("943 476 591", "10 digits"),
    ("94347659190", "10 digits"),
    ("NHS 943 476", "10 digits"),
])
def test_wrong_numbers_are_pointed_out(number, words):
    assert words in nhs_number_problem(number)


def test_a_number_whose_check_digit_would_be_10_is_never_valid():
    # 10 is no digit: numbers whose weighted sum gives it are not issued.
    digits = "000000006"
    weights = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
    assert 11 - weights % 11 == 10
    assert all(nhs_number_problem(digits + str(last)) is not None for last in range(10))
