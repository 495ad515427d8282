"""The month sheet: per department a day grid and a totals table, then signature lines.

The day grid is one text run per person (the day codes on tab stops of a fixed width), not
a table cell per day: WeasyPrint's time goes with the number of boxes it lays out.
"""

from attendance.conf import conf
from attendance.holidays import provisional_years
from attendance.pdf.document import pack, render_document, slices
from attendance.summary import header, legend, values

SEPARATOR = "\t"
# Millimetres: the number, name and department columns, then each figure's column.
FIXED_WIDTH, FIGURE_WIDTH, LINE_WIDTH = 51, 13, 270


def day_line(codes):
    return SEPARATOR.join(codes)


def _totals(cells):
    """Number, name, department, and the figures as one line on tab stops."""
    return [*cells[:3], SEPARATOR.join(str(cell) for cell in cells[3:])]


def sections(groups, types, size):
    return [
        {
            "department": department,
            "continued": continued,
            "size": len(rows),
            "rows": [{"name": row.name, "line": day_line(row.codes)} for row in rows],
            "totals": [_totals(values(row, types)) for row in rows],
        }
        for department, rows, continued in slices(groups, size)
    ]


def month_pdf(groups, dates, *, year, month, label, exported_by, types):
    """PDF bytes of the month of ``groups`` ([(department, rows)]), in parts."""
    size = conf.PDF_PART_ROWS
    parts = pack(sections(groups, types, size), size)
    titles = header(types)
    # Narrower figures when many leave types would make the line wider than the page.
    figure = min(FIGURE_WIDTH, (LINE_WIDTH - FIXED_WIDTH) / max(len(titles) - 3, 1))
    context = {
        "year": year,
        "month": month,
        "scope_label": label,
        "dates": dates,
        "day_numbers": day_line(str(d.day) for d in dates),
        "totals_header": titles,
        "figure_header": titles[3:],
        "figure_width": f"{figure:.2f}",
        "totals_width": f"{FIXED_WIDTH + figure * len(titles[3:]):.2f}",
        "grid_legend": legend(),
        "provisional": provisional_years([year]),
        "sections": [],
    }
    return render_document(
        "attendance/pdf/month.html",
        parts,
        context,
        exported_by=exported_by,
        page_size="A4 landscape",
    )
