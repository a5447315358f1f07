"""The user guide (Help → 使用说明): its content in Chinese and English, and its HTML.

The pictures are screenshots of the real window, made by ``tools/make_guide_pictures.py`` (``hazedesk gui
--screenshot``) into ``resources/guide/`` as ``<lang>-<name>.png``. :func:`guide_html` writes the page; the
dialog only shows it. Keys and menu names here are the window's own: when a shortcut changes, change it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from app.paths import RESOURCES_DIR

PICTURES_DIR = RESOURCES_DIR / "guide"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...]  # plain text; a paragraph starting with "• " is a list item
    picture: str = ""  # name of the picture (without language and extension), "" for none
    caption: str = ""


_ZH = (
    Section("load", "一、打开预报", (
        "启动后窗口先打开随附的样例预报。打开自己的预报：文件 → 打开预报（Ctrl+O），或把文件拖到窗口中；"
        "最近打开的文件在 文件 → 最近打开 里。",
        "可以打开 CSV/TSV/Excel 逐时长表、宽表、日 AQI 表和区间表（如 AQI 150–200），以及 NetCDF 网格"
        "（自动按面积加权算到各城市）。文件有问题时，窗口逐条列出出错的行、列和读到的值，已打开的预报保持不变。",
        "标题栏和状态栏显示预报文件名、日 AQI 的算法（自然日或滑动 24 小时）和所用的 AQI 标准（HJ 633-2012 或 2026）。",
    ), "overview", "预警等级图层：2026-01-13 14:00（D+4），选中成都平原地区的预警过程，触发城市群以斜线标出。"),
    Section("step", "二、逐时查看", (
        "• ←/→ 前后一小时，Shift+←/→ 前后一天，Home/End 到第一个/最后一个时次，空格键播放或暂停；"
        "也可以拖动时间条，或在时间序列图上单击某一时刻。",
        "• 图层：Ctrl+1 小时 AQI，Ctrl+2 日 AQI，Ctrl+3 预警等级，Ctrl+4 PM2.5 浓度（按当时 AQI 标准的 PM2.5 分级着色）。",
        "• 滚轮或 +/− 缩放，拖动平移，Ctrl+0 回到整个川渝；左下角的比例尺随缩放变化。",
        "• Ctrl+F 查找城市：输入中文（渝中）、拼音（yuzhong）、拼音首字母（yz）或行政区划代码（500103），"
        "回车后地图移到该城市并选中它。",
        "• Ctrl+Shift+W 在地图上显示风场箭头（箭头指向下风方向，越长风越大）；时间序列下方的“气象”栏显示所选城市的"
        "边界层高度、风速、湿度、降水等（预报文件带有气象列时）。",
    )),
    Section("read", "三、看数值和预警原因", (
        "鼠标指向城市，提示框显示当时的 PM2.5、PM10 浓度（µg/m³）、小时 AQI 和首要污染物、所用 AQI 标准、"
        "当日日 AQI 和 PM2.5 日均值、本市等级、区域等级和气象。单击城市选中它（Ctrl+单击多选），"
        "右侧“城市数值”栏一直显示它的这些数值，下方时间序列显示它的小时 AQI、日 AQI 和等级色带。",
        "“区域预警过程”栏列出每个区域预警过程；选择一行，下面用文字说明为什么预警：触发规则、触发城市群、"
        "各城市达到的条件、按自身等级预警的城市、提前量和审批。",
        "Ctrl+T 打开“城市逐日表”：59 个城市 × 预报各天的日 AQI（或预警等级），颜色与地图一致；单击列标题排序，"
        "按区域筛选；“复制表格”后可直接粘贴到 Excel、WPS 或 Word（保留颜色），“导出 Excel…”另存为 .xlsx，供会商幻灯片使用。"
        "双击单元格跳到该城市在当天 AQI 最高的时次。再按 Ctrl+T 回到时间序列。",
        "底部的时间序列、城市逐日表和案例栏可以折叠：单击标题栏左端的 ▾（或双击标题）只留标题一行，把地方让给地图；"
        "单击 ▸ 展开。",
        "Ctrl+M 打开“逐日小图”：D+1 至 D+7 每天一张小地图（日 AQI 或预警等级），标出当天预警的区域；"
        "单击某天主窗口跳到该日，“导出图片…”保存为一张会商用图（PNG 或 PDF）。",
    ), "numbers", "选中成都市：右侧“城市数值”显示当时的浓度、AQI、首要污染物、AQI 标准、日均值、等级和气象。"),
    Section("table", "", (), "table", "城市逐日表（Ctrl+T）：按日 AQI 着色，可排序、按区域筛选、复制到 Excel/WPS、导出 .xlsx。"),
    Section("whatif", "四、情景修改（假如……）", (
        "选中城市后按 Ctrl+E（编辑 → 情景修改…），选择时段和修改方式（乘以系数、加减、设为某值），"
        "窗口立即重新评估：地图、预警过程和原因都按修改后的预报显示。",
        "修改过的城市在地图上标出，标题、状态栏和地图抬头注明“含情景修改”；“情景修改”栏列出每一项，"
        "Ctrl+Z 撤销、Ctrl+Y 重做，也可以逐项删除。导出的建议函和会商图同样注明含情景修改。",
    ), "whatif", "情景修改：成都市 01-13 至 01-15 乘以 0.6 后重新评估，“情景修改”栏列出这一项。"),
    Section("inforce", "五、现行预警", (
        "在“现行预警”栏填写正在执行的区域预警（区域、等级、开始时间），或导入已发出的预警建议函（.docx/.pdf）。"
        "窗口据此按最新预报给出维持、升级、降级、解除或延长的建议和理由，后续的建议函按建议生成。",
    ), "inforce", "现行预警：成都平原地区黄色预警执行中，窗口给出升级建议和理由。"),
    Section("export", "六、生成建议函和会商图", (
        "• 文件 → 生成预警建议函…（Ctrl+Shift+P）：按 GB/T 9704 格式生成区域预警建议函（Word 和 PDF），"
        "可填写文号、签发人、日期和气象条件；草稿自动保存。",
        "• 文件 → 导出会商图…（Ctrl+Shift+E）：当前图层和时次的会商图（PNG/PDF/SVG，A4/A3），或逐时、逐日序列和动画 GIF；"
        "Ctrl+P 打印地图。",
        "• 城市逐日表可复制或导出 Excel，逐日小图可导出为一张会商用图片（标题、预报来源和发布时间、图例、评估依据）。"
        "每次导出都记入状态文件夹的 audit.jsonl。",
    )),
    Section("session", "七、会话文件", (
        "文件 → 保存会话…（Ctrl+Shift+S）把当前工作存成一个 .hazedesk 文件：预报文件的位置和校验值、情景修改、现行预警、"
        "图层、时次、所选城市和建议函草稿。文件 → 打开会话…（Ctrl+Shift+O），或在命令行运行 hazedesk gui 会话文件，"
        "即可在本机或另一台电脑上接着工作。保存或打开过的会话也列在文件 → 最近打开中，窗口标题显示当前会话的名称。",
        "打开会话时先核对预报文件：找不到时说明原路径并可以指定它现在的位置；文件内容已改变时会明确告知，"
        "只有确认后才打开，并且不恢复只适用于原数据的情景修改和草稿。工作状态另有自动保存，异常退出后可以恢复。",
    )),
    Section("keys", "十二、常用快捷键", (
        "• Ctrl+O 打开预报 · Ctrl+Shift+O / Ctrl+Shift+S 打开/保存会话 · Ctrl+F 查找城市",
        "• ←/→ 小时 · Shift+←/→ 天 · Home/End · 空格 播放",
        "• Ctrl+1/2/3/4 图层 · Ctrl+G 邻接关系 · Ctrl+Shift+W 风场箭头 · Ctrl+0 整个川渝",
        "• Ctrl+T 城市逐日表（再按一次回到时间序列） · Ctrl+M 逐日小图 · Ctrl+E 情景修改 · Ctrl+Z/Ctrl+Y 撤销/重做",
        "• Ctrl+Shift+K 预测会商",
        "• Ctrl+Shift+P 建议函 · Ctrl+Shift+E 会商图 · Ctrl+P 打印 · F1 本说明",
    )),
)

_EN = (
    Section("load", "1. Open a forecast", (
        "The window first opens the bundled sample forecast. Open your own with File → Open forecast (Ctrl+O), "
        "or drop the file on the window; recent files are under File → Recent.",
        "CSV/TSV/Excel hourly long or wide tables, daily AQI tables and ranges (e.g. AQI 150–200), and NetCDF grids "
        "(averaged to the cities by area) can be opened. A bad file lists each problem with its row, column and "
        "the value read, and the forecast already open stays as it was.",
        "The title and status bar show the file, how the daily AQI is taken (calendar day or rolling 24 h) and the "
        "AQI standard (HJ 633-2012 or 2026).",
    ), "overview", "Warning level at 2026-01-13 14:00 (D+4), the Chengdu-plain episode chosen, its triggering "
                   "cluster hatched."),
    Section("step", "2. Step through the forecast", (
        "• ←/→ one hour, Shift+←/→ one day, Home/End first/last step, Space plays or pauses; or drag the time "
        "bar, or click a time in the timeline.",
        "• Layers: Ctrl+1 hourly AQI, Ctrl+2 daily AQI, Ctrl+3 warning level, Ctrl+4 PM2.5 (classed on the PM2.5 "
        "limits of the AQI standard in force).",
        "• Wheel or +/− zooms, drag pans, Ctrl+0 shows the whole basin; the scale bar follows the zoom.",
        "• Ctrl+F finds a city: Chinese (渝中), pinyin (yuzhong), initials (yz) or the administrative code "
        "(500103); Enter moves the map to it and selects it.",
        "• Ctrl+Shift+W shows wind arrows (pointing downwind, longer when stronger); the Weather bar under the "
        "timeline shows boundary-layer height, wind, humidity and rain of the selected cities (when the forecast "
        "has these columns).",
    )),
    Section("read", "3. Read the numbers and the reason", (
        "Point at a city: the tooltip shows the hour's PM2.5 and PM10 (µg/m³), hourly AQI with its primary "
        "pollutant, the AQI standard, the daily AQI with the daily mean PM2.5, its own and its region's level, and "
        "the weather. Click to select it (Ctrl+click for more): the Unit values panel keeps showing these numbers "
        "and the timeline shows its hourly and daily AQI with level bands.",
        "The Regional episodes panel lists every episode; choose one to read why it warns: the rule, the "
        "triggering cluster, what each city reached, cities warned at their own higher level, lead time and approval.",
        "Ctrl+T opens the City × day table: daily AQI (or warning level) of the 59 cities for each forecast day, "
        "coloured like the map; sort by a column, filter by region; Copy table pastes into Excel, WPS or Word with "
        "its colours, Export Excel… saves an .xlsx for the meeting slides. Double-click a cell to go to the city's "
        "highest-AQI hour of that day; Ctrl+T again goes back to the timeline.",
        "The timeline, City × day table and Cases at the bottom fold: ▾ at the left of the title bar (or a "
        "double-click on the title) leaves the title line only and gives the map the room; ▸ unfolds.",
        "Ctrl+M opens the Day maps: one small map per day D+1 … D+7 (daily AQI or warning level) with the regions "
        "warning that day; click a day to move the main window to it; Export picture… saves one figure (PNG or PDF).",
    ), "numbers", "Chengdu selected: the Unit values panel shows the hour's concentrations, AQI, primary "
                  "pollutant, AQI standard, daily value, levels and weather."),
    Section("table", "", (), "table", "City × day table (Ctrl+T): coloured by daily AQI, sortable, filtered by "
                                      "region, copied to Excel/WPS or exported to .xlsx."),
    Section("whatif", "4. What if …", (
        "Select cities and press Ctrl+E (Edit → What-if…), choose the period and the change (scale, add, set); "
        "the window evaluates again at once: map, episodes and reasons follow the edited forecast.",
        "Edited cities are marked on the map, the title, status bar and map header say the forecast is edited; the "
        "What-if panel lists each edit, Ctrl+Z undoes, Ctrl+Y redoes, an edit can be removed. Exported letters and "
        "maps say they include what-if edits.",
    ), "whatif", "What-if: Chengdu × 0.6 over 01-13 … 01-15, evaluated again; the What-if panel lists the edit."),
    Section("inforce", "5. Warnings in force", (
        "Enter the regional warnings being executed (region, level, start) in the Warnings in force panel, or "
        "import an issued proposal letter (.docx/.pdf). The window then advises keep, upgrade, downgrade, lift "
        "or extend with the reason, and follow-up letters are written from that advice.",
    ), "inforce", "Warnings in force: a yellow warning over the Chengdu plain, with the advice and its reason."),
    Section("export", "6. Letters and meeting maps", (
        "• File → Warning proposal… (Ctrl+Shift+P): the proposal letter in GB/T 9704 form (Word and PDF), with "
        "document number, signer, date and weather text; the draft is saved as you type.",
        "• File → Export meeting map… (Ctrl+Shift+E): the map of the current layer and hour (PNG/PDF/SVG, A4/A3), "
        "or hourly/daily series with an animated GIF; Ctrl+P prints the map.",
        "• The City × day table copies or exports to Excel, the Day maps export as one meeting picture (title, "
        "forecast source and issue time, legend, the plan the warnings are judged by). Every export is recorded in "
        "audit.jsonl in the state folder.",
    )),
    Section("session", "7. Session files", (
        "File → Save session… (Ctrl+Shift+S) keeps the work in one .hazedesk file: where the forecast is and its "
        "checksum, what-if edits, warnings in force, layer, hour, selected cities and the letter draft. File → Open "
        "session… (Ctrl+Shift+O), or 'hazedesk gui SESSION' on the command line, carries on, here or on another desk. "
        "Sessions saved or opened are also in File → Open recent, and the window title names the open session.",
        "Opening checks the forecast first: a missing file is named and you may point at where it is now; a file "
        "whose content changed is named and opened only when you agree, without the edits and draft that belong to "
        "the old data. The working state is also autosaved and offered back after a crash.",
    )),
    Section("keys", "12. Keys", (
        "• Ctrl+O open forecast · Ctrl+Shift+O / Ctrl+Shift+S open/save session · Ctrl+F find a city",
        "• ←/→ hour · Shift+←/→ day · Home/End · Space play",
        "• Ctrl+1/2/3/4 layers · Ctrl+G adjacency · Ctrl+Shift+W wind arrows · Ctrl+0 whole basin",
        "• Ctrl+T city × day table (again: back to the timeline) · Ctrl+M day maps · Ctrl+E what-if · "
        "Ctrl+Z/Ctrl+Y undo/redo",
        "• Ctrl+Shift+K forecast consultation",
        "• Ctrl+Shift+P proposal · Ctrl+Shift+E meeting map · Ctrl+P print · F1 this guide",
    )),
)

TITLES = {"zh": "HazeDesk 使用说明", "en": "HazeDesk user guide"}


def sections(lang: str) -> tuple[Section, ...]:
    """The guide's sections in order: the daily work, then 会商, the case library, the review and data quality
    (:mod:`app.desk.guide_more`), the keys last."""
    from app.desk import guide_more

    base, more = (_EN, guide_more.EN) if lang == "en" else (_ZH, guide_more.ZH)
    return (*base[:-1], *(Section(key, title, paragraphs) for key, title, paragraphs in more), base[-1])


def picture_path(lang: str, name: str, folder: Path | None = None) -> Path:
    return (folder or PICTURES_DIR) / f"{'en' if lang == 'en' else 'zh'}-{name}.png"


def pictures(lang: str) -> list[str]:
    return [s.picture for s in sections(lang) if s.picture]


def guide_html(lang: str, folder: Path | None = None) -> str:
    """The whole guide as one HTML page; pictures by file URL (missing ones are left out, never a broken image)."""
    out = [f"<h1>{escape(TITLES['en' if lang == 'en' else 'zh'])}</h1>"]
    contents = [s for s in sections(lang) if s.title]
    out.append("<p>" + " · ".join(f"<a href='#{s.key}'>{escape(s.title)}</a>" for s in contents) + "</p>")
    for section in sections(lang):
        if section.title:
            out.append(f"<h2><a name='{section.key}'></a>{escape(section.title)}</h2>")
        items = []
        for paragraph in section.paragraphs:
            if paragraph.startswith("• "):
                items.append(f"<li>{escape(paragraph[2:])}</li>")
                continue
            if items:
                out.append("<ul>" + "".join(items) + "</ul>")
                items = []
            out.append(f"<p>{escape(paragraph)}</p>")
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
        if section.picture:
            path = picture_path(lang, section.picture, folder)
            if path.is_file():
                out.append(f"<p align='center'><img src='{path.as_uri()}' width='760'><br>"
                           f"<i>{escape(section.caption)}</i></p>")
    return "\n".join(out)
