import datetime

import pytest
from django.utils import translation

from projects.duration import date_range, month_count, project_duration
from tests.conftest import LANGUAGES

D = datetime.date


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "8 months, May–December 2024"),
        ("sq", "8 muaj, maj–dhjetor 2024"),
        ("be", "8 месяцаў, травень–снежань 2024"),
    ],
)
def test_duration_within_one_year(language, expected):
    with translation.override(language):
        assert project_duration(D(2024, 5, 1), D(2024, 12, 31)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "18 months, October 2023 – March 2025"),
        ("sq", "18 muaj, tetor 2023 – mars 2025"),
        ("be", "18 месяцаў, кастрычнік 2023 – сакавік 2025"),
    ],
)
def test_duration_across_years(language, expected):
    with translation.override(language):
        assert project_duration(D(2023, 10, 1), D(2025, 3, 31)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 month, May 2024"),
        ("sq", "1 muaj, maj 2024"),
        ("be", "1 месяц, травень 2024"),
    ],
)
def test_duration_of_a_single_month(language, expected):
    with translation.override(language):
        assert project_duration(D(2024, 5, 3), D(2024, 5, 28)) == expected


@pytest.mark.parametrize(
    ("months", "be", "sq", "en"),
    [
        (1, "1 месяц", "1 muaj", "1 month"),
        (2, "2 месяцы", "2 muaj", "2 months"),
        (3, "3 месяцы", "3 muaj", "3 months"),
        (4, "4 месяцы", "4 muaj", "4 months"),
        (5, "5 месяцаў", "5 muaj", "5 months"),
        (8, "8 месяцаў", "8 muaj", "8 months"),
        (11, "11 месяцаў", "11 muaj", "11 months"),
        (12, "12 месяцаў", "12 muaj", "12 months"),
        (14, "14 месяцаў", "14 muaj", "14 months"),
        (21, "21 месяц", "21 muaj", "21 months"),
        (22, "22 месяцы", "22 muaj", "22 months"),
        (25, "25 месяцаў", "25 muaj", "25 months"),
    ],
)
def test_plural_forms_of_months(months, be, sq, en):
    start = D(2020, 1, 1)
    end_month = start.month + months - 1
    end = D(start.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    assert month_count(start, end) == months
    for language, expected in (("be", be), ("sq", sq), ("en", en)):
        with translation.override(language):
            assert project_duration(start, end).startswith(expected + ", ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "since May 2024"), ("sq", "që nga maji 2024"), ("be", "з траўня 2024")],
)
def test_open_ended_project_that_started(language, expected):
    with translation.override(language):
        assert project_duration(D(2024, 5, 1), None, today=D(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2001, 1, 1), "са студзеня 2001"),
        (D(2024, 3, 1), "з сакавіка 2024"),
        (D(2024, 8, 1), "са жніўня 2024"),
        (D(2024, 9, 1), "з верасня 2024"),
        (D(2023, 12, 1), "са снежня 2023"),
    ],
)
def test_belarusian_preposition_before_a_month(start, expected):
    with translation.override("be"):
        assert project_duration(start, None, today=D(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "from June 2031"), ("sq", "duke filluar nga qershori 2031"), ("be", "з чэрвеня 2031")],
)
def test_open_ended_project_that_has_not_started(language, expected):
    with translation.override(language):
        assert project_duration(D(2031, 6, 1), None, today=D(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("en", D(2023, 10, 14), D(2023, 10, 15), "14–15 October 2023"),
        ("sq", D(2023, 10, 14), D(2023, 10, 15), "14–15 tetor 2023"),
        ("be", D(2023, 10, 14), D(2023, 10, 15), "14–15 кастрычніка 2023"),
        ("en", D(2023, 10, 14), None, "14 October 2023"),
        ("be", D(2025, 4, 16), D(2025, 4, 16), "16 красавіка 2025"),
        ("en", D(2023, 9, 30), D(2023, 10, 2), "30 September – 2 October 2023"),
        ("be", D(2023, 9, 30), D(2023, 10, 2), "30 верасня – 2 кастрычніка 2023"),
        ("sq", D(2023, 12, 30), D(2024, 1, 2), "30 dhjetor 2023 – 2 janar 2024"),
        ("en", None, None, ""),
    ],
)
def test_activity_dates(language, start, end, expected):
    with translation.override(language):
        assert date_range(start, end) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_month_has_its_own_name(language):
    with translation.override(language):
        names = {project_duration(D(2024, month, 1), D(2024, month, 2)) for month in range(1, 13)}
    assert len(names) == 12


@pytest.mark.parametrize(
    ("language", "one_year", "two_years", "since", "from_"),
    [
        ("en", "2022", "2022–2023", "since 2001", "from 2031"),
        ("sq", "2022", "2022–2023", "që nga viti 2001", "nga viti 2031"),
        ("be", "2022", "2022–2023", "з 2001 года", "з 2031 года"),
    ],
)
def test_a_duration_known_only_to_the_year_names_no_months(language, one_year, two_years, since, from_):
    today = datetime.date(2026, 12, 1)
    with translation.override(language):
        assert project_duration(datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), years_only=True) == one_year
        assert project_duration(datetime.date(2022, 3, 1), datetime.date(2023, 6, 30), years_only=True) == two_years
        assert project_duration(datetime.date(2001, 1, 1), None, today=today, years_only=True) == since
        assert project_duration(datetime.date(2031, 1, 1), None, today=today, years_only=True) == from_
