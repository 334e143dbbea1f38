"""Draw a text into a PDF whose text layer is that text: shared by the PDF tests and benchmarks/bench_parse.py.

reportlab (in the ``test`` extra) draws it with its built-in Chinese font; without reportlab, :func:`draw_pdf`
raises ImportError and callers skip their PDF part.
"""

from __future__ import annotations

import io


def draw_pdf(text: str) -> bytes:
    """A PDF with one drawn line per line of ``text``, 45 lines a page and a page number (``- n -``) at the foot.

    A line is drawn whole, in a smaller type when it is long, so the text layer holds every character of it.

    Raises:
        ImportError: reportlab is not installed.
    """
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - optional: only the PDF parts need it
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    lines = text.split("\n")
    for page, start in enumerate(range(0, len(lines), 45), start=1):
        pdf.setFont("STSong-Light", 9)
        y = 800
        for line in lines[start : start + 45]:
            pdf.setFont("STSong-Light", 9 if len(line) <= 60 else max(2, 540 // len(line)))
            pdf.drawString(30, y, line)
            y -= 16
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(280, 30, f"- {page} -")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()
