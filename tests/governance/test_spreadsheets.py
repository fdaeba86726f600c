import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from governance.spreadsheets import csv_response, spreadsheet_safe, xlsx_response
from tests.hostile_inputs import HOSTILE_INPUTS


@pytest.mark.parametrize("name", ["formula_equals", "formula_plus", "formula_minus", "formula_at"])
def test_formula_text_is_quoted(name):
    assert spreadsheet_safe(HOSTILE_INPUTS[name]) == "'" + HOSTILE_INPUTS[name]


@pytest.mark.parametrize("value", ["Hjerteugen", "", 42, -3, 0.5, None, datetime.date(2026, 1, 5)])
def test_data_stays_as_it_is(value):
    assert spreadsheet_safe(value) == value


def test_csv_quotes_formulas_in_header_and_rows_and_keeps_letters():
    response = csv_response(filename="rapport", header=["Afdeling", "=1+1"], rows=[["Øre-næse-hals", "@SUM(A1)"]])
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [
        ["Afdeling", "'=1+1"],
        ["Øre-næse-hals", "'@SUM(A1)"],
    ]
    assert response["Content-Disposition"] == 'attachment; filename="rapport.csv"'


def test_xlsx_holds_quoted_text_numbers_and_naive_datetimes():
    moment = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    response = xlsx_response(
        filename="rapport", sheet_title="Tal", header=["Tekst", "Tal", "Tid"], rows=[["=cmd|' /C calc'!A0", 7, moment]]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == ["'=cmd|' /C calc'!A0", 7, datetime.datetime(2026, 3, 1, 9, 30)]
    assert sheet.title == "Tal"
