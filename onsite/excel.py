"""Write tables to an .xlsx workbook (openpyxl, write-only mode for large exports)."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel forbids these in sheet titles and caps titles at 31 characters.
_BAD_TITLE_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def sheet_title(name, used):
    base = (str(name).translate(_BAD_TITLE_CHARS) or "Sheet")[:31]
    title, n = base, 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def workbook_bytes(sheets):
    """``sheets``: iterable of (title, header row, rows). Returns the .xlsx bytes."""
    book = Workbook(write_only=True)
    used = set()
    for title, header, rows in sheets:
        sheet = book.create_sheet(sheet_title(title, used))
        for index, heading in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, len(str(heading)) * 2)
        sheet.append([str(h) for h in header])
        for row in rows:
            sheet.append(list(row))
    if not used:
        book.create_sheet("Sheet")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
