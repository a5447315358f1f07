"""The user guide's sections on what an officer meets least often: 预测会商, the case library, the review (应对评估)
and data quality — in Chinese and English, as (key, title, paragraphs). :mod:`app.desk.guide` puts them before
the keys. Menu names, buttons and keys are the window's own: when one changes, change it here.
"""

from __future__ import annotations

ZH = (
    ("consult", "八、预测会商", (
        "分析 → 预测会商…（Ctrl+Shift+K）打开会商窗口。用“添加预报…”、拖放或“最近打开”加入至少两份预报"
        "（区域中心、两省站、各家模式：CSV/Excel 表格、NetCDF 网格、WRF-Chem、CMAQ 输出均可），“加入主窗口的预报”"
        "把当前预报也放进来；来源名称可改。读不了的文件单独说明原因，已加入的来源不受影响。",
        "• 各来源在同一时次并排显示；“区域 × 日”表给出每个区域每天达到各级的来源数，颜色为会商结论；"
        "“城市逐日 AQI”表逐家列出所选城市的日 AQI。各来源缺少的时段、城市列在下方，不计入比较。",
        "• 会商结论方法：集合中位数（逐时 PM2.5 的中位数，再按方案评估）、多数一致（k / n 家达到，或过半数）、"
        "指定来源（逐区域选定一家）。",
        "• 填写记录人和会商意见后按“采用为会商结论”：主窗口改为显示会商结论（标题和状态栏注明【会商结论】），"
        "并记入当前打开的案例；“导出会商纪要…”保存为 PDF 或 Word。",
    )),
    ("cases", "九、案例库", (
        "底部“案例”栏是案例库：每次区域重污染过程一个案例，列出状态、区域、最高级别、时段和函件数。"
        "案例库文件的位置在 设置 → 案例库位置… 中选择。",
        "• “新建…”以当前预报新建案例；“打开”（或双击）恢复该案例的现行预警和最近一次预报。",
        "• “记录已发函件…”把本软件导出的建议函（.docx/.pdf）记入案例，函件带来的现行预警随之生效；"
        "在建议函窗口保存函件后，窗口也会提示记入当前案例。各城市的启动预警情况通报在右侧小表中录入。",
        "• “更多”中：导出案例…／导入案例…（一个文件交给另一方；导入前逐项检查，不合格的文件整体拒收并说明原因），"
        "导出全部案例（年度交接），结案／重开。",
    )),
    ("review", "十、应对评估", (
        "在“案例”栏选中案例后按“评估…”，再“选择实测数据…”（逐小时或日均 PM2.5，或日 AQI 的表格）。"
        "实测缺少的城市和日期会列出，相关区域的结果标为部分结果；实测日 AQI 以点线画在时间序列上。",
        "• 回放：左为预报、右为实测，同一天同一滑块；下方逐区域说明实测的过程，以及预报和已发预警是命中、漏报还是空报。"
        "命中但等级不同的写明偏差，如“命中（等级偏高一级）”——过程报中了，级别报错了，两者分开看。",
        "• 评分：“回放”页所选预报的逐城市评分（偏差、均方根误差、级别准确率、半级别准确率、AQI>150 与 >200 的"
        "命中／漏报／空报和命中率、空报率、TS 评分）；表上方写明评分的是哪一份预报。",
        "• 评估报告：一至三部分由数据生成，四至六部分（应急响应、措施落实、存在问题）由值班人员填写，自动保存到案例库；"
        "“导出评估报告（Word + PDF）…”生成报告。",
    )),
    ("quality", "十一、数据质量", (
        "打开预报后，地图上方的提示条给出发现的问题数和最严重的一条，“查看全部”打开“数据质量”栏。"
        "每条问题注明级别（错误、警告、提示）、位置（文件、行、列，网格为变量和格点）、读到的值、应为的值、"
        "软件的处理（按无数据排除、按读到的值保留、按假定处理）和涉及的城市。",
        "• 单击列标题排序；选择一行，地图选中涉及的城市；紫色斜线标出数据存疑的城市；Ctrl+C 或“复制全部”以制表符分隔复制，可粘贴到 Excel 或 WPS。",
        "• 缺数据的城市在地图上为灰色（无数据），在城市逐日表中列为“无数据”行。某区域的缺测城市可能改变该区域的结果时"
        "（把缺测值设为最高后重新评估即可判断），会写明，如“盆地中部地区：17 个城市中 9 个无数据，结果可能偏低”。",
        "• 生成建议函前须查看数据质量问题并勾选确认，确认情况随函件记录。",
    )),
)

EN = (
    ("consult", "8. Forecast consultation", (
        "Analysis → Forecast consultation… (Ctrl+Shift+K) opens the consultation window. Add at least two "
        "forecasts with Add forecasts…, by dropping files or from Recent (the regional centre, the two provinces' "
        "stations, models: CSV/Excel tables, NetCDF grids, WRF-Chem and CMAQ output); 'Add the main window's "
        "forecast' brings in the one open. Sources can be renamed. A file that cannot be read is reported on its "
        "own; the sources already added stay.",
        "• The sources are shown side by side at the same hour; the region × day table counts the sources reaching "
        "each level, coloured by the consensus; the city table lists each source's daily AQI of the selected city. "
        "What each source lacks (days, cities) is listed and left out of the comparison.",
        "• Consensus methods: ensemble median (median of the hourly PM2.5, then evaluated by the plan), majority "
        "(k of n sources, or more than half), or a chosen source per region.",
        "• With the recorder and the consultation's opinion filled in, 'Adopt as consensus' makes the main window "
        "show the consensus (title and status bar say so) and records it in the open case; Export minutes… saves "
        "the minutes as PDF or Word.",
    )),
    ("cases", "9. Case library", (
        "The Cases tab at the bottom is the case library: one case per regional pollution episode, with its "
        "status, regions, highest level, period and letters. Choose where the library file is under Settings → "
        "Case library location….",
        "• New… starts a case with the forecast open; Open (or a double-click) restores the case's warnings in "
        "force and its latest forecast.",
        "• 'Record an issued letter…' adds a proposal letter exported by HazeDesk (.docx/.pdf) to the case, and the "
        "warnings it puts in force take effect; after saving letters in the proposal window you are offered to "
        "record them. Each city's notice of starting its warning goes into the small table on the right.",
        "• Under More: export / import a case (one file for the other office; checked field by field before "
        "import, and a file that fails is refused whole, saying why), export all cases (yearly hand-over), close "
        "or reopen a case.",
    )),
    ("review", "10. Review against observations", (
        "Choose a case in the Cases tab, press Review…, then 'Choose observed data…' (hourly or daily PM2.5, or "
        "daily AQI, as a table). Cities and days the observations lack are listed and the regions concerned are "
        "marked partial; the observed daily AQI is drawn dotted in the timeline.",
        "• Replay: forecast on the left, observed on the right, one day slider; below, per region, the observed "
        "episodes and whether the forecast and the warnings issued hit, missed or raised a false alarm. A hit at "
        "another level says how far off, e.g. 'hit (one level too high)': the episode was caught, the level was "
        "not — two different things.",
        "• Scores: per city, the scores of the forecast chosen on Replay (bias, RMSE, level accuracy, half-level "
        "accuracy, hits / misses / false alarms over AQI 150 and 200 with POD, FAR and TS); the table names the "
        "forecast it scores.",
        "• Report: parts 1–3 come from the data, parts 4–6 (response, measures, problems) are written by the officer "
        "and saved into the case as you type; 'Export the review report (Word + PDF)…' writes it.",
    )),
    ("quality", "11. Data quality", (
        "When a forecast is opened, a bar over the map gives the number of findings and the worst one; Show all "
        "opens the Data quality panel. Each finding gives its severity (error, warning, note), its place (file, "
        "row, column; for grids the variable and cell), the value read, what was expected, what was done about it "
        "(excluded as no data, kept as read, assumed) and the cities it concerns.",
        "• Sort by any column; choosing a row selects its cities on the map; purple hatching marks cities with "
        "doubtful data; Ctrl+C or Copy all copies them tab-separated, to paste into Excel or WPS.",
        "• Cities without data are grey (no data) on the map and rows of 'no data' in the city × day table. When "
        "the missing cities of a region could change its result (measured by evaluating again with the missing "
        "values at the top of the scale), a note says so, e.g. 'Central basin: 9 of 17 cities have no data; the "
        "result may be too low'.",
        "• Before a proposal letter is saved, the findings must be looked at and the box ticked; that is recorded "
        "with the letter.",
    )),
)
