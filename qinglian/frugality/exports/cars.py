"""Excel layout of the official car register. The columns are the import's (importers/cars.py) plus 序号 and 状态,
which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core import clock
from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.cars import car_cells, car_columns
from qinglian.frugality.models import OfficialCar


def car_status(car: OfficialCar) -> str:
    return "已处置" if car.disposed_on is not None and car.disposed_on <= clock.today() else "在册"


def cars_xlsx(request: HttpRequest, cars: Iterable[OfficialCar]) -> HttpResponse:
    columns = [Column("序号", 6), *car_columns([]), Column("状态", 8)]
    rows = [(i, *car_cells(car), car_status(car)) for i, car in enumerate(cars, start=1)]
    return export_table(request, "公务用车台账", columns, rows)
