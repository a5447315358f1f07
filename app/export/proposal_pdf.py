"""The proposal letter as PDF (GB/T 9704-2012), drawn from the :class:`~app.domain.proposal.Proposal` with ReportLab.

The form: A4; the text block 156 × 225 mm with its left edge 28 mm and its top 37 mm from the paper's edges;
22 lines of 28 characters (三号, 16 pt, on a 15.79 pt character pitch and a 28.95 pt line pitch); every line but a
paragraph's last justified to the right edge, lines broken both ways (``app.export.gridtext``); title in the
小标宋 stand-in, body in 仿宋 (朱雀仿宋), 一、 headings in 黑体, （一） headings in 楷体, and no heading left alone
at a page foot; signature two characters in from the right, the date two characters right of the signature's
start; the 版记 (抄报/抄送 above 印发, three rules, the first and last thicker) at the foot of the last page;
page numbers "— 1 —" in 四号 below the block, odd pages right and even pages left, one character in; an
optional 红头 (the organisation's name in red above a red double rule).

Characters the 仿宋 face lacks are drawn, one by one, in the GB18030 serif face; fonts are embedded subsets with a
ToUnicode map, so the text can be searched and copied. Several letters in one file: each starts on a new
page and numbers its own pages from 1. The pages are laid out by ``app.export.pdf_pages`` on the pdfgen canvas,
without platypus (the briefing pack puts the same blocks into its platypus document).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import write_bytes_atomic
from app.export import fonts
from app.export.gridtext import break_lines, place
from app.export.pdf_pages import Block, NewPage, Space, layout

if TYPE_CHECKING:  # the letter's data and record (pandas) load with the first letter; the grid blocks alone,
    from app.domain.proposal import Proposal  # as the 调度日报 sets its text, need neither

A4_W, A4_H = 595.2756, 841.8898  # pt
MM = 72 / 25.4
BLOCK_LEFT, BLOCK_TOP, BLOCK_W, BLOCK_H = 28 * MM, 37 * MM, 156 * MM, 225 * MM
BLOCK_BOTTOM = A4_H - BLOCK_TOP - BLOCK_H
MARGINS = {"top": BLOCK_TOP, "bottom": BLOCK_BOTTOM, "left": BLOCK_LEFT, "right": A4_W - BLOCK_LEFT - BLOCK_W}
BODY_PT = 16
PITCH = BLOCK_W / 28  # 15.79 pt: 28 characters across
LINE_PT = BLOCK_H / 22  # 28.95 pt: 22 lines down
CHAR_SPACE = PITCH - BODY_PT  # every character a little closer than its 16 pt em
RECORD_PT = 14  # 四号: 版记 and page numbers
RED = "#E60012"
TEXT_WIDTH = BLOCK_W


class _Style:
    def __init__(self, role: str, size: float, leading: float = LINE_PT, align: str = "justify",
                 first_indent: float = 0.0, left: float = 0.0, right: float = 0.0, color: str = "#000000",
                 keep_with_next: bool = False):
        self.role, self.size, self.leading, self.align = role, size, leading, align
        self.first_indent, self.left, self.right, self.color = first_indent, left, right, color
        self.keep_with_next = keep_with_next
        self.char_space = CHAR_SPACE * size / BODY_PT
        self._widths: dict[str, float] = {}  # a unit is measured again and again (line breaking, drawing)
        self._pieces: dict[str, list] = {}
        self._fill = None
        self._text_state = None

    def pieces(self, unit: str) -> list[tuple[object, str, float]]:
        """``unit`` cut by the face that draws each part: (ReportLab font, part, advance), measured once."""
        known = self._pieces.get(unit)
        if known is None:
            from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

            known = []
            for role, piece in fonts.split_by_font(unit, self.role):
                face = fonts.ensure_reportlab(role)
                known.append((getFont(face), piece,
                              stringWidth(piece, face, self.size) + self.char_space * len(piece)))
            self._pieces[unit] = known
        return known

    def width_of(self, unit: str) -> float:
        width = self._widths.get(unit)
        if width is None:
            width = 0.0
            for _, _, advance in self.pieces(unit):
                width += advance
            self._widths[unit] = width
        return width

    @property
    def text_state(self) -> tuple[str, str]:
        """The text object's operators after its origin, as ReportLab writes them for this size: the character
        spacing, and the size and leading that follow each face's name."""
        if self._text_state is None:
            from reportlab.lib.rl_accel import fp_str

            self._text_state = (f"{fp_str(self.char_space)} Tc",
                                f"{fp_str(self.size)} Tf {fp_str(self.size * 1.2)} TL")
        return self._text_state

    @property
    def fill(self):
        """The text colour as a ReportLab Color, converted once (setFillColor would convert the text each time)."""
        if self._fill is None:
            from reportlab.lib.colors import toColor

            self._fill = toColor(self.color)
        return self._fill


def _grid_styles() -> dict[str, _Style]:
    # faces are registered when a character first needs them (fonts.ensure_reportlab): a letter without a
    # 黑体 bold run never loads that face
    return {
        "p": _Style("body", BODY_PT, first_indent=2 * PITCH),
        "h1": _Style("sans", BODY_PT, first_indent=2 * PITCH, keep_with_next=True),
        "h2": _Style("kai", BODY_PT, first_indent=2 * PITCH, keep_with_next=True),
        "title": _Style("title", 22, leading=35, align="center", keep_with_next=True),
        "number": _Style("body", BODY_PT, align="right", right=PITCH),
        "recipients": _Style("body", BODY_PT, keep_with_next=True),
        "signer": _Style("body", BODY_PT, align="right", right=2 * PITCH),
        "record": _Style("body", RECORD_PT, left=RECORD_PT, right=RECORD_PT),
        "red": _Style("title", 26, leading=40, align="center", color=RED),
    }


def _styles() -> dict:
    """ReportLab paragraph styles in the letter's typography (仿宋 body 16 pt on the 28.95 pt line, 黑体 and 楷体
    headings, 小标宋 title), for other reports set like the letter (the review report); "page" is the face
    for page numbers."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    face = fonts.register_reportlab()
    body = ParagraphStyle("body", fontName=face["body"], fontSize=BODY_PT, leading=LINE_PT, alignment=TA_JUSTIFY,
                          firstLineIndent=2 * BODY_PT, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontName=face["title"], fontSize=22, leading=35,
                                alignment=TA_CENTER, firstLineIndent=0),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        "recipients": ParagraphStyle("recipients", parent=body, firstLineIndent=0),
        "p": body,
        "h1": ParagraphStyle("h1", parent=body, fontName=face["sans"], keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=face["kai"], keepWithNext=1),
        "signer": ParagraphStyle("signer", parent=body, alignment=TA_RIGHT, firstLineIndent=0,
                                 rightIndent=2 * BODY_PT),
        "record": ParagraphStyle("record", parent=body, fontSize=RECORD_PT, alignment=TA_LEFT, firstLineIndent=0,
                                 leftIndent=RECORD_PT),
        "record-right": ParagraphStyle("record-right", parent=body, fontSize=RECORD_PT, alignment=TA_RIGHT,
                                       firstLineIndent=0, rightIndent=RECORD_PT),
        "page": face["serif"],
    }


class GridPara(Block):
    """A paragraph set on the grid: lines broken both ways, justified, fonts chosen per character."""

    def __init__(self, text: str, style: _Style, lines=None, continued: bool = False):
        super().__init__()
        self.text, self.style, self.continued = text, style, continued
        self._lines = lines
        self.keepWithNext = style.keep_with_next

    def _measures(self, width: float) -> list[float]:
        s = self.style
        inner = width - s.left - s.right
        first = inner if self.continued else inner - s.first_indent
        return [first, inner]

    def wrap(self, avail_width, avail_height):
        if self._lines is None:
            self._lines = break_lines(self.text, self.style.width_of, self._measures(avail_width))
        self.width = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        fit = int((avail_height + 1e-6) // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return []
        head = GridPara(self.text, self.style, self._lines[:fit], self.continued)
        tail = GridPara(self.text, self.style, self._lines[fit:], True)
        return [head, tail]

    def draw(self):
        s = self.style
        canvas = self.canv
        measures = self._measures(self.width)
        for n, line in enumerate(self._lines):
            first_line = n == 0 and not self.continued
            measure = measures[0] if first_line else measures[1]
            x0 = s.left + (s.first_indent if first_line else 0.0)
            natural = sum(s.width_of(u) for u in line.units)
            if s.align == "center":
                x0 = s.left + (measure - natural) / 2
            elif s.align == "right":
                x0 = self.width - s.right - natural
            # the em box centred on the grid line
            baseline = self.height - n * s.leading - (s.leading - s.size) / 2 - 0.88 * s.size
            for unit, x, squeezed in place(line, s.width_of, measure, s.align == "justify"):
                if unit.isspace():
                    continue
                _draw_unit(canvas, unit, x0 + x - (squeezed if unit in "（《〈「『【〔“‘" else 0.0), baseline, s)


class AtFoot(Block):
    """The 版记: drawn so that its last rule lies on the block's lower edge of the page it lands on."""

    def __init__(self, proposal: Proposal, style: _Style):
        super().__init__()
        self.proposal, self.style = proposal, style
        rows = [f"抄报：{proposal.copy_report}。"]
        if proposal.copy_to:
            rows.append(f"抄送：{proposal.copy_to}。")
        self.paras = [GridPara(r, style) for r in rows]
        self.row = style.leading
        self.blank_before = False  # set when a blank page stands before it (neither page is numbered)
        self._avail = 0.0

    def _content_height(self, width: float) -> float:
        return sum(p.wrap(width, 1e6)[1] for p in self.paras) + self.row

    def wrap(self, avail_width, avail_height):
        need = self._content_height(avail_width)
        self._avail = avail_height  # the whole block: the 版记 stands alone on its page
        self.width = avail_width
        self.height = max(avail_height, need) if need <= avail_height else need
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        canvas = self.canv
        s = self.style
        y = 0.0
        canvas.setLineWidth(0.35 * MM)  # the last rule, on the block's lower edge
        canvas.line(0, y, self.width, y)
        baseline = y + (self.row - s.size) / 2 + 0.12 * s.size
        issued = f"{self.proposal.date_text}印发"
        issued_w = s.width_of(issued)
        room = self.width - s.left - s.right - issued_w - s.size  # at least one character between them
        office = s
        office_w = s.width_of(self.proposal.signer)
        if office_w > room:  # a long office name gets a smaller size, never runs into the date
            office = _Style(s.role, s.size * room / office_w, s.leading)
        _draw_text(canvas, self.proposal.signer, s.left, baseline, office)
        _draw_text(canvas, issued, self.width - s.right - issued_w, baseline, s)
        y += self.row
        canvas.setLineWidth(0.25 * MM)
        canvas.line(0, y, self.width, y)
        page = canvas.getPageNumber()
        alone = self._avail >= BLOCK_H - 1
        canvas._hazedesk_feet.append((alone, page - getattr(canvas, "_hazedesk_letter_start", 1) + 1))
        if self.blank_before:
            canvas._hazedesk_unnumbered.add(page)
        for para in reversed(self.paras):
            para.drawOn(canvas, 0, y)
            y += para.height
        canvas.setLineWidth(0.35 * MM)
        canvas.line(0, y, self.width, y)


class LetterStart(Block):
    """Marks the page a letter starts on: its pages are numbered from there; carries the first record. On a
    canvas that defers it (:func:`defer_record`) the record is attached once every page is laid out
    (:func:`attach_deferred_record`: a file of several letters then says where each stands), on any other
    canvas at once, without pages."""

    def __init__(self, record: dict | None = None, letterhead: bool = False):
        super().__init__()
        self.record = record
        self.letterhead = letterhead  # set in the 信函 form: its first page has no number, a lower red rule

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canvas = self.canv
        canvas._hazedesk_letter_start = canvas.getPageNumber()
        canvas._hazedesk_letterhead = self.letterhead
        if not hasattr(canvas, "_hazedesk_feet"):
            canvas._hazedesk_feet = []  # per letter: (版记 alone on its page, its page number)
            canvas._hazedesk_unnumbered = set()  # a blank page before the 版记 and the 版记's page
            canvas._hazedesk_starts = []  # the page each letter starts on
        canvas._hazedesk_starts.append(canvas.getPageNumber())
        if self.record is not None:
            if hasattr(canvas, "hazedesk_record"):
                canvas.hazedesk_record = self.record
            else:
                from app.export.proposal_record import encode_record
                from app.export.record_files import attach_pdf_record

                attach_pdf_record(canvas, encode_record(self.record))


def defer_record(canvas):
    """Let the letters drawn on ``canvas`` leave their record for :func:`attach_deferred_record`."""
    canvas.hazedesk_record = None
    return canvas


def attach_deferred_record(canvas) -> None:
    """Attach the record the first letter left, once every page is laid out: a set record then gives each
    letter's first and last page (``proposal_record.with_pages``). Call before the canvas is saved."""
    record = getattr(canvas, "hazedesk_record", None)
    if record is not None:
        from app.export.proposal_record import encode_record, with_pages
        from app.export.record_files import attach_pdf_record

        last = canvas.getPageNumber() - (0 if canvas._code else 1)  # the last page has been shown
        attach_pdf_record(canvas, encode_record(with_pages(record, canvas._hazedesk_starts, last)))
        canvas.hazedesk_record = None


def record_canvas():
    """A ReportLab canvas class for a platypus document holding letters (the briefing pack): it attaches the
    letters' record, with their pages, as the document is saved."""
    from reportlab.pdfgen.canvas import Canvas

    class RecordCanvas(Canvas):
        hazedesk_record: dict | None = None

        def save(self):
            attach_deferred_record(self)
            super().save()

    return RecordCanvas


RULE_LENGTH = 170 * MM  # GB/T 9704 §10.1: the 信函 form's red double rules are 170 mm, centred


class RedRule(Block):
    """信函格式's red double rule under the organisation's name: thick above thin, 170 mm long and centred
    (wider than the 156 mm block by 7 mm each side)."""

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, 3 * MM

    def draw(self):
        canvas = self.canv
        left = (self.width - RULE_LENGTH) / 2
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(1.0 * MM)
        canvas.line(left, 2.4 * MM, left + RULE_LENGTH, 2.4 * MM)
        canvas.setLineWidth(0.3 * MM)
        canvas.line(left, 0.9 * MM, left + RULE_LENGTH, 0.9 * MM)


def lower_red_rule(canvas) -> None:
    """信函格式 (GB/T 9704 §10.1): on the first page, a red double rule 20 mm above the paper's lower edge, thin
    above thick, 170 mm long and centred."""
    left = (A4_W - RULE_LENGTH) / 2
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(0.3 * MM)
    canvas.line(left, 20 * MM + 1.5 * MM, left + RULE_LENGTH, 20 * MM + 1.5 * MM)
    canvas.setLineWidth(1.0 * MM)
    canvas.line(left, 20 * MM, left + RULE_LENGTH, 20 * MM)
    canvas.restoreState()


class Sticky(Block):
    """Headings kept with at least the first two lines of what follows (no heading alone at a page foot),
    without moving the whole following paragraph to the next page as ReportLab's keepWithNext would."""

    def __init__(self, heads: list, body):
        super().__init__()
        self.heads, self.body = heads, body

    def _heads_height(self, avail_width) -> float:
        return sum(h.wrap(avail_width, 1e6)[1] for h in self.heads)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self._heads_height(avail_width) + self.body.wrap(avail_width, avail_height)[1]
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        heads = self._heads_height(avail_width)
        lines = getattr(self.body, "_lines", None) or []
        leading = self.body.style.leading
        need = heads + min(len(lines), 2) * leading
        if need > avail_height + 1e-6:
            return []
        rest = self.body.split(avail_width, avail_height - heads)
        return [*self.heads, *(rest or [self.body])]

    def draw(self):
        y = self.height
        for flowable in [*self.heads, self.body]:
            y -= flowable.height
            flowable.drawOn(self.canv, 0, y)


class Closing(Block):
    """The end of the body with the 署名 and 成文日期 after it (GB/T 9704 §7.3.5.4: the page that carries them
    carries body text). When they do not fit under the body, the body's last lines (at least two, and two stay
    behind) go to the next page with them; a body of fewer lines moves whole."""

    def __init__(self, body, closing: list):
        super().__init__()
        self.body, self.closing = body, closing

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.body.wrap(avail_width, avail_height)[1] + sum(
            c.wrap(avail_width, avail_height)[1] for c in self.closing)
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        heads, para = (self.body.heads, self.body.body) if isinstance(self.body, Sticky) else ([], self.body)
        if not isinstance(para, GridPara):
            return []
        heads_height = sum(h.wrap(avail_width, 1e6)[1] for h in heads)
        para.wrap(avail_width, avail_height)
        lines, leading = para._lines, para.style.leading
        keep = min(len(lines) - 2, int((avail_height - heads_height + 1e-6) // leading))
        if keep < 2:
            return []
        head = GridPara(para.text, para.style, lines[:keep], para.continued)
        tail = GridPara(para.text, para.style, lines[keep:], True)
        return [*heads, head, Closing(tail, self.closing)]

    def draw(self):
        y = self.height
        for flowable in [self.body, *self.closing]:
            y -= flowable.height
            flowable.drawOn(self.canv, 0, y)


class BlankPage(Block):
    """A page left blank: as tall as the whole block, so it never fits after text and fills the next page."""

    def wrap(self, avail_width, avail_height):
        return avail_width, BLOCK_H

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        self.canv._hazedesk_unnumbered.add(self.canv.getPageNumber())


def _stick_headings(story: list, sticky) -> list:
    """Wrap each run of keep-with-next paragraphs with the paragraph after it in one :class:`Sticky`."""
    out: list = []
    pending: list = []
    for flowable in story:
        if getattr(flowable, "keepWithNext", False) and hasattr(flowable, "style"):
            flowable.keepWithNext = False
            pending.append(flowable)
            continue
        if pending and hasattr(flowable, "style"):
            out.append(sticky(pending, flowable))
        else:
            out += [*pending, flowable]
        pending = []
    return out + pending


def _draw_text(canvas, text: str, x: float, baseline: float, style: _Style) -> None:
    for unit in text:
        _draw_unit(canvas, unit, x, baseline, style)
        x += style.width_of(unit)


def _draw_unit(canvas, unit: str, x: float, baseline: float, style: _Style) -> None:
    """One unit in its own text object, each face's part from its origin. What ReportLab's text object writes
    for ``beginText(x, y)``, ``setFont``, ``setCharSpace``, ``textOut`` and ``drawText`` of a TrueType face,
    written here in one string: the numbers that never change are formatted once per style, not per
    character (1 400 text objects a letter). tests/export/test_pdf_text.py compares it with those calls."""
    from reportlab.lib.rl_accel import fp_str

    canvas.setFillColor(style.fill)
    spacing, size = style.text_state
    doc = canvas._doc
    for font, piece, advance in style.pieces(unit):
        if not (canvas.bottomup and font._dynamicFont):  # not how the letter's canvas and faces are: the calls
            _draw_piece_by_calls(canvas, font.fontName, piece, x, baseline, style)
            x += advance
            continue
        shown = []
        current = -1
        for subset, chars in font.splitString(piece, doc):
            if subset != current:
                shown.append(f"{font.getSubsetInternalName(subset, doc)} {size}")
                current = subset
            shown.append(f"({canvas._escape(chars)}) Tj")
        canvas._code.append(f"BT 1 0 0 1 {fp_str(x, baseline)} Tm {spacing} {' '.join(shown)} ET")
        x += advance


def _draw_piece_by_calls(canvas, face: str, piece: str, x: float, baseline: float, style: _Style) -> None:
    text = canvas.beginText(x, baseline)
    text.setFont(face, style.size)
    text.setCharSpace(style.char_space)
    text.textOut(piece)
    canvas.drawText(text)


def proposal_flowables(proposal: Proposal, styles: dict | None = None, *, red_header: str = "",
                       with_record: bool = True, record: dict | None = None, foot_on_even: bool = False) -> list:
    """One letter as blocks for :func:`app.export.pdf_pages.layout` (the briefing pack takes them through
    ``as_platypus``); ``record``: the record to attach instead of the letter's own (a combined file's, on its
    first letter); ``foot_on_even``: a blank page before the 版记 (it stood alone on an odd page)."""
    styles = styles or _grid_styles()
    if record is None and with_record:
        from app.export.proposal_record import proposal_record

        record = proposal_record(proposal)
    story = [LetterStart(record, letterhead=bool(red_header))]
    if red_header:
        red = styles["red"]
        need = red.width_of(red_header)
        if need > TEXT_WIDTH:  # the organisation's name on one line, as a letterhead is set
            size = red.size * TEXT_WIDTH / need * 0.99
            red = _Style(red.role, size, leading=size * 1.5, align="center", color=RED)
        story += [GridPara(red_header, red), RedRule()]
    story.append(GridPara(proposal.doc_number or " ", styles["number"]))
    if red_header:  # 信函格式: the title two lines under the 发文字号
        story.append(Space(1, LINE_PT))
    story += [Space(1, LINE_PT),
              GridPara(proposal.title, styles["title"], lines=_title_lines(proposal, styles["title"])),
              Space(1, LINE_PT), GridPara(f"{proposal.recipients}：", styles["recipients"])]
    story += [GridPara(block.text, styles[block.kind]) for block in proposal.blocks]
    story = _stick_headings(story, Sticky)
    closing = [Space(1, LINE_PT), GridPara(proposal.signer, _signer_style(proposal, styles)),
               GridPara(proposal.date_text, _date_style(proposal, styles))]
    story.append(Closing(story.pop(), closing))
    foot = AtFoot(proposal, styles["record"])
    if foot_on_even:
        foot.blank_before = True
        story.append(BlankPage())
    story.append(foot)
    return story


def _title_lines(proposal: Proposal, style: _Style):
    from app.export.gridtext import Line

    return [Line(list(line), style.width_of(line), last=True) for line in proposal.title_line_list]


def _signer_style(proposal: Proposal, styles: dict) -> _Style:
    """The signature right-aligned two characters in; a long one moves right (down to no indent), then shrinks."""
    base = styles["signer"]
    need = base.width_of(proposal.signer)
    if need + base.right <= TEXT_WIDTH:
        return base
    if need <= TEXT_WIDTH:
        return _Style(base.role, base.size, align="right", right=TEXT_WIDTH - need)
    return _Style(base.role, base.size * TEXT_WIDTH / need * 0.98, align="right")


def _date_style(proposal: Proposal, styles: dict) -> _Style:
    """GB/T 9704 §7.3.5.3: the date's first character two characters right of the signature's first; a date
    longer than that room keeps two characters from the right edge."""
    signer = _signer_style(proposal, styles)
    date = styles["signer"]
    signer_start = TEXT_WIDTH - signer.right - signer.width_of(proposal.signer)
    date_width = date.width_of(proposal.date_text)
    right = TEXT_WIDTH - (signer_start + 2 * PITCH) - date_width
    return _Style(date.role, date.size, align="right", right=max(right, 2 * PITCH))


def render_pdf(proposal: Proposal, *, red_header: str = "") -> bytes:
    return render_pdf_many([proposal], red_header=red_header)


def on_letterhead_first_page(canvas) -> bool:
    """True on the first page of a letter set in the 信函 form (红头): the page with the lower red rule."""
    return bool(getattr(canvas, "_hazedesk_letterhead", False)) and \
        canvas.getPageNumber() == getattr(canvas, "_hazedesk_letter_start", 1)


def _page_number(canvas) -> None:
    """At each page's end: "— n —" below the block, n counted from the letter's first page."""
    if canvas.getPageNumber() in getattr(canvas, "_hazedesk_unnumbered", ()):
        return  # GB/T 9704 §7.5: a blank page before the 版记 and the 版记's page carry no number
    first = getattr(canvas, "_hazedesk_letter_start", 1)
    if on_letterhead_first_page(canvas):
        lower_red_rule(canvas)
        return  # GB/T 9704 §10.1: the 信函 form's first page shows no page number
    n = canvas.getPageNumber() - first + 1
    text = f"— {n} —"
    number_face = fonts.REPORTLAB_NAMES["body"]  # the 仿宋 face draws "— 1 —" (digits and the dash)
    width = canvas.stringWidth(text, number_face, RECORD_PT)
    y = BLOCK_BOTTOM - 7 * MM - 0.88 * RECORD_PT  # the number's top 7 mm below the block
    x = BLOCK_LEFT + BLOCK_W - RECORD_PT - width if n % 2 else BLOCK_LEFT + RECORD_PT
    canvas.saveState()
    canvas.setFont(number_face, RECORD_PT)
    canvas.drawString(x, y, text)
    canvas.restoreState()


def _letters_story(proposals: list[Proposal], styles: dict, red_header, foot_on_even: set[int],
                   blank_after: frozenset[int] = frozenset()) -> list:
    """``blank_after``: letters followed by a blank, unnumbered page (an odd count of pages: printed on both
    sides, the next letter then starts on a sheet of its own)."""
    from app.domain.letter_sets import header_per_letter

    story: list = []
    from app.export.proposal_record import combined_record

    record = combined_record(proposals)  # every letter's record, in order, attached once with the first
    headers = header_per_letter(red_header, len(proposals))
    for n, proposal in enumerate(proposals):
        if n:
            story.append(NewPage())
            if n - 1 in blank_after:
                story += [BlankPage(), NewPage()]
        story += proposal_flowables(proposal, styles, red_header=headers[n], with_record=False,
                                    record=None if n else record, foot_on_even=n in foot_on_even)
    return story


def _letters_canvas(buffer, proposals: list[Proposal]):
    """The canvas as platypus's BaseDocTemplate made it: the same arguments, the same document info."""
    from reportlab.pdfgen.canvas import Canvas

    first = proposals[0]
    canvas = Canvas(buffer, pagesize=(A4_W, A4_H), invariant=None, pageCompression=None, enforceColorSpace=None,
                    initialFontName=fonts.REPORTLAB_NAMES["body"], initialFontSize=BODY_PT, initialLeading=None,
                    cropBox=None, artBox=None, trimBox=None, bleedBox=None, lang="zh-CN")
    canvas.setEncrypt(None)
    canvas._cropMarks = None
    canvas.setAuthor(first.signer)
    canvas.setTitle(first.title if len(proposals) == 1 else "；".join(p.title for p in proposals))
    canvas.setSubject(first.scheme_label)
    canvas.setCreator("HazeDesk")
    canvas.setProducer("HazeDesk")
    canvas.setKeywords([])
    return canvas


def render_pdf_many(proposals: list[Proposal], *, red_header: str | list[str] = "", duplex: bool = False) -> bytes:
    """The letters in order in one PDF, each from a new page with its own page numbers; ``red_header``: one
    红头 for all, or one per letter (``letter_sets.letterheads``); ``duplex``: a letter of an odd number of
    pages is followed by a blank page, so that printed on both sides no letter starts on the back of another."""
    styles = _grid_styles()
    blank_after: frozenset[int] = frozenset()
    starts: list[int] = []

    def build(foot_on_even: set[int]) -> tuple[bytes, list]:
        story = _letters_story(proposals, styles, red_header, foot_on_even, blank_after)  # registers its faces,
        buffer = io.BytesIO()  # the canvas's initial font among them
        canvas = defer_record(_letters_canvas(buffer, proposals))
        layout(canvas, story, (BLOCK_LEFT, BLOCK_BOTTOM, BLOCK_W, BLOCK_H), _page_number)
        attach_deferred_record(canvas)  # the record, with each letter's pages
        starts[:] = [*canvas._hazedesk_starts, canvas.getPageNumber()]  # and where the next page would start
        canvas.save()
        return buffer.getvalue(), list(canvas._hazedesk_feet)

    data = _with_foot_on_even(build)
    if duplex and len(proposals) > 1:
        blank_after = frozenset(n for n in range(len(proposals) - 1) if (starts[n + 1] - starts[n]) % 2)
        if blank_after:
            data = _with_foot_on_even(build)
    return data


def _with_foot_on_even(build) -> bytes:
    # GB/T 9704 §7.5: the 版记 belongs on an even page (the back of the last sheet). When it stands alone on an
    # odd page, the letter is set again with a blank page before it; neither of the two is numbered.
    data, feet = build(set())
    alone_on_odd = {n for n, (alone, page) in enumerate(feet) if alone and page % 2}
    if alone_on_odd:
        data, _ = build(alone_on_odd)
    return data


def write_pdf(proposal: Proposal | list[Proposal], path: str | Path, *, red_header: str | list[str] = "",
              duplex: bool = True) -> Path:
    letters = proposal if isinstance(proposal, list) else [proposal]
    write_bytes_atomic(path, render_pdf_many(letters, red_header=red_header, duplex=duplex))
    return Path(path)

