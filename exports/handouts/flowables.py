"""PDF pieces of the handouts: a question kept with its writing space, a row block's title band, sheet markers."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from exports import brand
from exports.fonts import LATIN, pdf_font
from exports.handouts.model import Lines, Space

GAP = 24.0  # points between ruled lines: room for a handwritten line (8.5 mm)
MIN_LINES = 3  # lines kept with their question when the rest of a space goes over to the next page
FEW_LINES = 6  # a space this much too long for the page is shortened rather than continued overleaf
LABEL_GAP = 3.0  # points between the parts above a space
TALL = 400.0  # points: a question whose words and boxes alone are taller than this cannot be kept whole


class QuestionSpace(Flowable):
    """Paragraphs that ask (`head`), then ruled lines or tick boxes (`space`), then `foot`; kept together.

    A space of lines too long for what is left of a page is split: the question and its first lines stay on
    this page, the rest goes over under `continued` ("Text (continued)"). A question never sits at the foot
    of one page with its space on the next.
    """

    def __init__(
        self,
        head: list[Flowable],
        space: Space,
        boxes: list[Flowable],
        foot: list[Flowable],
        continued: Flowable | None = None,
        first_number: int = 1,
    ) -> None:
        super().__init__()
        self.head, self.space, self.boxes, self.foot, self.continued = head, space, boxes, foot, continued
        self.first_number = first_number  # of a numbered space's first line: more than 1 where it goes on
        self.spaceAfter = 10

    def _height_of(self, parts: list[Flowable], width: float) -> float:
        return sum(part.wrap(width, 10_000)[1] + LABEL_GAP for part in parts)

    def _lines(self) -> int:
        return self.space.count if isinstance(self.space, Lines) else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        parts = [*self.head, *self.boxes, *self.foot]
        self.height = self._height_of(parts, available_width) + self._lines() * GAP + (4 if self._lines() else 0)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        count = self._lines()
        numbered = isinstance(self.space, Lines) and self.space.numbered
        if self._height_of([*self.head, *self.boxes], available_width) > TALL:
            # words or boxes too many to keep whole on any page: they flow like text, the lines follow them
            rest = QuestionSpace([], self.space, [], self.foot, self.continued, self.first_number)
            return [*self.head, *self.boxes, *([rest] if count else self.foot)]
        if not count or self.boxes:
            return []
        head = self._height_of(self.head, available_width) + 4
        fit = min(int((available_height - head) // GAP), count - 1)
        if fit < MIN_LINES:
            return []  # the whole question moves to the next page
        shortened = int((available_height - head - self._height_of(self.foot, available_width)) // GAP)
        if count - shortened <= FEW_LINES and shortened * 3 >= count * 2:
            # a few lines more would take a page of their own: the space is an estimate, so it ends here
            return [QuestionSpace(self.head, Lines(shortened, numbered), [], self.foot, None, self.first_number)]
        fit = min(fit, count - MIN_LINES)  # and the lines that go over are never fewer than the ones kept
        if fit < MIN_LINES:
            return []
        first = QuestionSpace(self.head, Lines(fit, numbered), [], [], None, self.first_number)
        rest_head = [self.continued] if self.continued is not None else []
        rest = QuestionSpace(
            rest_head, Lines(count - fit, numbered), [], self.foot, self.continued, self.first_number + fit
        )
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for part in [*self.head, *self.boxes]:
            _, height = part.wrap(self.width, 10_000)
            y -= height
            part.drawOn(canvas, 0, y)
            y -= LABEL_GAP
        count = self._lines()
        if count:
            y -= 4
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor(brand.MUTED))
            canvas.setLineWidth(0.5)
            canvas.setFillColor(colors.HexColor(brand.MUTED))
            canvas.setFont(pdf_font(LATIN), 8)
            numbered = isinstance(self.space, Lines) and self.space.numbered
            for line in range(count):
                y -= GAP
                if numbered:
                    canvas.drawRightString(10, y + 2, f"{self.first_number + line}.")
                canvas.line(16 if numbered else 0, y, self.width, y)
            canvas.restoreState()
        for part in self.foot:
            _, height = part.wrap(self.width, 10_000)
            y -= height + LABEL_GAP
            part.drawOn(canvas, 0, y)


class Band(Flowable):
    """A row block's title ("Message set 1") on a light band, so each block is easy to find on the page."""

    def __init__(self, title: Flowable) -> None:
        super().__init__()
        self.title = title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, height = self.title.wrap(available_width - 16, 10_000)
        self.height = height + 10
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(brand.ACCENT_LIGHT))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(brand.ACCENT))
        canvas.rect(0, 0, 3, self.height, stroke=0, fill=1)
        canvas.restoreState()
        self.title.drawOn(canvas, 10, 5)


class SheetStart(Flowable):
    """An invisible mark at the top of a sheet's first page: the pages from here on belong to sheet `number`."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.current_sheet = self.number  # read by the page decoration


class SheetPages(Flowable):
    """How many pages sheet `number` takes, right-aligned; known only once the handouts are laid out."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 12

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, 2)
        self.canv.doForm(f"sheet_pages_{self.number}")
        self.canv.restoreState()
