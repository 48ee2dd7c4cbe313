"""The leaders' statistics page and its CSV exports.

The page shows exact numbers (it stays inside the system) and marks the cells an export hides;
every table export goes through `suppression.suppress`, streams, and is audited. The one export
that is not suppressed, one row per notification, is the leader's alone, handed out only after
the leader confirms a warning (a link alone does not fetch it), and audited as unsuppressed.
"""

import csv
from urllib.parse import urlencode

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beredskab.access import staff
from beredskab.accounts import roles as r
from beredskab.audit.services import record
from beredskab.cases.models import CaseState
from beredskab.plans.selectors import current_plan

from . import chart, selectors
from .forms import ExportForm, PeriodForm, RowExportForm
from .suppression import Shown, decimal, suppress

MONTHLY = ("concern", "age", "channel", "notifier")
ROWS_PER_WRITE = 500


@staff(r.LEADER)
@require_GET
def overview(request):
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _invalid(request, form)
    period = form.period
    tables = selectors.all_tables(period, current_plan())
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    sections = []
    for kind, table in tables.items():
        sections.append(
            {
                "table": table,
                "id": f"stats-{kind}".replace("_", "-"),
                "header": table.header(),
                "rows": _display_rows(table, suppress(table)),
                "chart": (
                    chart.monthly_stacked(table, period.months(), totals=kind != "concern")
                    if kind in MONTHLY
                    else None
                ),
                "shares": chart.shares(table) if kind == "deadlines" else None,
                "export_url": "?" + urlencode({**query, "kind": kind}),
                "summary": _open_and_closed(table) if kind == "cases" else "",
            }
        )
    return render(
        request,
        "stats/overview.html",
        {
            "form": form,
            "period": period,
            "sections": sections,
            "notifications": tables["age"].grand_total(),
            "query": urlencode(query),
            "patterns": chart.styles(),
            "row_export_form": RowExportForm(),
        },
    )


def _open_and_closed(table) -> str:
    closed = table.count(selectors.TOTAL, CaseState.CLOSED)
    return _("%(open)s åbne og %(closed)s lukkede sager.") % {
        "open": table.grand_total() - closed,
        "closed": closed,
    }


def _display_rows(table, shown: dict[tuple[str, str], Shown]) -> list[dict]:
    """The exact numbers, each with how an export would show it."""
    rows = []
    for row, label in table.lines():
        cells = [
            {"text": str(table.count(row, column)), "export": shown[row, column]}
            for column in table.count_columns()
        ]
        for key, _label, _unit in table.derived:
            derived = table.derived_values.get((row, key))
            value = derived.value if derived is not None else None
            cells.append(
                {
                    "text": "–" if value is None else decimal(value),
                    "export": shown.get((row, key), Shown("")),
                }
            )
        rows.append({"label": label, "cells": cells, "total": row == selectors.TOTAL})
    return rows


# -- CSV --------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() hands back what it was given: csv.writer's output, one
    line at a time, without a buffer."""

    def write(self, value):
        return value


def _safe(value):
    # A spreadsheet runs a cell starting with = + - @ as a formula; none of ours should.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv_stream(header, rows):
    """Semicolon-separated UTF-8 with a byte order mark (how Danish Excel reads it), a few
    hundred lines per chunk; `rows` is consumed lazily."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(header)
    batch = []
    for row in rows:
        batch.append(writer.writerow([_safe(value) for value in row]))
        if len(batch) >= ROWS_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _csv_response(filename, header, rows):
    response = StreamingHttpResponse(
        _csv_stream(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _suppressed_rows(table):
    shown = suppress(table)
    for row, label in table.lines():
        cells = [shown[row, column].text for column in table.count_columns()]
        cells += [shown.get((row, key), Shown("")).text for key, _l, _u in table.derived]
        yield [label, *cells]


def _invalid(request, form):
    """The page with the form's errors: a hand-made export link with a bad date or table."""
    return render(request, "stats/overview.html", {"form": form}, status=400)


@staff(r.LEADER)
@require_GET
def export(request):
    """One table as CSV, with small numbers suppressed."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    period, kind = form.period, form.cleaned_data["kind"]
    table = selectors.table(kind, period, current_plan())
    record(
        "stats.export",
        request=request,
        detail={"kind": kind, "from": period.start.isoformat(), "to": period.end.isoformat()},
    )
    return _csv_response(
        f"statistik-{kind}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv",
        table.header(),
        _suppressed_rows(table),
    )


@staff(r.LEADER)
@require_http_methods(["GET", "POST"])
def export_rows(request):
    """One row per notification for the national documentation effort (see
    `selectors.notification_rows`): no reference, name, date or free text. It is not suppressed
    cell by cell, so counts from 1 to 4 can be made from it: only the leader gets it, after
    confirming the warning (a POST), and the audit trail records it as unsuppressed."""
    if request.method == "GET":
        period_form = PeriodForm(request.GET or None)
        if period_form.is_bound and not period_form.is_valid():
            return _invalid(request, period_form)
        form = RowExportForm(
            initial={"from": period_form.period.start, "to": period_form.period.end}
        )
        return render(
            request, "stats/export_rows.html", {"form": form, "period": period_form.period}
        )
    form = RowExportForm(request.POST)
    if not form.is_valid():
        period = form.cleaned_data.get("period")
        if "from" in form.errors or "to" in form.errors or period is None:
            return _invalid(request, form)
        return render(
            request, "stats/export_rows.html", {"form": form, "period": period}, status=400
        )
    period = form.period
    record(
        "stats.export",
        request=request,
        detail={
            "kind": "notifications",
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "small_numbers": "not_suppressed",
        },
    )
    return _csv_response(
        f"underretninger-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv",
        selectors.ROW_HEADER,
        selectors.notification_rows(period),
    )
