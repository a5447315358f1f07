"""Chinese for every problem message (:class:`app.errors.Problem` ``message`` and ``expected``).

The English text in the code is the key, as a Qt ``tr()`` source string is. A key written with ``{name}`` is a
template: the run-time parts of an f-string message (counts, names, times) are matched by position and put
into the Chinese text unchanged, or translated when they are one of the :data:`FRAGMENTS` (words such as
"latitude" or "hours" that the code puts into a message). Text that matches nothing stays English, so a new
message is never lost, only untranslated — and ``tests/test_messages_zh.py`` finds every message in the code
and fails until it has its Chinese here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.domain.expected_zh import EXPECTED

# Problem.message: what is wrong. (Problem.expected, what it should have been: app/domain/expected_zh.py)
MESSAGES: dict[str, str] = {
    # the window (hazedesk gui without a display)
    "no display to open the window on (DISPLAY is not set)": "没有可以打开窗口的显示器（未设置 DISPLAY）",
    "no X server is running on DISPLAY {display}": "DISPLAY {display} 上没有运行 X 服务器",
    # files, encodings, workbooks
    "no such file": "文件不存在",
    "this is a folder, not a file": "这是文件夹，不是文件",
    "folder does not exist": "文件夹不存在",
    "cannot open the file: {reason}": "无法打开文件：{reason}",
    "cannot read the file: {reason}": "无法读取文件：{reason}",
    "cannot write here: {reason}": "无法在此处写入：{reason}",
    "cannot replace the file (locked or read-only?): {reason}": "无法替换该文件（文件被占用或只读？）：{reason}",
    "the file is {size} MB; {what} up to {limit} MB are accepted": "文件大小为 {size} MB；{what}最大只接受 {limit} MB",
    "this is a binary file, not a text table": "这是二进制文件，不是文本表格",
    "cannot read the text: it is neither UTF-8 nor GBK/GB18030": "无法读取文本：编码既不是 UTF-8，也不是 GBK/GB18030",
    "the file is UTF-8 but {count} byte sequence(s) are not valid UTF-8 (first at byte {at})":
        "文件为 UTF-8 编码，但有 {count} 处字节序列不是有效的 UTF-8（第一处在第 {at} 字节）",
    "the file is GBK but {count} byte sequence(s) are not valid GBK/GB18030 (first at byte {at})":
        "文件为 GBK 编码，但有 {count} 处字节序列不是有效的 GBK/GB18030（第一处在第 {at} 字节）",
    "the file starts with a {label} byte-order mark but byte {at} is not valid in that encoding":
        "文件以 {label} 字节顺序标记（BOM）开头，但第 {at} 字节不符合该编码",
    "the file holds no table (it is empty or has only comment lines)": "文件中没有表格（文件为空或只有注释行）",
    "the text cannot be split into cells: {reason}": "无法将文本拆分为单元格：{reason}",
    "the header line has a single column: the delimiter is not a comma, tab or semicolon":
        "表头只有一列：分隔符不是逗号、制表符或分号",
    "the row has {cells} cells but the header has {width}": "该行有 {cells} 个单元格，但表头有 {width} 列",
    "this is an old Excel 97–2003 workbook (.xls)": "这是旧版 Excel 97–2003 工作簿（.xls）",
    "the file is named .xlsx but is not an Excel workbook": "文件扩展名为 .xlsx，但不是 Excel 工作簿",
    "not an .xlsx workbook": "不是 .xlsx 工作簿",
    "the workbook is damaged": "工作簿已损坏",
    "the workbook is damaged ({kind}: {detail})": "工作簿已损坏（{kind}：{detail}）",
    "the workbook is damaged or not an .xlsx file": "工作簿已损坏，或不是 .xlsx 文件",
    "the workbook is damaged: a sheet part is missing": "工作簿已损坏：缺少工作表部件",
    "the workbook is damaged: its sheet cannot be read": "工作簿已损坏：无法读取其工作表",
    "the workbook is damaged: {part} cannot be read": "工作簿已损坏：无法读取 {part}",
    "the workbook would expand to {size} MB (part {part} compressed {ratio}×): refused as a possible zip bomb":
        "工作簿解压后将达 {size} MB（部件 {part} 压缩比 {ratio}×）：疑似压缩炸弹，已拒绝读取",
    "the zip archive is not an Excel workbook (no xl/workbook.xml)": "该 zip 压缩包不是 Excel 工作簿（没有 xl/workbook.xml）",
    "the workbook has no sheets": "工作簿中没有工作表",
    "no such sheet in the workbook": "工作簿中没有该工作表",
    "sheet {sheet} holds no table": "工作表 {sheet} 中没有表格",
    "merged cells {ref} inside the table (sheet {sheet})": "表格内有合并单元格 {ref}（工作表 {sheet}）",
    "{count} formula cells have no saved value (first {ref})": "{count} 个公式单元格没有保存计算结果（第一个为 {ref}）",
    "{count} cells hold formulas; their values as last saved were read": "{count} 个单元格含公式；已读取上次保存时的计算结果",
    "{count} cells right of the table (no header) were ignored": "表格右侧有 {count} 个单元格（无表头），已忽略",
    # table layout and columns
    "unknown range bound": "未知的区间取值方式",
    "the table has a header but no data rows": "表格只有表头，没有数据行",
    "a daily table carries the daily AQI or the daily mean PM2.5 only": "日表格只能包含日 AQI 或 PM2.5 日均浓度",
    "two columns mean the same thing ({field})": "两列含义相同（{field}）",
    "no time column in the header": "表头中没有时间列",
    "column not recognised, ignored": "无法识别的列，已忽略",
    "the table has value columns but no city column": "表格有数值列，但没有城市列",
    "the table has a time column but no city or value columns": "表格有时间列，但没有城市列或数值列",
    "the same unit has two columns": "同一城市出现在两列中",
    "a wide table (one column per unit) needs the pollutant it gives": "宽表（每个城市一列）需要注明所给的污染物",
    "the value column {column} needs the pollutant it gives": "数值列 {column} 需要注明所给的污染物",
    "unknown pollutant": "未知的污染物",
    "a range forecast needs both bounds: {have} is there, {lack} is missing": "区间预报需要上下限两列：有 {have}，缺 {lack}",
    "no PM2.5 or AQI column": "没有 PM2.5 或 AQI 列",
    "the range's low bound is above its high bound": "区间下限高于上限",
    "both an aqi column and an aqi_low/aqi_high range: the range is used ({bound} bound)":
        "同时有 aqi 列和 aqi_low/aqi_high 区间：采用区间（取{bound}）",
    "converted from {unit} (declared in the header) to {wanted}": "已从 {unit}（表头中注明）换算为 {wanted}",
    "the issue-time column holds several different times": "发布时间列中有多个不同的时间",
    # cells: cities, numbers, times
    "unknown unit name": "无法识别的城市名称",
    "unknown unit name ({count} row{plural})": "无法识别的城市名称（共 {count} 行）",
    "an empty city cell": "城市单元格为空",
    "a city-hour given twice": "城市-小时重复",
    "a city-day given twice": "城市-日重复",
    "text in a number cell": "不是数字",
    "an Excel error value": "Excel 错误值",
    "a negative value": "数值为负",
    "not a finite number": "不是有限数值",
    "not a number": "不是数字",
    "{count} wind directions could not be read and are left empty": "{count} 个风向无法识别，已留空",
    "{count} inversion cells could not be read and are left empty": "{count} 个逆温单元格无法识别，已留空",
    "an empty time cell": "时间单元格为空",
    "a time that cannot be read": "无法识别的时间",
    "an issue time that cannot be read": "无法识别的发布时间",
    "the times mix zones: some carry an offset, others do not": "时间的时区不一致：有的带时区偏移，有的没有",
    "not an hour of the day": "不是一天中的整点小时",
    "a time that is not on the hour": "时间不是整点",
    "the times span {days} days; at most {limit} are accepted": "时间跨度为 {days} 天；最多接受 {limit} 天",
    "the times do not fall on a daily grid": "时间不是逐日排列",
    "irregular time step: the times advance in steps of {step} {unit}": "时间步长不规则：时间以 {step} {unit}为步长推进",
    "{what} in a wide table": "宽表中{what}",
    # forecast checks (warnings)
    "{count} of {total} units have no data in this file: {names}": "{total} 个城市中有 {count} 个在此文件中没有数据：{names}",
    "{unit}: every {field} value is empty": "{unit}：{field} 全部为空",
    "{unit}: {count} {steps} without {field} (first {when})": "{unit}：有 {count} {steps}缺少 {field}（首个为 {when}）",
    "{count} {what} in {field} (first at {when})": "{field} 中有 {count} 个{what}（首个在 {when}）",
    "{field} values look like mg/m³ (median {median}, max {top})":
        "{field} 数值看起来是 mg/m³ 而不是 µg/m³（中位数 {median}，最大值 {top}）",
    "co values look like µg/m³ (median {median})": "co 数值看起来是 µg/m³ 而不是 mg/m³（中位数 {median}）",
    "the first day {day} starts at {time}: it has {hours} hours, fewer than the 20 a daily mean needs":
        "首日 {day} 从 {time} 开始：只有 {hours} 小时，不足日均值所需的 20 小时",
    "the first day {day} starts at {time} (a partial day)": "首日 {day} 从 {time} 开始（不完整的一天）",
    "the last day {day} ends at {time}: a partial day of {hours} hours": "末日 {day} 到 {time} 结束：只有 {hours} 小时，不完整",
    "the issue time given ({given}) replaces the one in the file ({in_file})":
        "已用指定的发布时间（{given}）替换文件中的发布时间（{in_file}）",
    # NetCDF grids
    "the grid's structure is not understood ({kind}: {detail})": "无法识别网格文件的结构（{kind}：{detail}）",
    "the grid does not overlap any unit": "网格与任何城市都不重叠",
    "the grid covers only part of {count} units: {names}": "网格只覆盖了 {count} 个城市的一部分：{names}",
    "cannot read the NetCDF file ({kind}: {detail})": "无法读取 NetCDF 文件（{kind}：{detail}）",
    "no such variable in the grid": "网格中没有该变量",
    "no PM2.5 variable in the grid": "网格中没有 PM2.5 变量",
    "the grid variable has no {axis} coordinate": "网格变量没有{axis}坐标",
    "a curvilinear grid: {axis} varies along both grid axes": "曲线网格：{axis}沿两个网格轴都在变化",
    "the {axis} coordinate is too short or has missing values": "{axis}坐标太短或有缺失值",
    "the {axis} coordinate is not monotonic": "{axis}坐标不是单调的",
    "the time coordinate is not a CF time": "时间坐标不是 CF 规范的时间",
    "unknown time zone on the time coordinate": "时间坐标的时区无法识别",
    "the grid's times repeat or go backwards": "网格的时间重复或倒退",
    "grid times that are not on the hour": "网格时间不是整点",
    "irregular time step: a {step}-hourly grid": "时间步长不规则：网格为每 {step} 小时一个时次",
    "the variable's unit is missing or unknown; values taken as µg/m³": "变量的单位缺失或无法识别；数值按 µg/m³ 处理",
    "the variable does not run along the time, latitude and longitude axes": "变量不是按时间、纬度、经度三个维度排列",
    "the grid variable has an extra dimension {dim} of size {size}": "网格变量多了一个维度 {dim}（长度 {size}）",
    "the variable has {count} vertical levels; the first (surface) is used": "变量有 {count} 个垂直层；使用第一层（近地面）",
    "{count} slightly negative cell values (numerical noise, ≥ −{noise} µg/m³) were averaged as they are": "{count} 个网格值略小于 0（数值噪声，≥ −{noise} µg/m³），已按原值参与平均",
    "a missing-data marker, treated as missing": "缺测标记值，按缺测处理",
    "two different issue times above the table": "表格上方有两个不同的发布时间",
    "{count} daily mean PM2.5 values under {limit} µg/m³, in {units} (first at {when})": "{count} 个 PM2.5 日均值低于 {limit} µg/m³，见于 {units}（首个在 {when}）",
    "{unit}: {count} daily mean PM2.5 values under {limit} µg/m³ (first at {when})": "{unit}：{count} 个 PM2.5 日均值低于 {limit} µg/m³（首个在 {when}）",
    "{count} units have PM2.5 under {limit} µg/m³ for {length} {what} in a row or longer ({units}): dead stations written as 0, or values in mg/m³?": "{count} 个单元 PM2.5 连续 {length} {what}或更久低于 {limit} µg/m³（{units}）：可能是停运站点记为 0，或数值单位为 mg/m³？",
    "{unit}: PM2.5 under {limit} µg/m³ for {count} {what} in a row ({start} to {end}): a dead station written as 0, or values in mg/m³?": "{unit}：PM2.5 连续 {count} {what}低于 {limit} µg/m³（{start} 至 {end}）：可能是停运站点记为 0，或数值单位为 mg/m³？",
    "the hours run 1–24 without 0: read as hour-ending (1 = 00:00–01:00, 24 = 23:00–24:00), each row placed at the hour it ends minus one": "小时为 1–24（无 0）：按时段结束时刻理解（1 = 00:00–01:00，24 = 23:00–24:00），每行放在其结束时刻前一小时",
    "the GeoPackage has {count} layers, {polygons} of them polygons: which holds the units is not clear": "GeoPackage 有 {count} 个图层，其中 {polygons} 个为面图层：无法确定哪个是行政单元",
    "the GeoPackage has {count} layers: the units are read from {layer}, its only polygon layer ({others} not read)": "GeoPackage 有 {count} 个图层：从唯一的面图层 {layer} 读取行政单元（未读取 {others}）",
    "the grid has several PM2.5 variables ({listed}), all only zeros or empty: {chosen} is used": "网格中有多个 PM2.5 变量（{listed}），均只有 0 或为空：使用 {chosen}",
    "the grid has several PM2.5 variables ({listed}): {chosen} is used, as {zeros} hold only zeros or no values": "网格中有多个 PM2.5 变量（{listed}）：使用 {chosen}，因为 {zeros} 只有 0 或无数值",
    "the grid has several PM2.5 variables ({listed}): {chosen} is used, the first in the usual order of names": "网格中有多个 PM2.5 变量（{listed}）：按常用变量名顺序使用第一个 {chosen}",
    "the cells are not plausible for a lat/lon grid (GDTYP 1): they look like metres, not degrees": "网格单元大小不符合经纬度网格（GDTYP 1）：看起来是米而不是度",
    "the cells are not plausible for a projected grid: they look like degrees, not metres": "网格单元大小不符合投影网格：看起来是度而不是米",
    "the grid spacing is not plausible for a WRF grid: it does not look like metres": "WRF 网格间距不合理：看起来不是以米为单位",
    "a negative concentration, treated as missing": "浓度为负值，按缺测处理",
    "a value outside the variable's valid range, treated as missing": "超出该变量有效范围的数值，按缺测处理",
    # boundaries
    "boundary file not found": "找不到边界文件",
    "cannot read this as GeoPackage, Shapefile or GeoJSON: {reason}": "无法按 GeoPackage、Shapefile 或 GeoJSON 读取：{reason}",
    "attribute text is in an unknown encoding (save it as UTF-8)": "属性文字的编码无法识别（请另存为 UTF-8）",
    "the file declares no coordinate reference system (CRS)": "文件没有声明坐标参考系（CRS）",
    "missing required attribute: the unit's code or name": "缺少必需的属性：城市的区划代码或名称",
    "{unit} appears twice (features {first} and {second})": "{unit} 出现了两次（第 {first} 和第 {second} 个要素）",
    "{count} of the 59 units are missing: {names}": "59 个城市中缺少 {count} 个：{names}",
    "{count} features are not among the 59 units and were ignored: {names}": "{count} 个要素不属于这 59 个城市，已忽略：{names}",
    "{unit} has an empty geometry": "{unit} 的几何图形为空",
    "{unit} is not a polygon": "{unit} 不是多边形",
    "{unit}: invalid geometry with no area left after repair": "{unit}：几何图形无效，修复后面积为零",
    "{unit}: invalid geometry repaired ({reason})": "{unit}：无效的几何图形已修复（{reason}）",
    "the geometry does not lie in Sichuan–Chongqing: is the declared CRS right?": "几何图形不在川渝范围内：声明的坐标参考系是否正确？",
    "{a} and {b} overlap ({area} km² along {length} km of border)": "{a} 与 {b} 相互重叠（{area} km²，沿边界 {length} km）",
    "gap narrower than {width} m between {a} and {b} (along {length} km of border)":
        "{a} 与 {b} 之间有窄于 {width} m 的缝隙（沿边界 {length} km）",
    # scheme, AQI tables, unit table
    "the scheme file is not UTF-8 text": "预警方案文件不是 UTF-8 文本",
    "not valid TOML: {reason}": "不是有效的 TOML：{reason}",
    "missing key": "缺少键",
    "empty letterhead": "红头文字为空",
    "wrong type": "类型错误",
    "must be positive": "必须为正数",
    "durations are whole days of 24 h or more": "持续时间必须为整天（24 小时或更长）",
    "not a date-time": "不是日期时间",
    "unknown mode": "未知的模式",
    "out of range": "超出范围",
    "unknown level": "未知的预警级别",
    "empty list": "列表为空",
    "levels must be yellow, orange, red in that order": "预警级别必须依次为黄色、橙色、红色",
    "unknown action": "未知的操作",
    "a unit cannot be its own neighbour": "城市不能与自身相邻",
    "lengths must not be negative": "长度不能为负",
    "city is already in another region": "该城市已属于另一个区域",
    "no linkage region": "没有联动区域",
    "cannot read the AQI table: {reason}": "无法读取 AQI 分级表：{reason}",
    "not valid UTF-8 TOML: {reason}": "不是有效的 UTF-8 TOML：{reason}",
    "not an increasing list of numbers": "不是递增的数字列表",
    "not an increasing list from 0": "不是从 0 开始的递增列表",
    "a short table needs a rule above its top": "分级表不完整，需要规定超出最高档时的处理",
    "unknown table": "未知的分级表",
    "missing table": "缺少分级表",
    "unknown indicator": "未知的指标",
    "bad rounding entry": "修约设置有误",
    "cannot read the unit table: {reason}": "无法读取城市表：{reason}",
    "missing column": "缺少列",
    # engine, warnings in force, what-if, working state
    "unknown daily-AQI mode": "未知的日 AQI 计算方式",
    "unknown AQI edition": "未知的 AQI 标准版本",
    "the forecast has no units or no times": "预报中没有城市或没有时间",
    "unsupported forecast step": "不支持的预报时间步长",
    "a daily AQI table has one value per day: rolling 24-hour mode needs hourly values":
        "日 AQI 表每天只有一个值：滑动 24 小时方式需要逐小时数据",
    "a daily table needs the daily AQI": "日表格需要日 AQI",
    "the forecast has neither PM2.5 nor AQI values": "预报中既没有 PM2.5 也没有 AQI 数据",
    "unknown region in the warning in force": "生效预警中的区域无法识别",
    "not valid UTF-8 JSON: {reason}": "不是有效的 UTF-8 JSON：{reason}",
    "unknown region": "未知的区域",
    "missing value": "缺少值",
    "the end is before the start": "结束时间早于开始时间",
    "two warnings of one region overlap in time": "同一区域的两条现行预警时间重叠",
    "missing time": "缺少时间",
    "unknown what-if operation": "未知的情景调整操作",
    "a concentration cannot be negative": "浓度不能为负值",
    "a scale factor must be above 0": "缩放系数必须大于 0",
    "missing key in a what-if edit": "情景调整中缺少键",
    "unknown unit for a what-if edit": "情景调整的城市无法识别",
    "the forecast has no such field": "预报中没有该要素",
    "the time range is outside the forecast": "时间范围超出预报时段",
    "not valid JSON: {reason}": "不是有效的 JSON：{reason}",
    # session files (app.desk.session_file)
    "not a HazeDesk session file": "不是 HazeDesk 会话文件",
    "the session has no working state": "会话文件中没有工作状态",
    "bad selected units": "所选城市格式错误",
    "bad letter draft": "建议函草稿格式错误",
    "cannot open the session: {reason}": "无法打开会话：{reason}",
    "unknown dock": "没有这个停靠窗口",
    "not a HazeDesk working state": "不是 HazeDesk 工作状态文件",
    "damaged working state: {reason}": "工作状态文件已损坏：{reason}",
    "cannot read the autosave: {reason}": "无法读取自动保存的文件：{reason}",
    # proposal letters, maps, command-line options
    "no such regional episode": "没有该区域过程",
    "no regional episode selected": "没有选择区域过程",
    "no such recommendation": "没有该条建议",
    "this recommendation needs no letter": "该条建议不需要发函",
    "the forecast reaches no regional warning: there is nothing to propose": "预报未达到区域预警条件：没有需要建议的预警",
    "the forecast is not one of the consultation's sources": "该预报不是本次会商的来源之一",
    "the consultation's source files are missing or changed": "会商来源文件不存在或已被修改",
    "the observed file the consultation was judged with is not there": "会商研判所用的实况文件不存在",
    "the observed file the consultation was judged with has changed since (sha256)":
        "会商研判所用的实况文件此后已被修改（sha256 不同）",
    "no output given": "没有指定输出文件",
    "wrong file type": "文件类型错误",
    "not an episode number": "不是过程编号",
    "unknown font choice": "未知的字体选项",
    "the proposal template is missing": "缺少建议函模板",
    "unsupported map file type": "不支持的地图文件类型",
    "unknown paper size": "未知的纸张大小",
    "resolution out of range": "分辨率超出范围",
    "a series is written as numbered PNG files": "序列图按编号输出为多个 PNG 文件",
    "time outside the forecast": "时间超出预报时段",
    "day outside the forecast": "日期超出预报时段",
    "unknown map layer": "未知的地图图层",
    "the aqi layer is hourly": "aqi 图层为逐小时数据",
    "the daily layer needs a day": "日图层需要指定日期",
    "the daily layer has one map per day": "日图层每天一张图",
    "unknown series": "未知的序列类型",
    "--gif needs --series hourly|daily": "--gif 需要同时给出 --series hourly|daily",
    # the letter date and the forecast behind a letter (app.domain.letter_sets)
    "the letter date {date} is after the proposed start {start}": "成文日期{date}晚于建议启动时间{start}",
    "the letter date {date} is before the forecast it cites was issued ({issued})":
        "成文日期{date}早于所依据预报的发布时间（{issued}）",
    "the forecast was issued {hours} hours before the letter (at {issued}): check that it is the latest one":
        "预报发布于成文前{hours}小时（{issued}），请核实是否为最新预报",
    "the forecast was issued {days} days before the letter (at {issued}): check that it is the latest one":
        "预报发布于成文前{days}天（{issued}），请核实是否为最新预报",
    "no warned city on this side": "该方没有预警城市",
    "the letter's {name} is not filled in": "函件的{name}未填写",
    "the bundled fonts cannot draw these characters: they would print as boxes": "随附字体无法显示这些字符，打印时将显示为方框",
    # spec §7's letters (app.domain.letter_sets, app.export.proposal_readback)
    "every warning in force is to be kept and no new warning is due: no letter to write":
        "所有现行预警均建议维持，且没有需要启动的新预警，无需发函",
    "this episode ended before the forecast's first hour: it needs no letter": "该过程在预报首个时次之前已经结束，无需发函",
    "this episode is the 过程 of a warning in force: it gets a follow-up letter, not a start letter":
        "该过程属于一项现行预警，应发后续函，而不是启动函",
    "the letter does not say when the revised warning starts": "函件未写明调整后预警的启动时间",
    "the letter says neither when the warning started nor when it is extended": "函件既未写明预警的启动时间，也未写明延长后的时间",
    # each letter of a run its own 发文字号 (app.domain.doc_numbers)
    "one document number for several letters must end in its serial number (…3号)":
        "多件函只给一个文号时，文号须以发文顺序号结尾（如…3号），后续各件才能依次编号",
    "the letters have different senders: one document number cannot number them all":
        "各件函的发文机关不同，一个文号无法为全部函件编号",
    "{given} document numbers for {count} letters": "给出 {given} 个文号，但共有 {count} 件函",
    "two letters cannot have the same document number": "两件函不能使用同一个文号",
    # reading back an issued proposal letter (its embedded HazeDesk record)
    "not a proposal letter file": "不是建议函文件",
    "not a readable Word (.docx) file": "不是可读取的 Word（.docx）文件",
    "not a Word (.docx) file": "不是 Word（.docx）文件",
    "not a PDF file": "不是 PDF 文件",
    "this letter carries no HazeDesk record (not exported by HazeDesk, or exported before letters carried one)":
        "该函件中没有 HazeDesk 记录（不是由 HazeDesk 导出，或导出时的版本尚未附带记录）",
    "the HazeDesk record in this letter is damaged (a part of it is missing)": "该函件中的 HazeDesk 记录已损坏（缺少一部分）",
    "the HazeDesk record in this PDF is damaged (it cannot be decompressed)": "该 PDF 中的 HazeDesk 记录已损坏（无法解压）",
    "the HazeDesk record in this letter is damaged (not JSON: {reason})": "该函件中的 HazeDesk 记录已损坏（不是 JSON：{reason}）",
    "the embedded record is not a HazeDesk proposal record": "内嵌的记录不是 HazeDesk 建议函记录",
    "the HazeDesk record has an unknown version": "HazeDesk 记录的版本无法识别",
    "the HazeDesk record in this letter was changed after export (its checksum does not match)":
        "该函件中的 HazeDesk 记录在导出后被改动过（校验值不符）",
    "the HazeDesk record names no letter kind or no change": "HazeDesk 记录中没有函件类型或没有任何变更",
    "the HazeDesk record lists no letter": "HazeDesk 记录中没有列出任何函件",
    "this file holds {count} letters, not one": "该文件含 {count} 件函，而非一件",
    "a change in the HazeDesk record is not an object": "HazeDesk 记录中的一项变更不是对象",
    "the letter names a region the current scheme does not have": "函件中的区域不在当前预警方案中",
    "the HazeDesk record has a change that does not fit the letter": "HazeDesk 记录中有一项变更与函件不符",
    "a time in the HazeDesk record is not a date-time": "HazeDesk 记录中的时间不是日期时间",
    "the HazeDesk record has a warning without a start": "HazeDesk 记录中有一项预警没有开始时间",
    "the letter says neither when the new level applies nor when the warning started":
        "函件既没有写明新级别何时执行，也没有写明预警何时开始",
    "bad time": "时间格式错误",
    "no episodes in this forecast": "本预报中没有区域过程",
    "unknown unit": "无法识别的城市",
    "bad window size": "窗口大小格式错误",
    "window size out of range": "窗口大小超出范围",
    # observations, review and case library (issue 16)
    "observed data must be a table": "实测数据必须是表格",
    "daily AQI only: the daily mean PM2.5 is computed back from the AQI (bias and RMSE are then approximate)": "仅有日 AQI：PM2.5 日均浓度由 AQI 反算（偏差和均方根误差因此为近似值）",
    "meteorological columns in observed data are ignored": "实测数据中的气象列已忽略",
    "observed {field} is not used by the review (PM2.5 only)": "实测 {field} 不参与评估（仅用 PM2.5）",
    "{count} empty {field} cells read as missing": "{field} 有 {count} 个空单元格，按缺测处理",
    "{count} of {total} units have no observations in this file: {names}": "{total} 个单元中有 {count} 个在此文件中无实测数据：{names}",
    "{count} zero values in {field} read as missing (a zero is the missing-data placeholder of CNEMC republications)": "{field} 中有 {count} 个零值，按缺测处理（零值是中国环境监测总站数据转载中的缺测占位符）",
    # special files, writes that fail, the state folder (issue 11)
    "line {n} is {size} KB long before any table header": "表头之前的第 {n} 行长达 {size} KB",
    "the NetCDF-4 file is truncated: it has {size} bytes but its header declares {declared}":
        "NetCDF-4 文件不完整（被截断）：实际 {size} 字节，文件头声明 {declared} 字节",
    "the file is over {size} MB; {what} up to {limit} MB are accepted": "文件超过 {size} MB；{what}最大只接受 {limit} MB",
    "the state folder cannot be used: {reason}": "无法使用工作状态文件夹：{reason}",
    "this is a block device or a socket: not written": "这是块设备或套接字：不予写入",
    "this is a {kind}, not a regular file": "这是{kind}，不是普通文件",
    "{region}: {count} of {total} cities have no data; the result may be too low":
        "{region}：{total} 个城市中 {count} 个无数据，结果可能偏低",
    "{region}: {count} of {total} cities have gaps in their data; the result may be too low":
        "{region}：{total} 个城市中 {count} 个部分时段缺数据，结果可能偏低",
    # the engine's findings (insufficient or missing data)
    "the forecast does not cover whole 24-hour periods (fewer than {min_hours} valid hours): every city counts as "
    "insufficient data, not as exceeding, for these {what}: {spans} ({count} {unit} in all)":
        "预报时段未覆盖完整的 24 小时（有效小时数少于 {min_hours}），以下{what}所有城市记为数据不足、不计为超标：{spans}"
        "（共 {count} {unit}）",
    "{city}: {count} {what} with insufficient data (fewer than {min_hours} valid hours), not counted as exceeding":
        "{city}：{count} {what}数据不足（有效小时数少于 {min_hours}），不计为超标",
    "the observations overlap the forecast for {hours} hours ({first} to {last}): the forecast is used from its "
    "first hour on, the observations before it":
        "实况与预报重叠 {hours} 小时（{first} 至 {last}）：自预报首个小时起采用预报，此前采用实况",
    "observations not spliced before the forecast: they end {days} days ({hours} hours) before its first hour "
    "(last observed {last}, forecast from {f}), more than {limit} days, too long before it to affect its reading":
        "实况未拼接在预报之前：实况结束于预报首个小时之前 {days} 天（{hours} 小时）（最后实况 {last}，预报自 {f} 起），"
        "超过 {limit} 天，不影响对预报的判读",
    "{count} observed units are not in the forecast and were left out: {names}":
        "{count} 个有实况的单元不在预报中，已略去：{names}",
    "previous_level and change_at go together": "previous_level 与 change_at 须同时给出",
    "an end marked \"at least\" needs an end": "标为“至少”的结束时间须给出结束时间",
    "{count} linkage cities are missing from the forecast and count as no data: {names}":
        "预报中缺少以下 {count} 个联动城市，按无数据处理：{names}",
    # native model grids (WRF-Chem wrfout, CMAQ IOAPI)
    "XLAT/XLONG do not have the grid's shape": 'XLAT/XLONG 与网格形状不一致',
    'XLAT/XLONG do not match the projection in the global attributes (off by {metres} m at south_north {row}, west_east {col})': 'XLAT/XLONG 与全局属性中的投影不符（在 south_north {row}、west_east {col} 处相差 {metres} 米）',
    'XLAT/XLONG have missing values': 'XLAT/XLONG 有缺测值',
    "PM2.5 is the sum of {count} aerosol species (Aitken and accumulation modes, without aerosol water): {species}": "PM2.5 取 {count} 种气溶胶组分之和（爱根核模态与积聚模态，不含气溶胶水）：{species}",
    'TFLAG differs between variables': '各变量的 TFLAG 不一致',
    'TFLAG does not have the IOAPI shape': 'TFLAG 的维度不符合 IOAPI 规范',
    'a TFLAG date or time that cannot be read': '无法读取的 TFLAG 日期或时间',
    'a WRF time that cannot be read': '无法读取的 WRF 时间',
    'no PM2.5 variable and no aerosol species to sum': '没有 PM2.5 变量，也没有可求和的气溶胶组分',
    'the IOAPI file has no {dim} dimension': 'IOAPI 文件没有 {dim} 维',
    'the WRF file has no Times variable': 'WRF 文件没有 Times 变量',
    'the WRF variable does not run along {dim}': 'WRF 变量不沿 {dim} 维',
    'the cell size is not positive': '网格单元尺寸不为正',
    'the file has no time steps': '文件没有任何时次',
    'the global attribute {name} is missing': '缺少全局属性 {name}',
    'the global attribute {name} is not a number': '全局属性 {name} 不是数字',
    'the grid spacing is not positive': '网格间距不为正',
    'this IOAPI grid type is not supported': '不支持此 IOAPI 网格类型',
    'this WRF map projection is not supported': '不支持此 WRF 地图投影',
    "--names needs one distinct, non-empty name per forecast": "--names 须为每个预报给出一个互不相同的非空名称",
    "the observations ({span}) do not cover any day of the forecasts ({first} … {last})": "实测数据（{span}）不覆盖预报时段（{first} … {last}）中的任何一天",
    # consultation (会商)
    'a consultation needs at least two forecasts (got {count})': '会商至少需要两份预报（现有 {count} 份）',
    'an empty source name': '来源名称为空',
    'k is out of range': 'k 超出范围',
    'no source chosen for a region': '有区域未指定来源',
    'no source has hourly PM2.5: the median needs at least one': '没有任何来源提供逐时 PM2.5，无法计算中位数',
    'no source of that name': '没有该名称的来源',
    'two sources have the same name': '两个来源名称相同',
    'unknown consensus method': '未知的会商结论方法',
    '{given} names for {wanted} forecasts': '给出 {given} 个名称，但有 {wanted} 份预报',
    '--k applies only to the majority consensus': '--k 仅用于多数一致（majority）会商结论',
    # values that cannot be real, units against magnitude (issue 10)
    "a value that cannot be real, treated as missing": "不可能为真实值的数据，按缺测处理",
    "{count} values of {column} cannot be real and are treated as missing ({more} more not listed)": "{column} 中有 {count} 个不可能为真实值的数据，按缺测处理（另有 {more} 个未列出）",
    "{count} cell values of {column} cannot be real and are treated as missing ({more} more not listed)": "{column} 中有 {count} 个格点值不可能为真实值，按缺测处理（另有 {more} 个未列出）",
    "the values of {name} look like mg/m³ although units say {units} (median {median} after conversion)": "{name} 的数值看起来是 mg/m³，但 units 属性为 {units}（换算后中位数 {median}）",
    "the values of {name} are far too large for the units {units} (median {median} µg/m³ after conversion)": "{name} 的数值与 units 属性 {units} 不符，明显偏大（换算后中位数 {median} µg/m³）",
    "unknown field": "未知的字段",
    "{count} linkage cities have no adjacent linkage city and can never be part of a triggering cluster: {names}": "{count} 个联动城市没有相邻的联动城市，永远不会进入触发预警的相邻城市群：{names}",
    "the cities of {region} fall into {count} groups that do not touch: {groups}": "{region}的城市分成互不相邻的 {count} 组：{groups}",
    "the boundaries give no adjacent units at all ({count} units): no region could ever warn": "边界数据中没有任何相邻单元（共 {count} 个单元）：任何区域都不可能触发预警",
    "the workbook has {count} sheets that could hold a forecast: {names}": "工作簿中有 {count} 个工作表可能是预报：{names}",
    "times read in the zone the header names ({zone}) and converted to Beijing time ({shift} h)": "按表头标明的时区（{zone}）读取时间，并换算为北京时间（{shift} 小时）",
    "cannot open the case library: {reason}": "无法打开案例库：{reason}",
    "cannot write the case library (nothing was changed): {reason}": "无法写入案例库（案例库未作任何改动）：{reason}",
    "cannot read the letter file: {reason}": "无法读取建议函文件：{reason}",
    "missing arguments": "缺少参数",
    "no such case in the case library": "案例库中没有此案例",
    "this letter is already in the case: not recorded again": "该函件已在本案例中，未重复记录",
    "the case already has a different letter with this document number (recorded {when})":
        "本案例已有另一件使用该文号的函件（记录于 {when}）",
    "the case already has a notice of this city at this time": "本案例已有该城市同一时间的通报",
    "the previous forecast's file is no longer there and no copy was kept":
        "上一份预报的文件已不在原处，案例库中也未保存其副本",
    "no such city notice in the case": "本案例中没有这条城市通报",
    "not one of the linkage cities": "不是联动区域的城市",
    "no {role} column in the header": "表头中没有 {role} 列",
    # files from elsewhere: case, session, scheme files (app.untrusted, app.cases.validate; issue 22)
    "not UTF-8 text": "不是 UTF-8 文本",
    "the JSON is nested too deeply to be read": "JSON 嵌套层数过多，无法读取",
    "not a sha256 checksum": "不是 sha256 校验值",
    "not a file name": "不是文件名",
    "the name holds a NUL or control character": "名称中含有 NUL 或控制字符",
    "the name holds a folder, drive or stream separator": "名称中含有文件夹、驱动器或数据流分隔符",
    "the name is reserved by Windows": "该名称是 Windows 的保留名",
    "the name is too long": "名称过长",
    "the name leads out of its folder": "该名称会指向其文件夹之外",
    "a symbolic link is in the way": "该位置是一个符号链接",
    "not a path": "不是路径",
    "the path holds a NUL or control character": "路径中含有 NUL 或控制字符",
    "the path is too long": "路径过长",
    "not an object": "不是对象",
    "the case is not an object": "案例不是对象",
    "the tables are not an object": "数据表不是对象",
    "the table is not a list of rows": "数据表不是行的列表",
    "the table has too many rows": "数据表行数过多",
    "the row is not an object": "该行不是对象",
    "a row of another case": "属于另一个案例的行",
    "the same id twice": "同一编号出现两次",
    "the row has no id": "该行没有编号",
    "the schema version is not a whole number": "案例格式版本号不是整数",
    "a column name that is not text": "列名不是文本",
    "the value is missing": "缺少取值",
    "not an identifier": "不是编号",
    "not a time": "不是时间",
    "not a date": "不是日期",
    "not JSON text": "不是 JSON 文本",
    "the JSON is not of the expected kind": "JSON 内容的类型不符",
    "the text is too long": "文本过长",
    "not text or a number": "既不是文本也不是数字",
    "not text": "不是文本",
    "not one of the values this field takes": "不是该字段可取的值",
    "not a region name": "不是区域名称",
    "not a whole number": "不是整数",
    "not a page range": "不是页码范围",
    "not a list of sources": "不是来源列表",
    "not a list of observed files": "不是实况文件列表",
    "not a list of replaced hours": "不是以实况代替的预报时段列表",
    "[{source, start, end}]": "[{source, start, end}]（来源、起、止）",
    "not a kind of observed data": "不是实况数据的种类",
    "not a number of stations": "不是站点数",
    "a whole number ≥ 0, or null": "不小于 0 的整数，或 null",
    "not a recorded 会商 decision": "不是已记录的会商结论",
    "not a stored file": "不是存入的文件",
    "not base64": "不是 base64 编码",
    "the stored file is too large": "存入的文件过大",
    "the stored file is not the one its sha256 names": "存入的文件与其 sha256 校验值不符",
    "a part of the Word file would expand to {size} MB": "Word 文件中的一个部件解压后将达 {size} MB",
    "the text is too long for this field of the letter": "该文本对建议函的这一栏来说过长",
    "not a HazeDesk case library: tables are missing": "不是 HazeDesk 案例库：缺少数据表",
    "the same forecast is given twice": "同一份预报给了两次",
    "the forecasts' periods do not overlap: there is nothing to compare": "各预报的时段互不重叠，无从比较",
    "the session's forecast file is not there (nor beside the session file)": "会话记录的预报文件不存在（会话文件旁边也没有）",
    "the session's forecast file has changed since the session was saved": "会话记录的预报文件在保存会话之后已被修改",
    "a field of the HazeDesk record is too long": "HazeDesk 记录中的一个字段过长",
    "the form would expand to {size} MB: refused as a possible zip bomb": "报表解压后将达 {size} MB：疑似压缩炸弹，已拒绝读取",
    "not a HazeDesk case file": "不是 HazeDesk 案例文件",
    "not a HazeDesk case file: {reason}": "不是 HazeDesk 案例文件：{reason}",
    "the case file does not fit the library: {reason}": "案例文件与案例库不相容：{reason}",
    "the case file is damaged: {reason}": "案例文件已损坏：{reason}",
    "the case file was written by a newer HazeDesk": "案例文件由更新版本的 HazeDesk 写出",
    "the table is empty": "表格为空",
    "unknown letter type": "未知的函件类型",
    "unknown warning level": "未知的预警级别",
    "the issue time {issued} is after the start of {count} regional episodes: negative lead time, check the issue time: {listed}": "预报发布时间 {issued} 晚于 {count} 个区域过程的开始时间，提前量为负，请核对发布时间：{listed}",
    'not a consultation record': '不是会商记录',
    'the minutes are written as PDF or Word': '会商纪要只能保存为 PDF 或 Word 文件',
    # observed series and station files (issue 28)
    "every episode ended before the forecast's first hour: there is nothing to propose":
        "所有过程均已在预报首个时次之前结束：无需提出预警建议",
    "{count} stations listed under a Sichuan or Chongqing city lie outside every unit ({more} more not listed)":
        "{count} 个所属城市为川渝城市的站点不在任何单元范围内（另有 {more} 个未列出）",
    "{count} stations are listed under another city than the unit they lie in ({more} more not listed); each is counted where it lies":
        "{count} 个站点所属城市与其所在单元不一致（另有 {more} 个未列出）；均按所在位置计入",
    "no file to inspect": "没有要检查的文件",
    "inspect reads a forecast or observed files, not both": "inspect 只检查预报文件或实况文件，不能同时检查",
    "the daily AQI is computed from the daily mean PM2.5 with the edition in force ({editions})":
        "日 AQI 由 PM2.5 日均浓度按当日适用的标准版本计算（{editions}）",
    "{count} stations lack PM2.5 for some hours (station, hours): {names}": "{count} 个站点部分小时缺 PM2.5（站点，小时数）：{names}",
    "a negative PM2.5 value, treated as missing": "PM2.5 为负值，按缺测处理",
    "hourly AQI only: the hourly PM2.5 is computed back from the AQI": "只有逐时 AQI：逐时 PM2.5 由 AQI 反推",
    "no observed file given": "未给出实况文件",
    "no observed value for any unit from {start} to {end} ({count} {step})":
        "{start} 至 {end} 所有单元均无实况值（{count} {step}）",
    "station {code} ({area} {name}) lies outside every unit": "站点 {code}（{area} {name}）不在任何单元范围内",
    "station {code} ({name}) is listed under {area} but lies in {unit}; it is counted in {unit2} (by its location)":
        "站点 {code}（{name}）所属城市填为 {area}，但位于 {unit} 境内；按其位置计入 {unit2}",
    "station {code} has no coordinates and cannot be placed in a unit": "站点 {code} 没有经纬度，无法归入单元",
    "the folder holds no station files": "文件夹中没有站点数据文件",
    "the station file has no {column} column": "站点数据文件没有 {column} 列",
    "the station file is empty": "站点数据文件为空",
    "the station files have a header but no data rows": "站点数据文件只有表头，没有数据行",
    "a row with {cells} cells under a header of {width}": "该行有 {cells} 个单元格，而表头有 {width} 列",
    "{count} background stations (对照点) left out, as city assessment does: {names}":
        "已按城市评价做法剔除 {count} 个对照点：{names}",
    "{count} negative PM2.5 values treated as missing ({more} more not listed)":
        "{count} 个 PM2.5 负值按缺测处理（另有 {more} 个未列出）",
    "{count} of {total} units have no station in the station files: {names}":
        "{total} 个单元中有 {count} 个在站点数据中没有站点：{names}",
    "{count} station-hours given twice ({differ} with different PM2.5); the later row is used":
        "{count} 个站点·小时重复出现（其中 {differ} 个 PM2.5 不同）；采用后出现的行",
    "{count} stations of other provinces (outside Sichuan and Chongqing) left out":
        "已剔除 {count} 个外省（川渝以外）站点",
    "{count} unit-days of daily means not used: hourly values of those days from another file are used instead":
        "{count} 个单元·日的日均值未采用：改用另一文件中这些日期的逐时值",
    "{count} unit-days of daily means spread over their 24 hours (no hourly values there): their daily means are exact, rolling 24-hour means only approximate":
        "{count} 个单元·日的日均值铺到当日 24 小时（该处无逐时值）：日均值准确，滑动 24 小时均值仅为近似",
    "{count} unit-{step} differ between {a} and {b}; the values of {c} (given later) are used":
        "{a} 与 {b} 有 {count} 个单元·{step}的值不同；采用后给出的 {c} 中的值",
    "{count} unit-{step} given by both {a} and {b} with the same values":
        "{a} 与 {b} 都给出了 {count} 个单元·{step}的值，数值一致",
    "{count} zero PM2.5 values read as missing (the missing-data placeholder)":
        "{count} 个 PM2.5 零值按缺测处理（零值是缺测占位符）",
    "{unit}: {count} hours without a valid station value (first {time})":
        "{unit}：{count} 个小时没有有效站点值（第一个为 {time}）",
    # the response half of the cycle (issue 23): daily report forms, problem leads, the handover
    'the case warns no city on this day': '该案例在这一天没有预警城市',
    "the date is outside the case's warnings": '日期不在该案例的预警期间内',
    "the form's fields were moved or renamed": '报送表的栏目被移动或改名',
    "the step is dated before the lead's last step": '该环节的时间早于线索上一环节的时间',
    'a required field is empty': '必填项为空',
    'a required option is missing': '缺少必需的选项',
    'a step back needs its reason': '退回上一环节须写明原因',
    'coordinates outside Sichuan and Chongqing': '坐标不在川渝范围内',
    'no forms given': '没有给出报送表',
    'no open lead is pushed to this side': '没有推送给该方且尚未销号的线索',
    'no sheet named {name}': '没有名为 {name} 的工作表',
    'no such lead in the case': '案例中没有这条线索',
    'not a time of day': '不是时刻',
    'not an Excel workbook (.xlsx)': '不是 Excel 工作簿（.xlsx）',
    'not one of the allowed values': '不是允许的取值',
    'text longer than the field allows ({count} characters)': '文字超过该栏允许的长度（{count} 字）',
    'the case does not warn this city on this day': '该案例在这一天未对该城市预警',
    'the city is not a unit': '城市不是区县单元',
    'the form belongs to another case': '报送表属于另一个案例',
    'the form is empty': '报送表未填写',
    'the form is of another version': '报送表版本不符',
    'the lead is already at this step': '线索已处于该环节',
    'the leads are pushed to different sides': '这些线索推送给不同的一方',
    'the library file is damaged: no list of cases': '案例库文件已损坏：没有案例列表',
    'the place is not a unit': '地点不是区县单元',
    'the step skips one': '跳过了一个环节',
    'two different forms for the same city and day in one import': '同一次导入中同一城市同一天有两份不同的报送表',
    'unknown step': '未知的环节',
    "a coordinate out of range": "坐标超出范围",
    "not a point": "不是坐标点",
}

# Words the code puts into the messages above at run time.
FRAGMENTS: dict[str, str] = {
    "nested too deeply": "嵌套层数过多",
    "case files": "案例文件", "report forms": "应对情况报表", "case library files": "案例库文件", "session files": "会话文件", "scheme files": "方案文件",
    "lists of warnings in force": "现行预警列表", "letters": "函件", "consultation records": "会商记录",
    "boundary files": "边界文件", "tables": "表格",
    "latitude": "纬度", "longitude": "经度", "time": "时间",
    "hours": "小时", "days": "天",
    "comma": "逗号", "tab": "制表符", "semicolon": "分号",
    "text tables": "文本表格", "workbooks": "工作簿",
    "low": "下限", "central": "中值", "high": "上限",
    "the time repeats": "时间重复", "the time goes backwards": "时间倒退",
    "AQI above 500 (the scale's top)": "超过 500（量程上限）的 AQI 值",
    "values above 1000 µg/m³": "超过 1000 µg/m³ 的值",
    "named pipe (FIFO)": "命名管道（FIFO）", "character device": "字符设备", "block device": "块设备",
    "socket": "套接字",
    "no space left on the disk": "磁盘空间已满", "the file system is read-only": "文件系统为只读",
    "permission denied": "没有写入权限",
    "the library or its folder is read-only": "案例库文件或其所在文件夹为只读",
    "another program is writing the library": "另一程序正在写入案例库",
    "the disk reported an input/output error": "磁盘报告读写错误",
    "a file stands where a folder should be": "路径中应为文件夹的位置是一个文件", "the folder does not exist": "文件夹不存在", "the file is too large for this file system": "文件超出该文件系统的大小上限",
}

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@lru_cache(maxsize=1)
def _templates() -> list[tuple[str, str, str, str]]:
    """The keys with placeholders as ``(text before the first placeholder, text after the last, key, Chinese)``,
    the most literal text first so the specific wins. Each key's pattern is compiled when a text could match it
    (it starts and ends with those texts): compiling all 225 took 0.1–0.2 s of every command that words a
    finding (issue 26)."""
    out = []
    for key, chinese in (*MESSAGES.items(), *EXPECTED.items()):
        found = list(_PLACEHOLDER.finditer(key))
        if not found:
            continue
        literal = len(_PLACEHOLDER.sub("", key))
        out.append((literal, key[:found[0].start()], key[found[-1].end():], key, chinese))
    out.sort(key=lambda item: -item[0])
    return [item[1:] for item in out]


@lru_cache(maxsize=512)
def _pattern(key: str) -> re.Pattern:
    """A template key as a pattern: its placeholders as named groups, the rest literal."""
    pattern, at = "", 0
    for m in _PLACEHOLDER.finditer(key):
        pattern += re.escape(key[at:m.start()]) + f"(?P<{m.group(1)}>.*?)"
        at = m.end()
    return re.compile(pattern + re.escape(key[at:]), re.DOTALL)


@lru_cache(maxsize=4096)
def translate(text: str | None) -> str | None:
    """The Chinese of a message or expectation; the English itself when the catalogue has no entry. Each text
    once (the catalogues are constant, as :func:`_templates` has them): a replay's findings are localised for each
    day's warnings and again for its JSON, the same texts day after day (issue 26)."""
    if not text:
        return text
    exact = MESSAGES.get(text) or EXPECTED.get(text) or FRAGMENTS.get(text)
    if exact is not None:
        return exact
    for head, tail, key, chinese in _templates():
        if len(text) < len(head) + len(tail) or not text.startswith(head) or not text.endswith(tail):
            continue  # the pattern cannot match: not compiled
        match = _pattern(key).fullmatch(text)
        if match:
            parts = {k: FRAGMENTS.get(v, v) for k, v in match.groupdict().items()}
            return _PLACEHOLDER.sub(lambda m, parts=parts: parts[m.group(1)], chinese)
    return text


def keys() -> list[str]:
    """Every English text the catalogue translates (for the completeness test)."""
    return [*MESSAGES, *EXPECTED]


def entries() -> list[tuple[str, str]]:
    """(English, Chinese) for every message and expectation."""
    return [*MESSAGES.items(), *EXPECTED.items()]
