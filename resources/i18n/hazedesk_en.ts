<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/gui/controller.py" line="170" />
        <source>日 AQI 预报表每天只有一个值，已按自然日评估。</source>
        <translation>A daily AQI table has one value per day: it was evaluated by calendar day.</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <location filename="../../app/gui/files.py" line="40" />
        <location filename="../../app/gui/files.py" line="70" />
        <location filename="../../app/gui/files.py" line="102" />
        <source>打开预报</source>
        <translation>Open forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="41" />
        <source>预报文件 (%1);;所有文件 (*)</source>
        <translation>Forecast files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="63" />
        <source>工作簿中有多个工作表，请选择预报所在的工作表：</source>
        <translation>The workbook has several sheets; choose the one with the forecast:</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="65" />
        <source>文件中有多个格点变量，请选择 PM2.5 变量：</source>
        <translation>The file has several grid variables; choose the PM2.5 one:</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="89" />
        <source>清除列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="91" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="100" />
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="100" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="141" />
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="142" />
        <source>读取 %1 时发生内部错误：%2
详细信息已写入 %3</source>
        <translation>Internal error while reading %1: %2
Details were written to %3</translation>
    </message>
</context>
<context>
    <name>LoadErrorsDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="26" />
        <source>无法打开预报</source>
        <translation>Cannot open the forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="28" />
        <source>无法读取文件 %1：</source>
        <translation>Cannot read the file %1:</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="32" />
        <source>之前的预报仍然保持打开，未做任何改动。</source>
        <translation>The previous forecast is still open and unchanged.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="33" />
        <source>请修正文件后重新打开。</source>
        <translation>Please correct the file and open it again.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="35" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="35" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="35" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="35" />
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="36" />
        <source>应为</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="36" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="126" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="128" />
        <source>最近打开</source>
        <translation>Open recent</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="132" />
        <source>生成预警建议函…</source>
        <translation>Warning proposal…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="134" />
        <source>导出会商图…</source>
        <translation>Export meeting map…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="138" />
        <source>打印地图…</source>
        <translation>Print map…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="144" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="148" />
        <source>情景修改…</source>
        <translation>What-if edit…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="150" />
        <source>修改所选城市在某时段的预报，立即重新评估（可撤销）</source>
        <translation>Change the forecast of the selected cities over a period and re-evaluate at once (undoable)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="154" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="161" />
        <source>时间(&amp;T)</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="163" />
        <source>分析(&amp;A)</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="166" />
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="167" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="169" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="188" />
        <source>请先打开预报。</source>
        <translation>Open a forecast first.</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="196" />
        <source>工具栏</source>
        <translation>Tool bar</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="202" />
        <source> 图层：</source>
        <translation> Layer: </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="239" />
        <source>指向地图上的城市查看数值，单击选择（Ctrl+单击多选）</source>
        <translation>Point at a city to see its values; click to select (Ctrl+click for several)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="251" />
        <location filename="../../app/gui/main_window.py" line="258" />
        <source>未加载预报</source>
        <translation>No forecast loaded</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="253" />
        <source>自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="253" />
        <source>滑动 24 小时</source>
        <translation>rolling 24 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="254" />
        <source> · 已做情景修改</source>
        <translation> · what-if edits applied</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="265" />
        <source>关于 HazeDesk</source>
        <translation>About HazeDesk</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="266" />
        <source>HazeDesk 川渝重污染天气预警会商台 %1
离线运行；按 2025–26 年川渝联动方案评估预报。</source>
        <translation>HazeDesk — Sichuan–Chongqing heavy-pollution warning desk %1
Runs offline; evaluates forecasts against the 2025–26 Sichuan–Chongqing linkage scheme.</translation>
    </message>
</context>
<context>
    <name>MapHeader</name>
    <message>
        <location filename="../../app/gui/map/header.py" line="21" />
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="24" />
        <source>日 AQI（自然日）</source>
        <translation>Daily AQI (calendar day)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="25" />
        <source>日 AQI（滑动 24 小时）</source>
        <translation>Daily AQI (rolling 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="26" />
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="31" />
        <source>无预警</source>
        <translation>No warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="31" />
        <source>黄色</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="32" />
        <source>橙色</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="32" />
        <source>红色</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="59" />
        <source>本时次区域预警</source>
        <translation>Regional warnings now</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>优</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>良</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>轻度污染</source>
        <translation>Lightly polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>中度污染</source>
        <translation>Moderately polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>重度污染</source>
        <translation>Heavily polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13" />
        <source>严重污染</source>
        <translation>Severely polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="21" />
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="23" />
        <source>日 AQI（自然日）</source>
        <translation>Daily AQI (calendar day)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="23" />
        <source>日 AQI（滑动 24 小时）</source>
        <translation>Daily AQI (rolling 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="29" />
        <source>数据不足</source>
        <translation>Insufficient data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="30" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="33" />
        <source>无预警</source>
        <translation>No warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="33" />
        <source>黄色预警</source>
        <translation>Yellow warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="33" />
        <source>橙色预警</source>
        <translation>Orange warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="33" />
        <source>红色预警</source>
        <translation>Red warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="34" />
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="40" />
        <source>粗线：联动区域边界</source>
        <translation>Thick line: linkage region</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="40" />
        <source>浅色：联动范围以外</source>
        <translation>Pale: outside the linkage</translation>
    </message>
</context>
<context>
    <name>MapTooltip</name>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="13" />
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="13" />
        <source>黄色</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="13" />
        <source>橙色</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="13" />
        <source>红色</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>优</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>良</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>轻度污染</source>
        <translation>Lightly polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>中度污染</source>
        <translation>Moderately polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>重度污染</source>
        <translation>Heavily polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="20" />
        <source>严重污染</source>
        <translation>Severely polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="26" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="35" />
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="54" />
        <source>无预报数据</source>
        <translation>no forecast data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="57" />
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="60" />
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="62" />
        <source>24 小时 AQI</source>
        <translation>24-hour AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="64" />
        <source>数据不足</source>
        <translation>Insufficient data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="68" />
        <source>本市等级</source>
        <translation>Own level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="71" />
        <source>区域等级</source>
        <translation>Region level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="72" />
        <source>执行等级</source>
        <translation>Warns at</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="76" />
        <source>（预报已做情景修改）</source>
        <translation>(forecast changed by a what-if edit)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../app/gui/printing.py" line="64" />
        <source>打印会商图</source>
        <translation>Print meeting map</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../app/gui/timefmt.py" line="30" />
        <source>北京时间</source>
        <translation>Beijing time</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <location filename="../../app/gui/timebar.py" line="29" />
        <source>播放/暂停（空格）</source>
        <translation>Play/pause (Space)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="31" />
        <source>第一个时次（Home）</source>
        <translation>First hour (Home)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="33" />
        <source>前一天（Shift+←）</source>
        <translation>Previous day (Shift+←)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="35" />
        <source>前一小时（←）</source>
        <translation>Previous hour (←)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="37" />
        <source>后一小时（→）</source>
        <translation>Next hour (→)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="38" />
        <source>后一天（Shift+→）</source>
        <translation>Next day (Shift+→)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="40" />
        <source>最后一个时次（End）</source>
        <translation>Last hour (End)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/timebar.py" line="50" />
        <source>%n 小时/秒</source>
        <translation>
            <numerusform>%n hour/s</numerusform><numerusform>%n hours/s</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="51" />
        <source>播放速度</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="153" />
        <source>未加载预报</source>
        <translation>No forecast loaded</translation>
    </message>
</context>
<context>
    <name>WhatIfUndoStack</name>
    <message>
        <location filename="../../app/gui/undo.py" line="67" />
        <source>删除：%1</source>
        <translation>Remove: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/undo.py" line="81" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/gui/undo.py" line="86" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/gui/actions.py" line="37" />
        <source>打开预报…</source>
        <translation>Open forecast…</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="38" />
        <source>打开预报文件（CSV、Excel、NetCDF），也可以把文件拖到窗口中</source>
        <translation>Open a forecast file (CSV, Excel, NetCDF); you can also drop a file on the window</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="39" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="41" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="44" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="51" />
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="51" />
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="51" />
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="55" />
        <source>地图图层：%1（Ctrl+%2）</source>
        <translation>Map layer: %1 (Ctrl+%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="61" />
        <source>邻接关系</source>
        <translation>Adjacency</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="62" />
        <source>显示由共同边界得到的城市邻接关系（紫色虚线为方案中指定的调整）</source>
        <translation>Show the city adjacency derived from shared borders (dashed purple: overrides named in the scheme)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="65" />
        <source>重置视图</source>
        <translation>Reset view</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="66" />
        <source>显示整个川渝地区（Ctrl+0）</source>
        <translation>Show all of Sichuan and Chongqing (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="67" />
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="68" />
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="70" />
        <source>前一小时</source>
        <translation>Previous hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="71" />
        <source>后一小时</source>
        <translation>Next hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="72" />
        <source>前一天</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="73" />
        <source>后一天</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="74" />
        <source>第一个时次</source>
        <translation>First hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="75" />
        <source>最后一个时次</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="76" />
        <source>播放/暂停</source>
        <translation>Play/pause</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="80" />
        <source>日 AQI 按自然日</source>
        <translation>Daily AQI by calendar day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="80" />
        <source>日 AQI 按滑动 24 小时</source>
        <translation>Daily AQI over rolling 24 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="96" />
        <source>关于 HazeDesk</source>
        <translation>About HazeDesk</translation>
    </message>
</context>
<context>
    <name>_EditUndoStack</name>
    <message>
        <location filename="../../app/gui/controller.py" line="78" />
        <source>删除：%1</source>
        <translation>Remove: %1</translation>
    </message>
</context>
</TS>