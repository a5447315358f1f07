"""What a meeting-map page shows, apart from how it is drawn: its texts, legend entries and region table rows,
its paper sizes and the look both renderers give it (colours and line widths of the outlines, the hatching of
the units outside the linkage, type sizes, the 主城区 of the inset).

Neither matplotlib nor Qt here: the matplotlib page (:mod:`maps.layout`, PDF and SVG) and the Qt page
(:mod:`app.export_qt.map_page`, PNG) draw from these, and the map command reads them without importing either.
"""

from __future__ import annotations

from dataclasses import dataclass

PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape width, height
NO_DATA_RGB = (200, 200, 200)
# the linkage regions' outline, as the window draws it (app.gui.map.renderer.REGION_OUTLINE): one look on
# screen and on paper — a solid dark navy line, thicker than the unit borders (it was blue dashed on paper only)
REGION_EDGE = "#182642"
REGION_STYLE = "solid"
REGION_WIDTH = 1.6  # points, times the map's scale factor
UNIT_EDGE = "#5a5a5a"
UNIT_WIDTH = 0.3  # points, times the map's scale factor
PROVINCE_EDGE = "#333333"
PROVINCE_WIDTH = 1.3  # points, times the map's scale factor
PROVINCE_STYLE = (0, (5, 2.5))  # dashed, as the window draws the Sichuan–Chongqing border
DEFAULT_DISCLAIMER = "本图为会商参考用图，不作为行政区划界线依据。"
SCALE_STEPS_KM = (25, 50, 100, 150, 200, 250, 300, 500)
LABEL_PT = 7.0  # the smallest type on an A4 map: unit labels, scale, footer
HALO_WIDTH = 1.6  # points, times the map's scale factor: the white line around a label's letters
OUTSIDE_HATCH = "////"
OUTSIDE_EDGE = "#8c8c8c"
OUTSIDE_LABEL = "非联动区域（斜线）"
REGION_LINE_LABEL = "联动区域界线"
PROVINCE_LINE_LABEL = "省（市）界"
REGION_TABLE_TITLE = "各联动区域预警等级"
INSET_TITLE = "重庆主城区放大图"
# 主城区: too small for a label on the basin map; they get the inset (主城区放大图) instead
CENTRAL_CHONGQING = ("渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区")
NOTE_RGB = "#a50021"


@dataclass(frozen=True)
class LegendEntry:
    rgb: tuple[int, int, int]
    label: str


@dataclass(frozen=True)
class MapTexts:
    title: str
    subtitle: str  # forecast time and issue time
    legend_title: str
    source: str  # data source line of the footer
    disclaimer: str = DEFAULT_DISCLAIMER
    note: str = ""  # e.g. 含情景修改：… (what-if edits in force), printed in red under the subtitle


@dataclass(frozen=True)
class RegionRow:
    """One row of the region table beside the map: the region and its level at this step."""

    region: str
    level_label: str
    rgb: tuple[int, int, int]


def nice_scale_km(map_width_m: float) -> int:
    """The largest round length not over a fifth of the map's width."""
    target = map_width_m / 5000.0
    return max([s for s in SCALE_STEPS_KM if s <= target] or [SCALE_STEPS_KM[0]])


def unlabelled_note(unlabelled) -> str:
    """The footer's note naming the units too small for a label."""
    return f"（{'、'.join(unlabelled)}等小面积区县未标注名称）" if unlabelled else ""
