"""The editors' report page: counts per topic and language, a chart per week, exports."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.editor.chart import weekly_chart
from bot.editor.reports import measures, per_topic, spreadsheet_safe, weekly, xlsx
from bot.editor.topic_list import title_of
from bot.editor.unanswered import unanswered
from bot.web.deps import CurrentStaff, DatabaseDep
from bot.web.editor_common import editor_only, staff_language
from bot.web.labels import DISMISS_NAMES, REASONS
from bot.web.pages import page

router = APIRouter(prefix="/inbox/editor", include_in_schema=False)
ROW_FIELDS = ["kind", "topic", "language", "user", "at", "text"]
WEEKLY_FIELDS = ["week", "topic", "language", "measure", "count"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DAYS = 12 * 7


def _csv(fields: list[str], rows: list[dict[str, str]], name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(str(v)) for k, v in row.items()} for row in rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@router.get("/report")
async def report(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """The last twelve weeks: ``?format=csv`` (what users wrote), ``weekly-csv`` or ``xlsx``."""
    editor_only(who)
    until = dt.date.today()
    since = until - dt.timedelta(days=DAYS)
    rows = await asyncio.to_thread(unanswered, database)
    counts = await asyncio.to_thread(weekly, database, since, until)
    wanted = request.query_params.get("format")
    if wanted == "csv":
        return _csv(ROW_FIELDS, rows, "unanswered.csv")
    if wanted == "weekly-csv":
        lines = [
            {
                "week": c.week.isoformat(),
                "topic": c.topic,
                "language": c.language,
                "measure": c.measure,
                "count": str(c.count),
            }
            for c in counts
        ]
        return _csv(WEEKLY_FIELDS, lines, "weekly.csv")
    if wanted == "xlsx":
        return Response(
            await asyncio.to_thread(xlsx, counts, rows),
            media_type=XLSX,
            headers={"Content-Disposition": "attachment; filename=report.xlsx"},
        )
    found = measures(counts)
    language = staff_language(who)
    topics = {c.topic for c in counts} | {r["topic"] for r in rows}
    titles = await asyncio.to_thread(lambda: {t: title_of(t, language) for t in topics if t})
    return page(
        request,
        "inbox/editor_report.html",
        who,
        rows=rows,
        table=per_topic(counts),
        measures=found,
        chart=weekly_chart(counts, found),
        dismiss_names=DISMISS_NAMES,
        titles=titles,
        reasons=REASONS,
    )
