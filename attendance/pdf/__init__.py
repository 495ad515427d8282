"""The attendance PDFs: the month sheet and the detailed day-by-day sheet.

Both are cut into parts (a department, or a slice of a long one), rendered in parallel
worker processes and joined into one file whose page numbers and outline run across the
parts (``attendance.pdf.parallel``).
"""
