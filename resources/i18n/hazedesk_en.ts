<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AdviceBar</name>
    <message>
        <location filename="../../app/gui/advice_bar.py" line="33"/>
        <source>研判：</source>
        <translation>Advice:</translation>
    </message>
    <message>
        <location filename="../../app/gui/advice_bar.py" line="54"/>
        <source>（实况）：预报首时次之前的监测实况中已经出现，不是预报</source>
        <translation>(observed): seen in the observations before the forecast&apos;s first hour, not forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/advice_bar.py" line="55"/>
        <source>单击地区打开相应的函件</source>
        <translation>Click a region to open its letter</translation>
    </message>
</context>
<context>
    <name>AutoSave</name>
    <message>
        <source>自动保存失败：%1</source>
        <translation type="vanished">Autosave failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="130"/>
        <source>HazeDesk 上次没有正常退出。</source>
        <translation>HazeDesk did not exit normally last time.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="130"/>
        <source>上次的工作状态已保存。</source>
        <translation>The working state of last time was saved.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="132"/>
        <source>保存于 %1。</source>
        <translation>Saved at %1.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="138"/>
        <source>预报文件：%1</source>
        <translation>Forecast file: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="139"/>
        <source>情景修改 %1 项，现行预警 %2 条。</source>
        <translation>%1 what-if edits, %2 warnings in force.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="144"/>
        <source>该预报文件已不存在：只能恢复现行预警，情景修改无法恢复。</source>
        <translation>That forecast file no longer exists: only the warnings in force can be restored, not the what-if edits.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="146"/>
        <source>该预报文件已被修改（内容校验值不同）：情景修改只适用于原来的数据，不再恢复；现行预警照常恢复。</source>
        <translation>That forecast file has changed (different checksum): the what-if edits applied to the old data and are not restored; the warnings in force are.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="147"/>
        <source>是否恢复？</source>
        <translation>Restore it?</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="152"/>
        <source>恢复上次的工作</source>
        <translation>Restore the last session</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="206"/>
        <source>会商结论无法重建：会商所用的实况文件不存在或已被修改（%1）。</source>
        <translation>The consensus cannot be rebuilt: an observed file the consultation was judged with is missing or has changed (%1).</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="237"/>
        <source>实况无法重新加载：%1</source>
        <translation>The observations could not be loaded again: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="244"/>
        <source>无法重新打开 %1：%2</source>
        <translation>Cannot reopen %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="254"/>
        <source>情景修改无法恢复：%1</source>
        <translation>The what-if edits cannot be restored: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="120"/>
        <source>自动保存失败：%1（%2 秒后重试）</source>
        <translation>Autosave failed: %1 (retrying in %2 s)</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="178"/>
        <source>（命令行指定的文件 %1 将在不恢复时打开。）</source>
        <translation>(If you do not restore, %1, named on the command line, is opened.)</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="136"/>
        <source>会商结论：%1（来源：%2）</source>
        <translation>Consultation consensus: %1 (sources: %2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="142"/>
        <source>会商来源文件已不存在或已被修改：会商结论无法重建，情景修改不再恢复；现行预警照常恢复。</source>
        <translation>A consultation source file is missing or has changed: the consensus cannot be rebuilt and the what-if edits are not restored; the warnings in force are restored as usual.</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="198"/>
        <source>会商结论无法重建：%1</source>
        <translation>The consultation consensus cannot be rebuilt: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="203"/>
        <source>会商结论无法重建：来源文件不存在或已被修改（%1）。</source>
        <translation>The consultation consensus cannot be rebuilt: source files missing or changed (%1).</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.py" line="171"/>
        <source>已接着上次的工作：情景修改 %1 项，现行预警 %2 条。</source>
        <translation>Carrying on from last time: %1 what-if edit(s), %2 warning(s) in force.</translation>
    </message>
</context>
<context>
    <name>CasesDock</name>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="98"/>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="96"/>
        <source>结案/重开所选案例</source>
        <translation>Close / reopen the selected case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="89"/>
        <source>用实测数据评估当前案例：回放、评分、评估报告</source>
        <translation>Review the open case against observations: replay, scores, report</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="88"/>
        <source>把已发出的建议函（本软件导出的 .docx/.pdf）记入当前案例</source>
        <translation>Record an issued letter (.docx/.pdf exported by HazeDesk) in the open case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="87"/>
        <source>打开所选案例：恢复其现行预警和最近的预报（也可双击）</source>
        <translation>Open the selected case: restores its warnings in force and latest forecast (or double-click)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="86"/>
        <source>新建案例，并记入当前打开的预报</source>
        <translation>New case; the forecast open now is recorded in it</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="79"/>
        <source>应急响应…</source>
        <translation>Response…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="90"/>
        <source>当前案例的应急响应：各城市启动情况、每日报送、问题线索、调度日报</source>
        <translation>The open case&apos;s response: the cities&apos; starts, daily reports, problem leads, daily dispatch summary</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="94"/>
        <source>导出全部案例（年度交接）…</source>
        <translation>Export all cases (yearly handover)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="209"/>
        <source>无法使用该案例库，仍使用原来的：%1</source>
        <translation>Cannot use that case library; the one in use stays: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="215"/>
        <source>案例库：%1</source>
        <translation>Case library: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="223"/>
        <source>案例库位置（选择已有案例库，或输入新文件名新建）</source>
        <translation>Case library location (choose an existing library, or type a new file name to create one)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="224"/>
        <source>案例库 (*.sqlite *.db);;所有文件 (*)</source>
        <translation>Case library (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="231"/>
        <source>案例库位置</source>
        <translation>Case library location</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="309"/>
        <source>已手工删除</source>
        <translation>removed by hand</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="310"/>
        <source>，%1起</source>
        <translation>, from %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="311"/>
        <source>手工录入（无函件）：%1 %2</source>
        <translation>Entered by hand (no letter): %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="473"/>
        <source>现行预警的手工修改已存入当前案例（%1 个区域，与函件分开记录）。</source>
        <translation>Your changes to the warnings in force are kept in the open case (%1 regions, recorded apart from the letters).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="48"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="54"/>
        <source>案例</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="54"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="54"/>
        <source>区域</source>
        <translation>Regions</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="54"/>
        <source>最高级别</source>
        <translation>Highest level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="55"/>
        <source>时段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="55"/>
        <source>函件/在施</source>
        <translation>Letters / in force</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="68"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="286"/>
        <source>未打开案例。</source>
        <translation>No case open.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="77"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="77"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="78"/>
        <source>记录已发函件…</source>
        <translation>Record an issued letter…</translation>
    </message>
    <message>
        <source>导入通报表…</source>
        <translation type="vanished">Import city notices…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="80"/>
        <source>评估…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="92"/>
        <source>导出案例…</source>
        <translation>Export case…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="93"/>
        <source>导入案例…</source>
        <translation>Import case…</translation>
    </message>
    <message>
        <source>结案/重开</source>
        <translation type="vanished">Close / reopen</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="247"/>
        <source>无法完成：%1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="253"/>
        <source>案例库出错：%1</source>
        <translation>Case library error: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="268"/>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="268"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="288"/>
        <source>当前案例：%1（在施预警 %2 个）</source>
        <translation>Current case: %1 (%2 warnings in force)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="339"/>
        <source>应急响应：按时或更高 %1 · 滞后 %2 · 低于要求 %3 · 未通报 %4 · 日报缺报 %5 · 线索 %6 条（逾期 %7）</source>
        <translation>Response: on time or higher %1 · late %2 · lower %3 · not notified %4 · daily reports missing %5 · leads %6 (overdue %7)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="373"/>
        <source>新建案例</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="373"/>
        <source>案例名称（如：2026年1月川渝盆地区域性重污染过程）：</source>
        <translation>Case name (e.g. the January 2026 basin-wide episode):</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="383"/>
        <source>已新建案例“%1”。</source>
        <translation>Case “%1” created.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="448"/>
        <source>已打开案例：在施预警 %1 个，预报 %2 份。</source>
        <translation>Case opened: %1 warnings in force, %2 forecasts.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="496"/>
        <source>选择已发出的建议函（同一函件的 Word 和 PDF 可同时选）</source>
        <translation>Choose the issued letter (the Word and PDF of one letter may be chosen together)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="497"/>
        <source>建议函 (*.docx *.pdf)</source>
        <translation>Letters (*.docx *.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="522"/>
        <source>已记录函件 %1；在施预警 %2 个。</source>
        <translation>Letter %1 recorded; %2 warnings in force.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="623"/>
        <source>选择启动预警情况通报表（城市,时间,级别）</source>
        <translation>Choose the cities&apos; warning notices table (city, time, level)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="624"/>
        <source>表格 (*.csv *.txt)</source>
        <translation>Tables (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="630"/>
        <source>已导入 %1 条城市启动预警情况。</source>
        <translation>%1 city warning notices imported.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="633"/>
        <source>导出案例</source>
        <translation>Export case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="633"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="641"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="647"/>
        <source>案例文件 (*.hzcase)</source>
        <translation>Case files (*.hzcase)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="638"/>
        <source>案例已导出：%1</source>
        <translation>Case exported: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="641"/>
        <source>导入案例</source>
        <translation>Import case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="646"/>
        <source>导出全部案例</source>
        <translation>Export all cases</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="652"/>
        <source>全部案例已导出：%1</source>
        <translation>All cases exported: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="661"/>
        <source>已合并案例库：%1 个案例，新增 %2 条记录，%3 处冲突（保留本机内容）</source>
        <translation>Library merged: %1 cases, %2 records added, %3 conflicts (kept as on this desk)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="668"/>
        <source>已导入案例（重复导入不会改变已有内容）：%1</source>
        <translation>Case imported (importing again changes nothing): %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="706"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="727"/>
        <source>请先打开一个案例。</source>
        <translation>Open a case first.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="710"/>
        <source>报送表已导入：新增 %1，更正 %2，未变 %3</source>
        <translation>Forms imported: %1 new, %2 corrected, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="297"/>
        <source>首次预警</source>
        <translation>first warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="297"/>
        <source>升级</source>
        <translation>upgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="297"/>
        <source>降级</source>
        <translation>downgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="298"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="304"/>
        <source>解除</source>
        <translation>lift</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="312"/>
        <source>预报 %1 份 · 会商 %2 次 · 城市通报 %3 条 · 实测 %4 份 · 评估 %5 次</source>
        <translation>%1 forecasts · %2 consultations · %3 city notices · %4 observed files · %5 reviews</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="570"/>
        <location filename="../../app/gui/docks/cases_dock.py" line="576"/>
        <source>会商结论未记入案例库（未打开案例）。</source>
        <translation>The consensus was not recorded in the case library (no case open).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="560"/>
        <source>会商结论已记入案例“%1”。</source>
        <translation>Consensus recorded in case &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="617"/>
        <source>会商案例</source>
        <translation>Consultation case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="619"/>
        <source>%1年%2月%3日起区域重污染过程</source>
        <translation>Regional heavy pollution episode from %1-%2-%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="565"/>
        <source>记入案例库</source>
        <translation>Record in the case library</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="566"/>
        <source>当前没有打开的案例。新建案例记录本次会商结论？
案例名称：</source>
        <translation>No case is open. Create a case to record this consultation decision?
Case title:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="593"/>
        <source>记入案例</source>
        <translation>Record in the case</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="589"/>
        <source>建议函 %1 发出后，是否记入当前案例“%2”？
记入后其预警作为现行预警（也可以以后用“记录已发函件…”记入）。</source>
        <translation>Once the letter %1 is sent, record it in the current case &quot;%2&quot;?
Its warnings then become the warnings in force (you can also record it later with &quot;Record issued letter…&quot;).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="520"/>
        <source>函件 %1 已在当前案例中，未重复记录；在施预警 %2 个。</source>
        <translation>Letter %1 is already in the case: not recorded again; %2 warnings in force.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="527"/>
        <source>已记录函件 %1 中的 %3 件函，另有 %4 件已在案例中、未重复记录；在施预警 %2 个。</source>
        <translation>Recorded %3 letters of %1, each on its own; %4 more were already in the case and were not recorded again; %2 warnings in force.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="524"/>
        <source>已记录函件 %1 中的 %3 件函，逐件记入；在施预警 %2 个。</source>
        <translation>Recorded the %3 letters of %1, each on its own; %2 warnings in force.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="357"/>
        <source>%1 第 %2/%3 件</source>
        <translation>%1, letter %2 of %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="361"/>
        <source>，PDF 第 %1–%2 页</source>
        <translation>, PDF pages %1–%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="591"/>
        <source>建议函 %1 等 %3 件函发出后，是否逐件记入当前案例“%2”？
记入后其预警作为现行预警（也可以以后用“记录已发函件…”记入）。</source>
        <translation>Once the %3 letters of %1 are sent, record each of them in the current case &quot;%2&quot;?
Their warnings then become the warnings in force (you can also record them later with &quot;Record issued letter…&quot;).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="263"/>
        <source>案例库中有 %1 条记录已损坏，所在案例未列出：%2</source>
        <translation>%1 damaged record(s) in the case library; their cases are not listed: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="432"/>
        <source>案例中有 %1 条记录已损坏，未打开：%2</source>
        <translation>The case has %1 damaged record(s) and was not opened: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/cases_dock.py" line="451"/>
        <source>案例库中有 %1 份预报的记录已损坏，未打开：%2</source>
        <translation> %1 forecast record(s) in the case library are damaged and were not opened: %2</translation>
    </message>
</context>
<context>
    <name>ChangesNote</name>
    <message>
        <location filename="../../app/gui/changes_note.py" line="38"/>
        <source>关闭（打开下一份预报时再比较）</source>
        <translation>Close (the next forecast opened is compared again)</translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="103"/>
        <source>正在比较…</source>
        <translation>comparing…</translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="122"/>
        <source>正在比较… %1%</source>
        <translation>comparing… %1%</translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="129"/>
        <source>无法与上一份预报比较：%1</source>
        <translation>Cannot compare with the previous forecast: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="134"/>
        <source>无法与上一份预报比较：内部错误（%1），详细信息已写入 %2</source>
        <translation>Cannot compare with the previous forecast: internal error (%1); details written to %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="139"/>
        <source>与上一份预报（%1）相比：</source>
        <translation>Against the previous forecast (%1): </translation>
    </message>
    <message>
        <location filename="../../app/gui/changes_note.py" line="149"/>
        <source>区域预警过程无变化</source>
        <translation>no change in the regional episodes</translation>
    </message>
</context>
<context>
    <name>CityNoticesPanel</name>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="87"/>
        <source>写入评估报告第四部分</source>
        <translation>Printed in section four of the review report</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="86"/>
        <source>各城市启动预警情况通报</source>
        <translation>Cities&apos; warning notices</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="62"/>
        <source>城市（如 自贡）</source>
        <translation>City (e.g. Zigong)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="48"/>
        <source>选中一行即可在下方修改；写入评估报告第四部分</source>
        <translation>Select a row to correct it below; printed in section four of the review report</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="47"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="47"/>
        <source>启动时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="47"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="47"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>城市（可键入，如 自贡）</source>
        <translation type="vanished">City (type, e.g. Zigong)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="68"/>
        <source>北京时间，可直接键入，例如 2026-01-12 08</source>
        <translation>Beijing time; type it directly, e.g. 2026-01-12 08</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="73"/>
        <location filename="../../app/gui/docks/city_notices.py" line="115"/>
        <source>解除</source>
        <translation>Lifted</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="75"/>
        <source>备注（可空）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="76"/>
        <source>添加通报</source>
        <translation>Add notice</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="77"/>
        <source>修改所选</source>
        <translation>Change selected</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="78"/>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="79"/>
        <source>导入通报表…</source>
        <translation>Import notices table…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="80"/>
        <source>CSV 表：城市,时间,级别[,备注]（UTF-8 或 GBK）</source>
        <translation>CSV table: city,time,level[,note] (UTF-8 or GBK)</translation>
    </message>
    <message>
        <source>各城市启动预警情况通报（写入评估报告第四部分）</source>
        <translation type="vanished">Cities&apos; warning notices (printed in section four of the review report)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="183"/>
        <source>已记录 %1 的启动预警情况。</source>
        <translation>Notice of %1 recorded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="203"/>
        <source>已修改 %1 的启动预警情况。</source>
        <translation>Notice of %1 corrected.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="212"/>
        <source>已删除 %1 %2 的通报。</source>
        <translation>Notice of %1 at %2 deleted.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="217"/>
        <source>选择启动预警情况通报表（城市,时间,级别）</source>
        <translation>Choose the cities&apos; notices table (city, time, level)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="218"/>
        <source>表格 (*.csv *.txt)</source>
        <translation>Tables (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/city_notices.py" line="229"/>
        <source>已导入 %1 条城市启动预警情况。</source>
        <translation>%1 city notices imported.</translation>
    </message>
</context>
<context>
    <name>Consult</name>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="19"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="19"/>
        <source>黄</source>
        <translation>Y</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="20"/>
        <source>橙</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="20"/>
        <source>红</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="47"/>
        <source>无来源</source>
        <translation>no source</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="60"/>
        <source>未覆盖</source>
        <translation>not covered</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/agreement.py" line="63"/>
        <source>会商结论：</source>
        <translation>Consensus: </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/timeline.py" line="40"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/timeline.py" line="45"/>
        <source>城市：</source>
        <translation>City:</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/timeline.py" line="91"/>
        <source>各来源的线色（该市无数据的来源不画）</source>
        <translation>Each source&apos;s line colour (sources with no data for this city are not drawn)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/timeline.py" line="100"/>
        <source>◀ 实况 | 预报 ▶</source>
        <translation>◀ observed | forecast ▶</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/timeline.py" line="103"/>
        <source>预报首日：左侧各日含实况（各来源相同），右侧为各来源预报</source>
        <translation>The forecasts&apos; first day: the days to its left include observations (the same in every source), to its right each source&apos;s forecast</translation>
    </message>
</context>
<context>
    <name>ConsultDialog</name>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="63"/>
        <source>预测会商</source>
        <translation>Forecast consultation</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="83"/>
        <source>添加预报…</source>
        <translation>Add forecasts…</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="86"/>
        <source>最近打开</source>
        <translation>Recent</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="91"/>
        <source>加入主窗口的预报</source>
        <translation>Add the main window&apos;s forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="93"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="96"/>
        <source>名称（可改）</source>
        <translation>Name (editable)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="96"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="96"/>
        <source>发布时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="97"/>
        <source>时段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="97"/>
        <source>城市</source>
        <translation>Cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="125"/>
        <source>前一天</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="126"/>
        <source>后一天</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="147"/>
        <source>区域 × 日：达到各级的来源数（颜色为会商结论）</source>
        <translation>Region × day: sources at each level or higher (colour: the consensus)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="149"/>
        <source>城市逐日 AQI：各来源</source>
        <translation>City daily AQI: each source</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="168"/>
        <source>过半数</source>
        <translation>majority</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="176"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="178"/>
        <source>会商意见（写入会商纪要）</source>
        <translation>Remark (goes into the minutes)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="180"/>
        <source>参会单位及人员（写入会商纪要）</source>
        <translation>Participating offices and people (go into the minutes)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="181"/>
        <source>采用为会商结论</source>
        <translation>Adopt as consensus</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="184"/>
        <source>导出会商纪要…</source>
        <translation>Export minutes…</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="186"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="195"/>
        <source>会商结论方法：</source>
        <translation>Consensus method:</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="199"/>
        <source>记录：</source>
        <translation>Record:</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="200"/>
        <source>参会：</source>
        <translation>Participants:</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="217"/>
        <source>集合中位数（逐时 PM2.5）</source>
        <translation>Ensemble median (hourly PM2.5)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="217"/>
        <source>多数一致（k / n 家）</source>
        <translation>Majority (k of n sources)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="218"/>
        <source>指定来源（按区域）</source>
        <translation>Chosen source (per region)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="227"/>
        <source>添加会商预报</source>
        <translation>Add forecasts to the consultation</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="228"/>
        <source>预报文件 (%1);;所有文件 (*)</source>
        <translation>Forecast files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="237"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="242"/>
        <source>主窗口没有可加入的预报。</source>
        <translation>The main window has no forecast to add.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="260"/>
        <source>正在读取会商预报…</source>
        <translation>Reading the forecasts…</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="260"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="294"/>
        <source>无法读取预报</source>
        <translation>Cannot read the forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="375"/>
        <source>来源名称不能为空，也不能重复。</source>
        <translation>A source name must not be empty or repeated.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="403"/>
        <source>请加入至少两份预报（区域中心、两省站、模式……）：添加、拖放或从最近打开中选择。</source>
        <translation>Add at least two forecasts (regional centre, provincial stations, models…): add, drop or pick from Recent.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="425"/>
        <source>各来源缺少的部分（不计入比较）：</source>
        <translation>What the sources lack (left out of the comparison): </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="428"/>
        <source>所有来源覆盖全部区域和日期。</source>
        <translation>Every source covers every region and day.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="450"/>
        <source>未加载实况：各来源仅按预报研判（实况可在主窗口“文件 → 加载实况…”中加载）。</source>
        <translation>No observations loaded: each source is judged on its forecast alone (load observations in the main window: File → Load observations…).</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="453"/>
        <source>主窗口已加载实况：研判时将衔接于各来源预报之前。</source>
        <translation>Observations are loaded in the main window: they will be spliced before each source&apos;s forecast.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="457"/>
        <source>主窗口加载的实况均在预报时段之内，未纳入研判（预报时段内以预报为准）。</source>
        <translation>The observations loaded in the main window all fall within the forecasts&apos; period and are not used (the forecast counts there).</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="460"/>
        <source>研判纳入主窗口加载的实况：%1 至 %2（%3 小时），衔接于各来源预报之前；已在实况中出现的过程按实况起算，不计提前量。</source>
        <translation>Judged with the observations loaded in the main window: %1 to %2 (%3 hours), spliced before each source&apos;s forecast; an episode already under way starts where it was observed and has no lead time.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="473"/>
        <source>%1 %2 至 %3 的预报</source>
        <translation>%1&apos;s forecast for %2 to %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="475"/>
        <source>会商按最新预报的首个时次 %1 起研判：</source>
        <translation> The consultation is judged from the newest forecast&apos;s first hour, %1: </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="476"/>
        <source>已成过去，以实况代替。</source>
        <translation> — past hours, replaced by the observations.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="485"/>
        <source>实况与%1的预报时段重叠的部分不用（预报时段内以预报为准）。</source>
        <translation> Observations overlapping the forecasts of %1 are not used (the forecast counts there).</translation>
    </message>
    <message>
        <source>未覆盖 %1 天</source>
        <translation type="vanished">%1 days not covered</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="500"/>
        <source>无%1</source>
        <translation>no %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="504"/>
        <source>%1 个区域缺部分城市</source>
        <translation>%1 regions missing some cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="510"/>
        <source>（指向此处看明细）</source>
        <translation> (point here for details)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="522"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="523"/>
        <source>（逐日）</source>
        <translation> (daily)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="524"/>
        <source>（主窗口）</source>
        <translation>(main window)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="543"/>
        <source>（%1 前以实况代替）</source>
        <translation> (replaced by the observations before %1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="545"/>
        <source>会商按最新预报的首个时次起研判：此前的预报时段已成过去，以实况代替。</source>
        <translation>The consultation is judged from the newest forecast&apos;s first hour: this forecast&apos;s hours before it are past and replaced by the observations.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/consult/dialog.py" line="612"/>
        <source>（实况中已结束的 %n 个区域过程为历史，不列入）</source>
        <translation>
            <numerusform> (%n regional episode that ended in the observed past is history, not listed)</numerusform>
            <numerusform> (%n regional episodes that ended in the observed past are history, not listed)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="614"/>
        <source>会商结论（%1）：无区域预警。</source>
        <translation>Consensus (%1): no regional warning.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="617"/>
        <source>会商结论（%1）：</source>
        <translation>Consensus (%1): </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="630"/>
        <source>黄色</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="630"/>
        <source>橙色</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="630"/>
        <source>红色</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="630"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="657"/>
        <source>已采用：主窗口显示会商结论（%1）。</source>
        <translation>Adopted: the main window shows the consensus (%1).</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="663"/>
        <source>导出会商纪要</source>
        <translation>Export consultation minutes</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="664"/>
        <source>PDF (*.pdf);;Word (*.docx)</source>
        <translation>PDF (*.pdf);;Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="672"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="674"/>
        <source>会商纪要已保存：%1</source>
        <translation>Minutes saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="694"/>
        <source>（实况）</source>
        <translation> (observed)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="697"/>
        <source>此时次无预报</source>
        <translation>no forecast for this hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="699"/>
        <source>会商结论</source>
        <translation>Consensus</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="624"/>
        <source>集合中位数</source>
        <translation>ensemble median</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="626"/>
        <source>多数一致（%1 家以上）</source>
        <translation>majority (%1 or more)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="626"/>
        <source>多数一致（过半数）</source>
        <translation>majority (more than half)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="627"/>
        <source>指定来源（%1）</source>
        <translation>chosen source (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="476"/>
        <location filename="../../app/gui/consult/dialog.py" line="485"/>
        <location filename="../../app/gui/consult/dialog.py" line="627"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/consult/dialog.py" line="497"/>
        <source>未覆盖 %n 天</source>
        <translation>
            <numerusform>%n day not covered</numerusform>
            <numerusform>%n days not covered</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="508"/>
        <source>（</source>
        <translation> (</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="508"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="508"/>
        <source>）</source>
        <translation>)</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="510"/>
        <location filename="../../app/gui/consult/dialog.py" line="617"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="321"/>
        <source>这份预报已在会商中（“%1”，内容相同），不再重复加入。</source>
        <translation>This forecast is already in the consultation (&quot;%1&quot;, same content): not added again.</translation>
    </message>
    <message>
        <location filename="../../app/gui/consult/dialog.py" line="506"/>
        <source>时段与其他来源不重叠</source>
        <translation>period overlaps no other source&apos;s</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/gui/controller.py" line="150"/>
        <source>日 AQI 预报表每天只有一个值，已按自然日评估。</source>
        <translation>A daily AQI table has one value per day: it was evaluated by calendar day.</translation>
    </message>
</context>
<context>
    <name>DataQuality</name>
    <message>
        <location filename="../../app/gui/quality.py" line="76"/>
        <source>数据质量：警告 %1 条，提示 %2 条。</source>
        <translation>Data quality: %1 warning(s), %2 note(s). </translation>
    </message>
    <message>
        <location filename="../../app/gui/quality.py" line="79"/>
        <source>数据质量：警告 %1 条。</source>
        <translation>Data quality: %1 warning(s). </translation>
    </message>
    <message>
        <location filename="../../app/gui/quality.py" line="81"/>
        <source>数据质量：提示 %1 条。</source>
        <translation>Data quality: %1 note(s). </translation>
    </message>
    <message>
        <location filename="../../app/gui/quality.py" line="82"/>
        <source>最需注意：%1</source>
        <translation>Most important: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/quality.py" line="100"/>
        <source>查看全部</source>
        <translation>Show all</translation>
    </message>
    <message>
        <location filename="../../app/gui/quality.py" line="106"/>
        <source>关闭提示（数据质量窗格中仍可查看）</source>
        <translation>Close this notice (the Data quality panel still lists everything)</translation>
    </message>
</context>
<context>
    <name>DataQualityDock</name>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="49"/>
        <source>数据质量</source>
        <translation>Data quality</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="56"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="57"/>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="56"/>
        <source>发现</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="57"/>
        <source>读到</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="57"/>
        <source>应为</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="56"/>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="56"/>
        <source>涉及城市</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="68"/>
        <source>复制全部</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="69"/>
        <source>以制表符分隔复制到剪贴板，可直接粘贴到 Excel/WPS</source>
        <translation>Copy as tab-separated text, ready to paste into Excel/WPS</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="115"/>
        <source>未发现数据问题。</source>
        <translation>No data problems found.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/quality_dock.py" line="118"/>
        <source>共 %1 条：警告 %2，提示 %3。有标记（紫色斜线）的城市着色所依据的数据存疑。</source>
        <translation>%1 in all: %2 warning(s), %3 note(s). Units with a purple hatch are coloured from doubtful data.</translation>
    </message>
</context>
<context>
    <name>DayTableDock</name>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="161"/>
        <source>城市逐日表</source>
        <translation>City × day table</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="181"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="182"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="184"/>
        <source>复制表格</source>
        <translation>Copy table</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="185"/>
        <source>复制为带颜色的表格，可直接粘贴到 Excel、WPS 或 Word</source>
        <translation>Copy as a coloured table that pastes into Excel, WPS or Word</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="187"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="192"/>
        <source>区域：</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="194"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="218"/>
        <source>全部城市</source>
        <translation>All cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="221"/>
        <source>联动范围外</source>
        <translation>Outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="243"/>
        <source>未加载预报。</source>
        <translation>No forecast loaded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="245"/>
        <source>自然日</source>
        <translation>calendar day</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="245"/>
        <source>滑动 24 小时（至 23 时）</source>
        <translation>rolling 24 h (to 23:00)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="246"/>
        <source>；含情景修改</source>
        <translation>; with what-if edits</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="247"/>
        <source>每日 AQI（%1，%2）；预警等级为当日最高%3。</source>
        <translation>Daily AQI (%1, %2); warning level is the day&apos;s highest%3.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="249"/>
        <source>双击单元格跳到该城市和日期；单击列标题排序。</source>
        <translation>Double-click a cell to go to that city and day; click a column header to sort.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="293"/>
        <source>逐日 AQI 预报</source>
        <translation>daily AQI forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="293"/>
        <source>逐日预警等级</source>
        <translation>daily warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="315"/>
        <source>已复制 %1 行，可粘贴到 Excel、WPS 或 Word。</source>
        <translation>Copied %1 rows; paste them into Excel, WPS or Word.</translation>
    </message>
    <message>
        <source>预报：%1（发布 %2）；%3</source>
        <translation type="vanished">Forecast: %1 (issued %2); %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="349"/>
        <location filename="../../app/gui/docks/daytable_dock.py" line="357"/>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="349"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="357"/>
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="360"/>
        <source>已导出 %1</source>
        <translation>Exported %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="347"/>
        <source>逐日表</source>
        <translation>daily-table</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="324"/>
        <source>预报来源：%1（%2 发布）；%3</source>
        <translation>Forecast source: %1 (issued %2); %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="327"/>
        <source>；含情景修改（非原始预报）：%1</source>
        <translation>; with what-if edits (not the original forecast): %1</translation>
    </message>
</context>
<context>
    <name>DayTableModel</name>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="82"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="84"/>
        <source>区域</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="88"/>
        <source>峰值</source>
        <translation>Peak</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="102"/>
        <source>联动范围外</source>
        <translation>Outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="127"/>
        <source>日 AQI：%1 %2</source>
        <translation>Daily AQI: %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="129"/>
        <source>首要污染物：%1</source>
        <translation>Primary pollutant: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="130"/>
        <source>本市等级：%1；预警等级：%2</source>
        <translation>Own level: %1; warning level: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="132"/>
        <source>AQI 标准：%1</source>
        <translation>AQI standard: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/daytable_dock.py" line="122"/>
        <source>%1：预报中没有这个城市的数据。</source>
        <translation>%1: the forecast has no data for this city.</translation>
    </message>
</context>
<context>
    <name>DockTitle</name>
    <message>
        <location filename="../../app/gui/dock_title.py" line="34"/>
        <source>浮动/停靠</source>
        <translation>Float / dock</translation>
    </message>
    <message>
        <location filename="../../app/gui/dock_title.py" line="39"/>
        <source>关闭（在“视图”菜单中重新打开）</source>
        <translation>Close (reopen it from the View menu)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dock_title.py" line="58"/>
        <source>展开</source>
        <translation>Unfold</translation>
    </message>
    <message>
        <location filename="../../app/gui/dock_title.py" line="59"/>
        <source>折叠为标题栏（把地方让给地图；双击标题也可）</source>
        <translation>Fold to the title line (gives the map the room; or double-click the title)</translation>
    </message>
</context>
<context>
    <name>Docks</name>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="36"/>
        <source>原始预报（未做情景修改）</source>
        <translation>Original forecast (no what-if edits)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="37"/>
        <source>已修改的预报：%1 项情景修改已计入评估（%2），结果不是原始预报的</source>
        <translation>Edited forecast: %1 what-if edits are in the evaluation (%2); the results are not those of the original forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="67"/>
        <source>无预警</source>
        <translation>No warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="32"/>
        <location filename="../../app/gui/docks/texts.py" line="67"/>
        <location filename="../../app/gui/state.py" line="81"/>
        <source>黄色</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="68"/>
        <source>橙色</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="68"/>
        <source>红色</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="78"/>
        <source>区域内</source>
        <translation>within a region</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="78"/>
        <source>跨区域</source>
        <translation>across regions</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="83"/>
        <source>维持</source>
        <translation>keep</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="83"/>
        <source>升级</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="84"/>
        <source>降级</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="84"/>
        <source>解除</source>
        <translation>Lift</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="85"/>
        <source>延长</source>
        <translation>extend</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="85"/>
        <source>已结束</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="86"/>
        <source>调整</source>
        <translation>revise</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="86"/>
        <source>取消</source>
        <translation>cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="100"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="101"/>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="105"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="119"/>
        <source>%1 至 %2（共 %3 个时次）</source>
        <translation>%1 to %2 (%3 steps)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="125"/>
        <source>&lt;b&gt;%1 %2预警&lt;/b&gt;：%3 至 %4，共 %5 小时。</source>
        <translation>&lt;b&gt;%1 %2 warning&lt;/b&gt;: %3 to %4, %5 hours.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="130"/>
        <source>触发规则：&lt;b&gt;区域内&lt;/b&gt; — 本区域内 %1 个相邻城市（方案要求 ≥ %2 个）连片达到%3预警条件：%4。</source>
        <translation>Rule: &lt;b&gt;within the region&lt;/b&gt; — %1 adjacent cities of this region (the scheme asks ≥ %2) meet the %3 condition together: %4.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="135"/>
        <source>触发规则：&lt;b&gt;跨区域&lt;/b&gt; — %1 个区域（%2）的 %3 个相邻城市（方案要求 ≥ %4 个城市、≥ %5 个区域）连片达到%6预警条件：%7。</source>
        <translation>Rule: &lt;b&gt;across regions&lt;/b&gt; — %3 adjacent cities in %1 regions (%2) (the scheme asks ≥ %4 cities in ≥ %5 regions) meet the %6 condition together: %7.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="140"/>
        <source>触发时段：%1。</source>
        <translation>Triggered: %1.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="144"/>
        <source>日 AQI &gt; %1 持续 %2 小时（%3 至 %4）</source>
        <translation>daily AQI &gt; %1 for %2 hours (%3 to %4)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="142"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="149"/>
        <source>各触发城市达到的条件：</source>
        <translation>Conditions met by each triggering city:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="153"/>
        <source>以下城市自身等级高于区域等级，按自身等级预警：%1。</source>
        <translation>These cities warn at their own level, higher than the region&apos;s: %1.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="155"/>
        <source>已出现：过程自 %1 起见于实况（%2 小时为实况），不计提前量。</source>
        <translation>Already under way: observed since %1 (%2 hours observed); no lead time.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="158"/>
        <source>提前量：预报发布时间未知，无法计算。</source>
        <translation>Lead time: unknown, the forecast&apos;s issue time is not known.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="160"/>
        <source>&lt;span style=&apos;color:#B00020&apos;&gt;&lt;b&gt;提前量 %1，不足方案要求的 %2 小时。&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#B00020&apos;&gt;&lt;b&gt;Lead time %1, under the scheme&apos;s %2 hours.&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="163"/>
        <source>提前量 %1（方案要求 ≥ %2 小时）。</source>
        <translation>Lead time %1 (the scheme asks ≥ %2 hours).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="165"/>
        <source>审批：%1。</source>
        <translation>Approval: %1.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="168"/>
        <source>&lt;span style=&apos;color:#8A4B00&apos;&gt;&lt;b&gt;注意：&lt;/b&gt;触发城市 %1 的预报经过情景修改，结论不是原始预报的。&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#8A4B00&apos;&gt;&lt;b&gt;Note:&lt;/b&gt; the forecast of triggering cities %1 was changed by what-if edits; this is not the original forecast&apos;s conclusion.&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="151"/>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="314"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/texts.py" line="142"/>
        <source>：</source>
        <translation>: </translation>
    </message>
</context>
<context>
    <name>EditsDock</name>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="43"/>
        <source>情景修改</source>
        <translation>What-if edits</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="52"/>
        <source>新增修改…</source>
        <translation>New edit…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="52"/>
        <source>修改所选城市在某时段的预报（按比例、增减或设为某值）</source>
        <translation>Change the selected cities&apos; forecast over a period (scale, add or set)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="56"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="56"/>
        <source>删除列表中选中的修改（可撤销）</source>
        <translation>Remove the selected edit from the list (undoable)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="108"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="109"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="110"/>
        <source>撤销：%1（Ctrl+Z）</source>
        <translation>Undo: %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="111"/>
        <source>重做：%1（Ctrl+Shift+Z）</source>
        <translation>Redo: %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/edits_dock.py" line="132"/>
        <source>%1 项修改：%2</source>
        <translation>%1 edits: %2</translation>
    </message>
</context>
<context>
    <name>EpisodesDock</name>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="115"/>
        <source>区域预警过程</source>
        <translation>Regional episodes</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="119"/>
        <source>区域</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="119"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="119"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="119"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="120"/>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="120"/>
        <source>提前量</source>
        <translation>Lead time</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="120"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="120"/>
        <source>触发城市</source>
        <translation>Triggering cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="191"/>
        <source>未加载预报。</source>
        <translation>No forecast loaded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="193"/>
        <source>本次预报时段内没有区域预警过程。</source>
        <translation>No regional episode in this forecast.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="195"/>
        <source>共 %1 个区域预警过程；选择一行查看原因并跳到开始时间。</source>
        <translation>%1 regional episodes; choose a row to see why and to jump to its start.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="202"/>
        <source>实况</source>
        <translation>observed</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="206"/>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="228"/>
        <source>提前量不足方案要求的 72 小时</source>
        <translation>Lead time under the scheme&apos;s 72 hours</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="221"/>
        <source>发布晚于开始</source>
        <translation>issued after the start</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="223"/>
        <source>提前量为负：预报发布时间晚于过程开始时间 %1 小时，请核对发布时间</source>
        <translation>Negative lead time: the forecast was issued %1 hours after the episode starts; check the issue time</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="235"/>
        <source>%1 %2时</source>
        <translation>%1 %2h</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="270"/>
        <source>选择上表中的一个区域预警过程，这里说明它为何预警：触发规则、触发城市群、各城市达到的条件、按自身等级预警的城市、提前量和审批。</source>
        <translation>Choose a regional episode above to see why it warns: the rule, the triggering cluster, the condition each city met, cities warning at their own higher level, lead time and approval.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/episodes_dock.py" line="208"/>
        <source>%1 个：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <location filename="../../app/gui/files.py" line="49"/>
        <location filename="../../app/gui/files.py" line="79"/>
        <location filename="../../app/gui/files.py" line="126"/>
        <source>打开预报</source>
        <translation>Open forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="50"/>
        <source>预报文件 (%1);;所有文件 (*)</source>
        <translation>Forecast files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="72"/>
        <source>工作簿中有多个工作表，请选择预报所在的工作表：</source>
        <translation>The workbook has several sheets; choose the one with the forecast:</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="74"/>
        <source>文件中有多个格点变量，请选择 PM2.5 变量：</source>
        <translation>The file has several grid variables; choose the PM2.5 one:</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="108"/>
        <source>清除列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="110"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="124"/>
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="124"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="181"/>
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="182"/>
        <source>读取 %1 时发生内部错误：%2
详细信息已写入 %3</source>
        <translation>Internal error while reading %1: %2
Details were written to %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/files.py" line="99"/>
        <source>会话：%1</source>
        <translation>Session: %1</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../app/gui/find_bar.py" line="34"/>
        <source>查找城市：名称、拼音（如 yuzhong）或行政区划代码</source>
        <translation>Find a city: name, pinyin (e.g. yuzhong) or administrative code</translation>
    </message>
    <message>
        <location filename="../../app/gui/find_bar.py" line="69"/>
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/find_bar.py" line="76"/>
        <source>未找到“%1”。</source>
        <translation>Nothing found for “%1”.</translation>
    </message>
</context>
<context>
    <name>FindingsReview</name>
    <message>
        <location filename="../../app/gui/dialogs/findings_review.py" line="26"/>
        <source>数据质量：%1 条发现（其中警告 %2 条），导出时记入建议函的机器记录和审计日志。</source>
        <translation>Data quality: %1 finding(s) (%2 warning(s)); they are recorded in the letter&apos;s machine record and the audit log.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/findings_review.py" line="43"/>
        <source>我已查看以上数据问题，仍据此预报发函</source>
        <translation>I have seen these data problems and still issue the letter from this forecast</translation>
    </message>
</context>
<context>
    <name>ForecastAgeLabel</name>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="34"/>
        <source>发布时间未知</source>
        <translation>issue time unknown</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="36"/>
        <source>预报发布 %1 · %2</source>
        <translation>forecast issued %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="39"/>
        <source>已过期</source>
        <translation>STALE</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="42"/>
        <source>超过 %1 小时的预报或预报时段已结束的预报标为过期（设置 → 预报过期时限）</source>
        <translation>A forecast older than %1 hours, or whose period has ended, is marked stale (Settings → Forecast age limit)</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="48"/>
        <source>发布时间晚于当前时钟 %1 小时</source>
        <translation>issued %1 h after the computer&apos;s clock</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="50"/>
        <source>%1 小时前</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="51"/>
        <source>%1 天前</source>
        <translation>%1 days ago</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="57"/>
        <source>预报过期时限</source>
        <translation>Forecast age limit</translation>
    </message>
    <message>
        <location filename="../../app/gui/forecast_age.py" line="58"/>
        <source>预报发布超过多少小时后标为过期：</source>
        <translation>Mark a forecast stale this many hours after its issue:</translation>
    </message>
</context>
<context>
    <name>HazeDesk</name>
    <message>
        <location filename="../../app/gui/app.py" line="79"/>
        <source>HazeDesk 川渝重污染天气预警会商台</source>
        <translation>HazeDesk Sichuan–Chongqing heavy-pollution warning desk</translation>
    </message>
</context>
<context>
    <name>InForceDock</name>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="68"/>
        <source>现行预警</source>
        <translation>Warnings in force</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="72"/>
        <location filename="../../app/gui/docks/inforce_dock.py" line="131"/>
        <source>区域</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="72"/>
        <location filename="../../app/gui/docks/inforce_dock.py" line="133"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="72"/>
        <location filename="../../app/gui/docks/inforce_dock.py" line="135"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="72"/>
        <location filename="../../app/gui/docks/inforce_dock.py" line="92"/>
        <source>预计结束</source>
        <translation>Expected end</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="73"/>
        <source>建议</source>
        <translation>Advice</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="73"/>
        <source>生效时间</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="73"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="97"/>
        <source>或更晚</source>
        <translation>or later</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="98"/>
        <source>函中写“预计持续至…（或更晚，以后续预报为准）”时勾选：过程可能持续到该时间之后</source>
        <translation>Tick when the letter says &quot;expected to last until … (or later, as later forecasts will tell)&quot;: the episode may go on past that time</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="101"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="102"/>
        <source>修改所选</source>
        <translation>Change selected</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="103"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>开始（北京时间）</source>
        <translation type="vanished">Start (Beijing time)</translation>
    </message>
    <message>
        <source>录入已批准发布的区域预警；每次加载或修改预报，引擎给出维持、升级、降级、解除或延长的建议。</source>
        <translation type="vanished">Enter the regional warnings approved and issued; with each new or edited forecast the engine advises keep, upgrade, downgrade, lift or extend.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="211"/>
        <source>（未评估）</source>
        <translation>(not evaluated)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="220"/>
        <source>自 %1 起由%2调整为%3</source>
        <translation>From %1 changed from %2 to %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="243"/>
        <source>（或更晚）</source>
        <translation> (or later)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="280"/>
        <source>预计结束时间早于开始时间。</source>
        <translation>The expected end is before the start.</translation>
    </message>
    <message>
        <source>该区域已有现行预警；请选中它后修改。</source>
        <translation type="vanished">This region already has a warning in force; select it to change it.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="107"/>
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="108"/>
        <source>读入现行预警的 JSON 文件（与命令行 evaluate --in-force 相同的格式），替换当前列表</source>
        <translation>Read the warnings in force from a JSON file (the format of the command line&apos;s evaluate --in-force), replacing the list</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="153"/>
        <source>录入已批准发布的区域预警（北京时间）；每次加载或修改预报，引擎给出维持、升级、降级、解除或延长的建议。</source>
        <translation>Enter the regional warnings approved and issued (Beijing time); with each new or edited forecast the engine advises keep, upgrade, downgrade, lift or extend.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="297"/>
        <source>该区域已有时间重叠的现行预警；请选中它后修改（同一区域的另一预警须在其预计结束之后开始）。</source>
        <translation>This region already has a warning in force at that time; select it to change it (another warning of the same region must start after its expected end).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="337"/>
        <source>导入现行预警</source>
        <translation>Import warnings in force</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="337"/>
        <source>JSON 文件 (*.json);;所有文件 (*)</source>
        <translation>JSON files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="348"/>
        <location filename="../../app/gui/docks/inforce_dock.py" line="366"/>
        <source>无法导入：%1</source>
        <translation>Cannot import: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="110"/>
        <source>从已发建议函导入…</source>
        <translation>From an issued proposal…</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="111"/>
        <source>读入本软件导出的建议函（.docx 或 .pdf），按函中内容添加、变更或解除现行预警</source>
        <translation>Read a proposal letter exported by HazeDesk (.docx or .pdf) and add, change or lift warnings in force as it says</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="353"/>
        <location filename="../../app/gui/docks/letter_import.py" line="76"/>
        <source>从已发建议函导入</source>
        <translation>From an issued proposal</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="354"/>
        <source>建议函 (*.docx *.pdf);;所有文件 (*)</source>
        <translation>Proposal letters (*.docx *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="21"/>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="22"/>
        <source>%1 %2预警，%3 起，预计至 %4</source>
        <translation>%1 %2 warning from %3, expected until %4</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="29"/>
        <source>添加：%1</source>
        <translation>Add: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="31"/>
        <source>替换：%1 → %2</source>
        <translation>Replace: %1 → %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="34"/>
        <source>%1：%2 → %3，自 %4 起</source>
        <translation>%1: %2 → %3 from %4</translation>
    </message>
    <message>
        <source>解除：%1</source>
        <translation type="vanished">Lift: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="44"/>
        <source>解除：%1 不在现行预警列表中，无需处理</source>
        <translation>Lift: %1 is not in the list of warnings in force, nothing to do</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="59"/>
        <source>《%1》：现行预警列表已与该函一致，无需修改。</source>
        <translation>“%1”: the warnings in force already match this letter; nothing to change.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="68"/>
        <source>注意：该函按方案 %1 编写，当前方案为 %2。</source>
        <translation>Note: this letter was written under scheme %1; the current scheme is %2.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="73"/>
        <source>《%1》将对现行预警作如下修改：</source>
        <translation>“%1” changes the warnings in force as follows:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="57"/>
        <source>%1等%2件</source>
        <translation>%1 and the other letters (%2 in all)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="37"/>
        <source>解除：%1（预警至 %2 止）</source>
        <translation>Lift: %1 (in force until %2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="40"/>
        <source>取消：%1</source>
        <translation>Cancel: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="42"/>
        <source>延长：%1 至 %2</source>
        <translation>Extend: %1 to %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="63"/>
        <source>《%1》：</source>
        <translation>“%1”:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="66"/>
        <source>（无需修改）</source>
        <translation>(nothing to change)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="71"/>
        <source>该文件含 %1 件函，将依次对现行预警作如下修改：</source>
        <translation>This file holds %1 letters; in order they change the warnings in force as follows:</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/letter_import.py" line="82"/>
        <source>已按《%1》更新现行预警。</source>
        <translation>Warnings in force updated from “%1”.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="126"/>
        <source>北京时间，可直接键入，例如 2026-01-12 08</source>
        <translation>Beijing time; type it directly, e.g. 2026-01-12 08</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/inforce_dock.py" line="275"/>
        <source>开始时间 %1 不在合理范围内：应在 %2 至 %3 之间（预报开始前 30 天内，且不晚于预报结束）。</source>
        <translation>Start %1 is outside the plausible range: it should lie between %2 and %3 (within 30 days before the forecast, and not after its end).</translation>
    </message>
</context>
<context>
    <name>LeadsPanel</name>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="34"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="34"/>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="67"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="34"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="34"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="35"/>
        <source>推送</source>
        <translation>Pushed</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="35"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="35"/>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="50"/>
        <source>具体位置（可选）</source>
        <translation>Exact place (optional)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="51"/>
        <source>经度, 纬度（可选，显示在地图上）</source>
        <translation>Longitude, latitude (optional, shown on the map)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="52"/>
        <source>发现的问题</source>
        <translation>What was found</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="53"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="54"/>
        <source>登记线索</source>
        <translation>Register lead</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="60"/>
        <source>退回原因（退回上一环节时必填）</source>
        <translation>Reason (required for a step back)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="61"/>
        <source>记录环节</source>
        <translation>Record step</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="63"/>
        <source>推送单…</source>
        <translation>Push sheet…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="64"/>
        <source>把推送给所选一方、尚未销号的线索写成线索推送单（Word 和 PDF）</source>
        <translation>Write the open leads pushed to the chosen side as a lead push sheet (Word and PDF)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="67"/>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="68"/>
        <source>区县</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="68"/>
        <source>发现方</source>
        <translation>Found by</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="76"/>
        <source>所选线索</source>
        <translation>Selected lead</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="78"/>
        <source>填报方</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="101"/>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="102"/>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="114"/>
        <source>共 %1 条，已销号 %2 条，逾期 %3 条</source>
        <translation>%1 leads, %2 closed, %3 overdue</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="146"/>
        <source>线索已登记。</source>
        <translation>Lead registered.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="155"/>
        <source>请先在列表中选择一条线索。</source>
        <translation>Choose a lead in the list first.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="162"/>
        <source>已记录：%1 %2</source>
        <translation>Recorded: %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="169"/>
        <source>保存线索推送单</source>
        <translation>Save lead push sheet</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="170"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/leads_panel.py" line="180"/>
        <source>线索推送单已写出：%1</source>
        <translation>Lead push sheet written: %1</translation>
    </message>
</context>
<context>
    <name>LoadErrorsDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="27"/>
        <source>无法打开预报</source>
        <translation>Cannot open the forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="30"/>
        <source>无法读取文件 %1：</source>
        <translation>Cannot read the file %1:</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="34"/>
        <source>之前的预报仍然保持打开，未做任何改动。</source>
        <translation>The previous forecast is still open and unchanged.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="35"/>
        <source>请修正文件后重新打开。</source>
        <translation>Please correct the file and open it again.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="37"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="37"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="37"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="37"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="38"/>
        <source>应为</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/load_errors.py" line="38"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="244"/>
        <source>案例库位置…</source>
        <translation>Case library location…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="182"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="184"/>
        <source>最近打开</source>
        <translation>Open recent</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="196"/>
        <source>生成预警建议函…</source>
        <translation>Warning proposal…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="197"/>
        <source>导出会商图…</source>
        <translation>Export meeting map…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="198"/>
        <source>打印地图…</source>
        <translation>Print map…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="201"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="204"/>
        <source>情景修改…</source>
        <translation>What-if edit…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="206"/>
        <source>修改所选城市在某时段的预报，立即重新评估（可撤销）</source>
        <translation>Change the forecast of the selected cities over a period and re-evaluate at once (undoable)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="210"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="228"/>
        <source>时间(&amp;T)</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="230"/>
        <source>分析(&amp;A)</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="239"/>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="240"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="246"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="298"/>
        <source>请先打开预报。</source>
        <translation>Open a forecast first.</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="304"/>
        <source>工具栏</source>
        <translation>Tool bar</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="310"/>
        <source> 图层：</source>
        <translation> Layer: </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="373"/>
        <source>指向城市看数值，单击选择（Ctrl+单击多选）</source>
        <translation>Point at a city for its values; click to select</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="385"/>
        <location filename="../../app/gui/main_window.py" line="422"/>
        <source>未加载预报</source>
        <translation>No forecast loaded</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="387"/>
        <source>自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="387"/>
        <source>滑动 24 小时</source>
        <translation>rolling 24 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="388"/>
        <source> · 已做情景修改</source>
        <translation> · what-if edits applied</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="443"/>
        <source>关于 HazeDesk</source>
        <translation>About HazeDesk</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="444"/>
        <source>HazeDesk 川渝重污染天气预警会商台 %1
离线运行；按 2025–26 年川渝联动方案评估预报。</source>
        <translation>HazeDesk — Sichuan–Chongqing heavy-pollution warning desk %1
Runs offline; evaluates forecasts against the 2025–26 Sichuan–Chongqing linkage scheme.</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="226"/>
        <source>城市逐日表</source>
        <translation>City × day table</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="214"/>
        <source>查找城市…</source>
        <translation>Find city…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="188"/>
        <source>打开会话…</source>
        <translation>Open session…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="191"/>
        <source>保存会话…</source>
        <translation>Save session…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="221"/>
        <source>逐日小图（D+1 至 D+7）…</source>
        <translation>Day maps (D+1 to D+7)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="325"/>
        <source>时间轴</source>
        <translation>Time bar</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="233"/>
        <source>预测会商…</source>
        <translation>Forecast consultation…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="235"/>
        <source>多家预报并排比较区域预警，选定会商结论</source>
        <translation>Compare several forecasts&apos; regional warnings side by side and choose the consensus</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="391"/>
        <source>会商结论：</source>
        <translation>Consensus: </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="424"/>
        <source>【会商结论】</source>
        <translation>[Consensus] </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="242"/>
        <source>预报过期时限…</source>
        <translation>Forecast age limit…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="247"/>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="426"/>
        <source>会话 %1（%2）</source>
        <translation>Session %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="379"/>
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="40"/>
        <source>导出会商图</source>
        <translation>Export meeting map</translation>
    </message>
    <message>
        <source>逐时 AQI</source>
        <translation type="vanished">Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="44"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="44"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="48"/>
        <source>当前时刻（单张）</source>
        <translation>Current hour (one map)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="49"/>
        <source>逐时序列</source>
        <translation>Hourly series</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="50"/>
        <source>逐日序列</source>
        <translation>Daily series</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="51"/>
        <source>同时生成动画 GIF</source>
        <translation>Also make an animated GIF</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="59"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="64"/>
        <source>图层</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="65"/>
        <source>范围</source>
        <translation>Range</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="67"/>
        <source>纸张（横向）</source>
        <translation>Paper (landscape)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="68"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="69"/>
        <source>分辨率</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="70"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="72"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="73"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="74"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="101"/>
        <source>保存会商图</source>
        <translation>Save meeting map</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="116"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="116"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="140"/>
        <source>无法导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/map_export_dialog.py" line="44"/>
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
</context>
<context>
    <name>MapHeader</name>
    <message>
        <location filename="../../app/gui/map/header.py" line="24"/>
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="27"/>
        <source>日 AQI（自然日）</source>
        <translation>Daily AQI (calendar day)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="28"/>
        <source>日 AQI（滑动 24 小时）</source>
        <translation>Daily AQI (rolling 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="31"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="36"/>
        <source>无预警</source>
        <translation>No warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="36"/>
        <source>黄色预警</source>
        <translation>Yellow warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="37"/>
        <source>橙色预警</source>
        <translation>Orange warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="37"/>
        <source>红色预警</source>
        <translation>Red warning</translation>
    </message>
    <message>
        <source>黄色</source>
        <translation type="vanished">yellow</translation>
    </message>
    <message>
        <source>橙色</source>
        <translation type="vanished">orange</translation>
    </message>
    <message>
        <source>红色</source>
        <translation type="vanished">red</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="178"/>
        <location filename="../../app/gui/map/header.py" line="250"/>
        <source>本时次区域预警</source>
        <translation>Regional warnings now</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="30"/>
        <source>PM2.5 小时浓度</source>
        <translation>Hourly PM2.5</translation>
    </message>
    <message>
        <source>会商结论</source>
        <translation type="vanished">Consensus</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="52"/>
        <source>含情景修改（青色虚线）：%1</source>
        <translation>Includes what-if edits (teal dashes): %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="66"/>
        <source>预报已过期：预报时段已于 %1 结束</source>
        <translation>Stale forecast: its period ended at %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="67"/>
        <source>预报已过期：发布于 %1，已 %2 小时（超过 %3 小时）</source>
        <translation>Stale forecast: issued %1, %2 h ago (more than %3 h)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="124"/>
        <source>会商结论：</source>
        <translation>Consensus: </translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="225"/>
        <source>无数据</source>
        <translation>no data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/header.py" line="226"/>
        <source>缺数据</source>
        <translation>with gaps</translation>
    </message>
</context>
<context>
    <name>MapInset</name>
    <message>
        <location filename="../../app/gui/map/canvas.py" line="431"/>
        <source>重庆主城区</source>
        <translation>Central Chongqing</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>优</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>良</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>轻度污染</source>
        <translation>Lightly polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>中度污染</source>
        <translation>Moderately polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>重度污染</source>
        <translation>Heavily polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="13"/>
        <source>严重污染</source>
        <translation>Severely polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="32"/>
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="34"/>
        <source>日 AQI（自然日）</source>
        <translation>Daily AQI (calendar day)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="34"/>
        <source>日 AQI（滑动 24 小时）</source>
        <translation>Daily AQI (rolling 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="40"/>
        <source>数据不足</source>
        <translation>Insufficient data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="27"/>
        <location filename="../../app/gui/map/legend.py" line="41"/>
        <location filename="../../app/gui/map/legend.py" line="48"/>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="44"/>
        <source>无预警</source>
        <translation>No warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="44"/>
        <source>黄色预警</source>
        <translation>Yellow warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="44"/>
        <source>橙色预警</source>
        <translation>Orange warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="44"/>
        <source>红色预警</source>
        <translation>Red warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="49"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="55"/>
        <source>粗线：联动区域边界</source>
        <translation>Thick line: linkage region</translation>
    </message>
    <message>
        <source>浅色：联动范围以外</source>
        <translation type="vanished">Pale: outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="28"/>
        <source>PM2.5（µg/m³，HJ 633-%1 分级）</source>
        <translation>PM2.5 (µg/m³, HJ 633-%1 classes)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="56"/>
        <source>紫色斜线：数据存疑（见数据质量）</source>
        <translation>Purple hatch: doubtful data (see Data quality)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="57"/>
        <source>斜线：联动范围以外（与导出图相同）</source>
        <translation>hatched: outside the linkage (as in exports)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="46"/>
        <source>联动区域内未预警</source>
        <translation>Linkage city, no warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/legend.py" line="47"/>
        <source>联动范围外，未预警</source>
        <translation>Outside the linkage, no warning</translation>
    </message>
</context>
<context>
    <name>MapTooltip</name>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="10"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="10"/>
        <source>黄色</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="10"/>
        <source>橙色</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="10"/>
        <source>红色</source>
        <translation>red</translation>
    </message>
    <message>
        <source>优</source>
        <translation type="vanished">Excellent</translation>
    </message>
    <message>
        <source>良</source>
        <translation type="vanished">Good</translation>
    </message>
    <message>
        <source>轻度污染</source>
        <translation type="vanished">Lightly polluted</translation>
    </message>
    <message>
        <source>中度污染</source>
        <translation type="vanished">Moderately polluted</translation>
    </message>
    <message>
        <source>重度污染</source>
        <translation type="vanished">Heavily polluted</translation>
    </message>
    <message>
        <source>严重污染</source>
        <translation type="vanished">Severely polluted</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation type="vanished">No data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="17"/>
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="38"/>
        <source>无预报数据</source>
        <translation>no forecast data</translation>
    </message>
    <message>
        <source>小时 AQI</source>
        <translation type="vanished">Hourly AQI</translation>
    </message>
    <message>
        <source>日 AQI</source>
        <translation type="vanished">Daily AQI</translation>
    </message>
    <message>
        <source>24 小时 AQI</source>
        <translation type="vanished">24-hour AQI</translation>
    </message>
    <message>
        <source>数据不足</source>
        <translation type="vanished">Insufficient data</translation>
    </message>
    <message>
        <source>本市等级</source>
        <translation type="vanished">Own level</translation>
    </message>
    <message>
        <source>区域等级</source>
        <translation type="vanished">Region level</translation>
    </message>
    <message>
        <source>执行等级</source>
        <translation type="vanished">Warns at</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="43"/>
        <source>（预报已做情景修改）</source>
        <translation>(forecast changed by a what-if edit)</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="39"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="68"/>
        <source>数据存疑：%1</source>
        <translation>Doubtful data: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/tooltip.py" line="62"/>
        <source>（另有 %1 条，见数据质量）</source>
        <translation>(%1 more: see Data quality)</translation>
    </message>
</context>
<context>
    <name>MapWind</name>
    <message>
        <location filename="../../app/gui/map/wind.py" line="58"/>
        <source>%1 m/s · 风向：箭头指向下风方向</source>
        <translation>%1 m/s · arrows point downwind</translation>
    </message>
</context>
<context>
    <name>MetPanel</name>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="23"/>
        <source>边界层高度</source>
        <translation>Boundary-layer height</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="23"/>
        <source>风速</source>
        <translation>Wind speed</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="24"/>
        <source>相对湿度</source>
        <translation>Relative humidity</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="24"/>
        <source>降水</source>
        <translation>Precipitation</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="25"/>
        <source>逆温</source>
        <translation>Inversion</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="25"/>
        <source>风向</source>
        <translation>Wind direction</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="43"/>
        <source>气象</source>
        <translation>Weather</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="45"/>
        <source>在时间序列下显示预报的气象要素</source>
        <translation>Show the forecast&apos;s meteorology under the time series</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="144"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/met_panel.py" line="192"/>
        <source>%1 的预报气象；颜色与上方曲线一致</source>
        <translation>Forecast meteorology of %1; colours as in the curves above</translation>
    </message>
</context>
<context>
    <name>MultiplesDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="353"/>
        <source>逐日小图（D+1 至 D+7）</source>
        <translation>Day maps (D+1 to D+7)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="357"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="358"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="360"/>
        <source>导出图片…</source>
        <translation>Export picture…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="363"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="365"/>
        <source>单击某一天，主窗口跳到该日。</source>
        <translation>Click a day to move the main window to it.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="375"/>
        <source>逐日小图</source>
        <translation>day-maps</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="376"/>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="385"/>
        <source>导出逐日小图</source>
        <translation>Export day maps</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="377"/>
        <source>PNG 图片 (*.png);;PDF 文档 (*.pdf)</source>
        <translation>PNG picture (*.png);;PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="385"/>
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="390"/>
        <source>已导出 %1</source>
        <translation>Exported %1</translation>
    </message>
</context>
<context>
    <name>MultiplesView</name>
    <message>
        <source>日 AQI</source>
        <translation type="vanished">Daily AQI</translation>
    </message>
    <message>
        <source>预警等级</source>
        <translation type="vanished">Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="113"/>
        <source>（含情景修改）</source>
        <translation> (with what-if edits)</translation>
    </message>
    <message>
        <source>%1 · D+1 至 D+%2 · 预报 %3（发布 %4）%5</source>
        <translation type="vanished">%1 · D+1 to D+%2 · forecast %3 (issued %4)%5</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="165"/>
        <source>未加载预报。</source>
        <translation>No forecast loaded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="279"/>
        <source>无区域预警</source>
        <translation>no regional warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="281"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="281"/>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="112"/>
        <source>逐日 AQI 预报</source>
        <translation>daily AQI forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="112"/>
        <source>逐日预警等级</source>
        <translation>daily warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="114"/>
        <source>川渝地区%1（D+1 至 D+%2）%3</source>
        <translation>Sichuan–Chongqing %1 (D+1 to D+%2)%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="119"/>
        <source>预报来源：%1&#x3000;&#x3000;预报发布：%2&#x3000;&#x3000;%3</source>
        <translation>Forecast source: %1    Issued: %2    %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="128"/>
        <source>含情景修改（非原始预报）：%1</source>
        <translation>With what-if edits (not the original forecast): %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/multiples_dialog.py" line="130"/>
        <source>预警评估依据：《%1》（%2）；制图：HazeDesk %3，%4</source>
        <translation>Warnings judged by: 《%1》 (%2); drawn by HazeDesk %3, %4</translation>
    </message>
</context>
<context>
    <name>ObservedFiles</name>
    <message>
        <location filename="../../app/gui/observed_files.py" line="39"/>
        <source>加载实况…</source>
        <translation>Load observations…</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="40"/>
        <source>实况文件（城市逐时/逐日表或国控站点文件）拼接在预报首时次之前：已出现的过程按实况起算</source>
        <translation>Observed files (city hourly/daily tables or national station files), spliced before the forecast&apos;s first hour: an episode already running counts from what was observed</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="42"/>
        <source>加载实况文件夹…</source>
        <translation>Load observations folder…</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="44"/>
        <source>清除实况</source>
        <translation>Clear observations</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="54"/>
        <source>加载实况</source>
        <translation>Load observations</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="55"/>
        <source>实况文件 (*.csv *.txt *.xlsx);;所有文件 (*)</source>
        <translation>Observed files (*.csv *.txt *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="60"/>
        <source>加载实况文件夹（国控站点逐时文件）</source>
        <translation>Load a folder of observations (national hourly station files)</translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="73"/>
        <source>无法加载实况</source>
        <translation>Cannot load the observations</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/observed_files.py" line="103"/>
        <source>已加载实况：预报首时次之前 %n 小时</source>
        <translation>
            <numerusform>Observations loaded: %n hour before the forecast&apos;s first hour</numerusform>
            <numerusform>Observations loaded: %n hours before the forecast&apos;s first hour</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/observed_files.py" line="105"/>
        <source>已加载实况，但没有早于预报首时次的实况时次</source>
        <translation>Observations loaded, but none is earlier than the forecast&apos;s first hour</translation>
    </message>
</context>
<context>
    <name>PanelText</name>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="52"/>
        <source>复制数值</source>
        <translation>Copy values</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../app/gui/printing.py" line="65"/>
        <source>打印会商图</source>
        <translation>Print meeting map</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="140"/>
        <source>联合发函（工作小组办公室）</source>
        <translation>Joint letter (working-group office)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="141"/>
        <source>四川省生态环境厅 → 四川省相关城市</source>
        <translation>Sichuan Department of Ecology and Environment → its cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="142"/>
        <source>重庆市生态环境局 → 重庆市相关区县</source>
        <translation>Chongqing Bureau of Ecology and Environment → its districts and counties</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="143"/>
        <source>发文方</source>
        <translation>Sent by</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="144"/>
        <source>红头（红色发文机关标志和红线）</source>
        <translation>Red letterhead (organisation name and rule in red)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="118"/>
        <source>全部后续函（%1 件，依次）</source>
        <translation>All follow-up letters (%1, in order)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="146"/>
        <source>按审批程序分函（红色预警报省政府审批）</source>
        <translation>One letter per approval route (red goes to the provincial governments)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="147"/>
        <source>另为四川省、重庆市各出一件（按发文方）</source>
        <translation>Also one letter per sending side (Sichuan, Chongqing)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="148"/>
        <source>每件函单独保存为一个文件</source>
        <translation>Save each letter as a file of its own</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="149"/>
        <source>不勾选时，多件函依次保存在同一个文件中，每件另起一页、页码从1起</source>
        <translation>Unticked: several letters go into one file in order, each from a new page numbered from 1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="156"/>
        <source>多件函</source>
        <translation>Several letters</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="218"/>
        <source>转到确认处</source>
        <translation>Go to the confirmation</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="219"/>
        <source>滚动到表单底部的数据质量确认勾选框</source>
        <translation>Scroll to the data-quality confirmation box at the foot of the form</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="355"/>
        <source>没有需要发出的函件：现行预警均维持，且没有新的预警过程。</source>
        <translation>No letter to send: every warning in force is kept and there is no new regional episode.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="399"/>
        <source>无法保存：函件未能生成，原因见右侧预览。</source>
        <translation>Cannot save: the letter could not be made; the reason is in the preview on the right.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="401"/>
        <source>保存前须确认数据质量问题：查看表单底部列出的问题，勾选“我已查看以上数据问题，仍据此预报发函”。</source>
        <translation>Before saving, confirm the data problems: read the problems listed at the foot of the form and tick “I have seen these data problems and still issue the letter from this forecast”.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="419"/>
        <source>分别保存为 %1 个文件</source>
        <translation>saved as %1 files</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="420"/>
        <source>依次保存在同一个文件中</source>
        <translation>saved in order in one file</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="421"/>
        <source>共 %1 件函，%2：</source>
        <translation>%1 letters, %2:</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="426"/>
        <source>第 %1 件</source>
        <translation>Letter %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="202"/>
        <source>保存呈批件…</source>
        <translation>Save approval form…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="203"/>
        <source>审批用的呈批件：事由、主要内容、提前量不足等说明、审批程序、拟办意见和签批栏</source>
        <translation>The approval form: subject, summary, notes such as a short lead time, approval route, proposed decision and signature fields</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="446"/>
        <source>字体无法显示以下字符，打印时将显示为方框：%1</source>
        <translation>The fonts cannot draw these characters; they would print as boxes: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="465"/>
        <source>保存呈批件</source>
        <translation>Save approval form</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="467"/>
        <source>Word 文档 (*.docx);;PDF 文件 (*.pdf)</source>
        <translation>Word document (*.docx);;PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="89"/>
        <source>预警建议函</source>
        <translation>Warning proposal</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="113"/>
        <source>按研判建议的全部函件（后续函 %1 件，启动函 %2 件）</source>
        <translation>All letters the advice calls for (%1 follow-up, %2 start)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="116"/>
        <source>启动区域预警建议函</source>
        <translation>Proposal to start a regional warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="121"/>
        <source>升级</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="121"/>
        <source>降级</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="121"/>
        <source>解除</source>
        <translation>Lift</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="122"/>
        <source>延长</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="122"/>
        <source>调整</source>
        <translation>Revise</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="123"/>
        <source>%1：%2（%3→%4）</source>
        <translation>%1: %2 (%3 → %4)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="126"/>
        <source>函件类型</source>
        <translation>Letter type</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="127"/>
        <source>如：川渝联防办〔2026〕3号</source>
        <translation>e.g. 川渝联防办〔2026〕3号</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="134"/>
        <source>气象条件（可据预报中的气象要素预填后修改）</source>
        <translation>Meteorological conditions (prefilled from the forecast&apos;s met fields; edit as needed)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="135"/>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="370"/>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="136"/>
        <source>署名</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="137"/>
        <source>成文日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="138"/>
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="157"/>
        <source>气象条件</source>
        <translation>Meteorological conditions</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="165"/>
        <source>（现行预警的过程）</source>
        <translation> (the process of a warning in force)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="169"/>
        <source>区域预警过程</source>
        <translation>Regional episodes</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="170"/>
        <source>已恢复上次未完成的草稿。</source>
        <translation>The unfinished draft from last time was restored.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="194"/>
        <source>保存 Word…</source>
        <translation>Save Word…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="195"/>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="196"/>
        <source>保存会商简报…</source>
        <translation>Save briefing pack…</translation>
    </message>
    <message>
        <source>封面、区域概况、逐日预警图、预警城市时间线和本建议函，合成一个 PDF</source>
        <translation type="vanished">Cover, regional summary, daily warning maps, warned-city timelines and this letter in one PDF</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="198"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="318"/>
        <source>草稿无法保存：%1</source>
        <translation>The draft could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="442"/>
        <source>未填写：%1</source>
        <translation>Not filled in: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="490"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="490"/>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="546"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="491"/>
        <source>保存预警建议函</source>
        <translation>Save warning proposal</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="480"/>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="513"/>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="572"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="545"/>
        <source>保存会商简报</source>
        <translation>Save briefing pack</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="551"/>
        <source>正在生成会商简报…</source>
        <translation>Making the briefing pack…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="122"/>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="551"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="393"/>
        <source>请先查看数据质量问题并勾选确认</source>
        <translation>Look at the data-quality findings and tick the box first</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="197"/>
        <source>封面、区域概况、逐日预警图、预警城市时间线和本次的各件建议函（依次），合成一个 PDF</source>
        <translation>Cover, regional summary, daily warning maps, warned-city timelines and every letter of this run (in order) in one PDF</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="128"/>
        <source>多件函各有自己的文号：只填一个时，后续各件依次取后面的顺序号（3号、4号、5号…）；也可按函件顺序逐件填写，用“；”分隔。发文机关不同的函件（按发文方）须逐件填写。</source>
        <translation>Each letter has its own document number: give one and the next letters take the following serial numbers (3号, 4号, 5号 …), or give one per letter in order, separated by “；”. Letters of different senders (per sending side) need one each.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="150"/>
        <source>保存函件时同时保存呈批件（每件函一份）</source>
        <translation>Save the approval form with the letters (one per letter)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/proposal_dialog.py" line="151"/>
        <source>呈批件保存在函件旁：文件名为“函件名-呈批件”，多件函依次编号</source>
        <translation>The approval form is saved beside the letter as “letter name-呈批件”; several letters are numbered in order</translation>
    </message>
</context>
<context>
    <name>ReportGridPanel</name>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="37"/>
        <source>绿：已报送；蓝：已更正；红：截止时间已过仍未报送；灰：尚未到截止时间。把填好的报送表或其所在文件夹拖到这里即可导入。</source>
        <translation>Green: reported; blue: corrected; red: missing after the deadline; grey: not yet due. Drop filled forms or their folder here to import them.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="44"/>
        <source>生成报送表…</source>
        <translation>Write forms…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="45"/>
        <source>为所选日期的每个预警城市生成一份可填写的 Excel 报送表</source>
        <translation>Write one fillable Excel form for each city warned on the chosen day</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="47"/>
        <source>导入报送表…</source>
        <translation>Import forms…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="51"/>
        <source>每日截止时间</source>
        <translation>Daily deadline</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="80"/>
        <source>已报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="80"/>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="80"/>
        <source>缺报</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="81"/>
        <source>待报</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="99"/>
        <source>已报 %1，已更正 %2，缺报 %3，待报 %4（截止时间 %5）</source>
        <translation>Reported %1, corrected %2, missing %3, due %4 (deadline %5)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="108"/>
        <source>报送表保存到</source>
        <translation>Save the forms in</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="118"/>
        <source>已生成 %1 份报送表：%2</source>
        <translation>%1 forms written: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="122"/>
        <source>导入报送表</source>
        <translation>Import forms</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="122"/>
        <source>Excel 报送表 (*.xlsx)</source>
        <translation>Excel forms (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/report_grid_panel.py" line="134"/>
        <source>报送表已导入：新增 %1，更正 %2，未变 %3</source>
        <translation>Forms imported: %1 new, %2 corrected, %3 unchanged</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="48"/>
        <source>应急响应 — %1</source>
        <translation>Response — %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="53"/>
        <source>函件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="53"/>
        <source>区域</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="53"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="54"/>
        <source>要求</source>
        <translation>Asked</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="54"/>
        <source>通报</source>
        <translation>Notified</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="54"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="64"/>
        <source>启动情况</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="65"/>
        <source>每日报送</source>
        <translation>Daily reports</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="66"/>
        <source>问题线索</source>
        <translation>Problem leads</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="68"/>
        <source>调度日报…</source>
        <translation>Daily summary…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="69"/>
        <source>写出所选日期的调度日报（Word 和 PDF）</source>
        <translation>Write the daily dispatch summary of the chosen day (Word and PDF)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="72"/>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="98"/>
        <source>无法完成：%1</source>
        <translation>Could not do it: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="104"/>
        <source>案例库出错：%1</source>
        <translation>Case library error: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="128"/>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="130"/>
        <source>解除</source>
        <translation>Lift</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="132"/>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="147"/>
        <source>未通报</source>
        <translation>Not notified</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="139"/>
        <source>按时 %1，自身级别更高（允许）%2，滞后 %3，低于要求 %4，未通报 %5</source>
        <translation>On time %1, own higher level (allowed) %2, late %3, lower than asked %4, not notified %5</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="143"/>
        <source>案例中尚无预警函件：无从对照各城市的启动情况。</source>
        <translation>The case has no warning letter yet: nothing to judge the cities&apos; starts against.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="146"/>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="146"/>
        <source>自身级别更高（允许）</source>
        <translation>Own higher level (allowed)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="146"/>
        <source>滞后</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="147"/>
        <source>低于要求</source>
        <translation>Lower than asked</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="150"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="166"/>
        <source>保存调度日报</source>
        <translation>Save daily summary</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="167"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/response_dialog.py" line="177"/>
        <source>调度日报已写出：%1</source>
        <translation>Daily summary written: %1</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>（报告先列出各城市启动预警情况通报 %1 条，在“案例”窗口右侧录入）</source>
        <translation type="vanished"> (the report first lists the cities&apos; warning notices, %1, entered on the right of the Cases dock)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="56"/>
        <source>应对评估</source>
        <translation>Episode review</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="59"/>
        <source>案例：%1</source>
        <translation>Case: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="60"/>
        <source>选择实测数据…</source>
        <translation>Choose observed data…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="62"/>
        <source>尚未选择实测数据（逐小时或日均 PM2.5，或日 AQI）。</source>
        <translation>No observed data chosen yet (hourly or daily mean PM2.5, or daily AQI).</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="69"/>
        <source>回放</source>
        <translation>Replay</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="70"/>
        <source>评分</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="71"/>
        <source>评估报告</source>
        <translation>Review report</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="93"/>
        <source>预报：</source>
        <translation>Forecast:</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="107"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="107"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="107"/>
        <source>偏差</source>
        <translation>Bias</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="107"/>
        <source>均方根误差</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="107"/>
        <source>级别准确率</source>
        <translation>Category accuracy</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="108"/>
        <source>半级别准确率</source>
        <translation>Half-level accuracy</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="108"/>
        <source>&gt;150 命中/漏报/空报</source>
        <translation>&gt;150 hits/misses/false alarms</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="108"/>
        <source>&gt;150 命中率/空报率/TS</source>
        <translation>&gt;150 POD/FAR/CSI</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="109"/>
        <source>&gt;200 命中/漏报/空报</source>
        <translation>&gt;200 hits/misses/false alarms</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="112"/>
        <source>偏差、均方根误差：PM2.5 日均浓度（µg/m³）；半级别准确率参照王晓彦等（2022）的 12 个半级别，预报与实测相差不超过一个半级别计为准确。</source>
        <translation>Bias and RMSE: daily mean PM2.5 (µg/m³); half-level accuracy on the 12 half-levels of Wang Xiaoyan et al. (2022): accurate when forecast and observation are at most one half-level apart.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="124"/>
        <source>（报告先列出各城市对照预警函件的启动情况（城市通报 %1 条）、每日报送和调度日报，见“应急响应”窗口）</source>
        <translation> (the report first lists each city&apos;s start against the letters (%1 city notices), the daily reports and the dispatch summaries: see the Response window)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="130"/>
        <source>报告的一至三部分由数据生成；以下三部分由值班人员撰写（自动保存到案例库）。</source>
        <translation>Parts 1–3 of the report are written from the data; the officer writes the three below (saved to the case library automatically).</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="139"/>
        <source>（报告先列出各城市报送的主要措施和问题线索办理情况，见“应急响应”窗口）</source>
        <translation> (the report first lists the measures each city reported and the problem leads&apos; progress: see the Response window)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="147"/>
        <source>导出评估报告（Word + PDF）…</source>
        <translation>Export the review report (Word + PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="158"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="167"/>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="171"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="173"/>
        <source>已保存到案例库。</source>
        <translation>Saved to the case library.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="181"/>
        <source>选择实测数据</source>
        <translation>Choose observed data</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="182"/>
        <source>表格 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*)</source>
        <translation>Tables (*.csv *.txt *.tsv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="199"/>
        <source>当前预报</source>
        <translation>Current forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="215"/>
        <source>案例中没有可用的预报，窗口中也未打开预报：无法评估。</source>
        <translation>The case has no usable forecast and none is open in the window: nothing to review.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="222"/>
        <source>无法评估：%1</source>
        <translation>Cannot review: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="240"/>
        <source>实测：%1，%2 至 %3，%4 个城市。</source>
        <translation>Observed: %1, %2 to %3, %4 cities.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="243"/>
        <source>评估时段 %1 至 %2。</source>
        <translation>Period reviewed %1 to %2.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="246"/>
        <source>空值 %1 个、零值 %2 个按缺测处理。</source>
        <translation>%1 blank and %2 zero values read as missing.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="250"/>
        <source>实测不完整的区域（结果为部分结果）：%1。</source>
        <translation>Regions with incomplete observations (partial results): %1.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="315"/>
        <source>未达预警条件</source>
        <translation>no warning condition met</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="318"/>
        <source>（实测不完整：%1）</source>
        <translation> (observations incomplete: %1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="319"/>
        <source>%1：实测 %2%3；预报 %4；已发预警 %5</source>
        <translation>%1: observed %2%3; forecast %4; warning issued %5</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="325"/>
        <source>导出评估报告</source>
        <translation>Export the review report</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="326"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="341"/>
        <source>正在生成评估报告…</source>
        <translation>Writing the review report…</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="358"/>
        <source>评估报告已导出：%1</source>
        <translation>Review report written: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="364"/>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="276"/>
        <source>（发布 %1）</source>
        <translation> (issued %1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="277"/>
        <source>评分的预报：%1%2（在“回放”页切换预报）</source>
        <translation>Scores of the forecast: %1%2 (choose another on the Replay tab)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="298"/>
        <source>漏报</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="300"/>
        <source>空报</source>
        <translation>false alarm</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="302"/>
        <source>命中</source>
        <translation>hit</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="305"/>
        <source>命中（等级偏高一级）</source>
        <translation>hit (one level too high)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="305"/>
        <source>命中（等级偏高%1级）</source>
        <translation>hit (%1 levels too high)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="307"/>
        <source>命中（等级偏低一级）</source>
        <translation>hit (one level too low)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="307"/>
        <source>命中（等级偏低%1级）</source>
        <translation>hit (%1 levels too low)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="308"/>
        <source>两</source>
        <translation>two</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/review_dialog.py" line="308"/>
        <source>三</source>
        <translation>three</translation>
    </message>
</context>
<context>
    <name>SavedNotice</name>
    <message>
        <location filename="../../app/gui/saved.py" line="48"/>
        <source>%1 等 %2 个文件</source>
        <translation>%1 and others, %2 files</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved.py" line="54"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved.py" line="74"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <location filename="../../app/gui/session_files.py" line="75"/>
        <source>保存会话</source>
        <translation>Save session</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="76"/>
        <source>HazeDesk 会话 (*.hazedesk)</source>
        <translation>HazeDesk session (*.hazedesk)</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="82"/>
        <location filename="../../app/gui/session_files.py" line="88"/>
        <location filename="../../app/gui/session_files.py" line="95"/>
        <location filename="../../app/gui/session_files.py" line="105"/>
        <source>打开会话</source>
        <translation>Open session</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="84"/>
        <source>HazeDesk 会话 (*.hazedesk);;所有文件 (*)</source>
        <translation>HazeDesk session (*.hazedesk);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="97"/>
        <source>查找文件…</source>
        <translation>Locate file…</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="101"/>
        <source>查找预报文件</source>
        <translation>Locate the forecast file</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="110"/>
        <source>请先打开预报。</source>
        <translation>Open a forecast first.</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="118"/>
        <source>无法保存会话 %1：%2</source>
        <translation>Cannot save the session %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="122"/>
        <source>会话已保存：%1</source>
        <translation>Session saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="148"/>
        <source>找不到会话记录的预报文件：
%1
（会话文件旁边也没有）。可以指定它现在的位置。</source>
        <translation>The session&apos;s forecast file is not found:
%1
(nor beside the session file). You can point at where it is now.</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="155"/>
        <source>会话记录的预报文件已被修改（内容校验值与保存时不同）：
%1
情景修改和建议函草稿只适用于原来的数据。是否打开现在的文件，只恢复现行预警、图层和时间？</source>
        <translation>The session&apos;s forecast file has changed since it was saved (its checksum differs):
%1
The what-if edits and the letter draft apply only to the old data. Open the file as it is now, restoring only the warnings in force, the layer and the time?</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="176"/>
        <source>（预报已改变：情景修改和建议函草稿未恢复）</source>
        <translation> (the forecast changed: what-if edits and letter draft not restored)</translation>
    </message>
    <message>
        <source>已打开会话：%1</source>
        <translation type="vanished">Session opened: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="190"/>
        <source>（会商来源文件已改变：会商结论和情景修改未恢复）</source>
        <translation> (consultation sources changed: consensus and what-if edits not restored)</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="189"/>
        <source>会商结论：</source>
        <translation>consultation decision: </translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="177"/>
        <source>已打开会话 %1（预报 %2）</source>
        <translation>Opened session %1 (forecast %2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="191"/>
        <source>已打开会话 %1（%2）</source>
        <translation>Opened session %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/session_files.py" line="191"/>
        <source>已打开会话 %1</source>
        <translation>Opened session %1</translation>
    </message>
</context>
<context>
    <name>SplitMap</name>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="114"/>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="119"/>
        <source>日期：</source>
        <translation>Day:</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="141"/>
        <source>预报</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="142"/>
        <location filename="../../app/gui/map/split_map.py" line="148"/>
        <source>实测</source>
        <translation>Observed</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="147"/>
        <source>预报：%1</source>
        <translation>Forecast: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/map/split_map.py" line="161"/>
        <source>%1：预报日 AQI %2，实测日 AQI %3</source>
        <translation>%1: forecast daily AQI %2, observed daily AQI %3</translation>
    </message>
</context>
<context>
    <name>StateBanner</name>
    <message>
        <location filename="../../app/gui/state_banner.py" line="25"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../app/gui/state_banner.py" line="33"/>
        <source>无法保存工作状态：%1。可以继续工作，但自动保存、建议函草稿和审计日志暂时无法写入；请检查该文件夹后点“重试”。</source>
        <translation>Cannot save the working state: %1. You can keep working, but autosave, letter drafts and the audit log cannot be written for now; check the folder, then press Retry.</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../app/gui/timefmt.py" line="54"/>
        <source>无实况</source>
        <translation>no observation</translation>
    </message>
    <message>
        <location filename="../../app/gui/timefmt.py" line="60"/>
        <location filename="../../app/gui/timefmt.py" line="75"/>
        <source>北京时间</source>
        <translation>Beijing time</translation>
    </message>
    <message>
        <location filename="../../app/gui/timefmt.py" line="54"/>
        <source>实况</source>
        <translation>observed</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <location filename="../../app/gui/timebar.py" line="31"/>
        <source>播放/暂停（空格）</source>
        <translation>Play/pause (Space)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="33"/>
        <source>第一个时次（Home）</source>
        <translation>First hour (Home)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="35"/>
        <source>前一天（Shift+←）</source>
        <translation>Previous day (Shift+←)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="37"/>
        <source>前一小时（←）</source>
        <translation>Previous hour (←)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="39"/>
        <source>后一小时（→）</source>
        <translation>Next hour (→)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="40"/>
        <source>后一天（Shift+→）</source>
        <translation>Next day (Shift+→)</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="42"/>
        <source>最后一个时次（End）</source>
        <translation>Last hour (End)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/timebar.py" line="53"/>
        <source>%n 小时/秒</source>
        <translation>
            <numerusform>%n hour/s</numerusform>
            <numerusform>%n hours/s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="54"/>
        <source>播放速度</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <location filename="../../app/gui/timebar.py" line="56"/>
        <source>未加载预报</source>
        <translation>No forecast loaded</translation>
    </message>
</context>
<context>
    <name>TimelineDock</name>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="35"/>
        <source>时间序列</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="122"/>
        <source>未加载预报。</source>
        <translation>No forecast loaded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="125"/>
        <source>在地图上单击选择城市（Ctrl+单击多选），这里显示它的小时 AQI、日 AQI 和预警等级。</source>
        <translation>Click a city on the map (Ctrl+click for several) to see its hourly AQI, daily AQI and warning level here.</translation>
    </message>
    <message>
        <source>未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。</source>
        <translation type="vanished">No city selected: showing the linkage cities with the highest daily AQI (click the map to choose others).</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="127"/>
        <source>日 AQI（自然日）</source>
        <translation>daily AQI (calendar day)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="127"/>
        <source>日 AQI（滑动 24 小时）</source>
        <translation>daily AQI (rolling 24 h)</translation>
    </message>
    <message>
        <source>%1 · 细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级</source>
        <translation type="vanished">%1 · thin: hourly AQI, thick: %2; bands at the bottom: own level / warning level</translation>
    </message>
    <message>
        <source>%1 小时</source>
        <translation type="vanished">%1 h</translation>
    </message>
    <message>
        <source>%1 日</source>
        <translation type="vanished">%1 daily</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="253"/>
        <source>◀ 实况 | 预报 ▶</source>
        <translation>◀ observed | forecast ▶</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="254"/>
        <source>现在：预报首时次。左侧实线为实况，右侧虚线为预报</source>
        <translation>Now: the forecast&apos;s first hour. Solid lines to the left are observed, dashed lines to the right forecast</translation>
    </message>
    <message>
        <source>；实线：实况，虚线：预报</source>
        <translation type="vanished">; solid: observed, dashed: forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="276"/>
        <source>本市自身等级</source>
        <translation>Own level of the city</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="277"/>
        <source>预警等级（区域或自身，取高者）</source>
        <translation>Warning level (regional or own, the higher)</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="278"/>
        <source>本市</source>
        <translation>Own</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="278"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="291"/>
        <source>选中的区域预警过程：%1</source>
        <translation>Selected regional episode: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="130"/>
        <source>细线：小时 AQI，粗线：%2；底部色带：本市等级 / 预警等级</source>
        <translation>Thin: hourly AQI, thick: %2; strips below: own level / warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="132"/>
        <source>点线：实测日 AQI</source>
        <translation>dotted: observed daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="134"/>
        <source>实线：实况，虚线：预报</source>
        <translation>solid: observed, dashed: forecast</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="135"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="137"/>
        <source>未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。%1</source>
        <translation>No city selected: showing the linkage cities with the highest daily AQI (click the map to choose others). %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/timeline_dock.py" line="220"/>
        <source>%1 实测日</source>
        <translation>%1 observed daily</translation>
    </message>
    <message>
        <source>；点线：实测日 AQI</source>
        <translation type="vanished">; dotted: observed daily AQI</translation>
    </message>
</context>
<context>
    <name>UnitNumbers</name>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>优</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>良</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>轻度污染</source>
        <translation>Lightly polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>中度污染</source>
        <translation>Moderately polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>重度污染</source>
        <translation>Heavily polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="41"/>
        <source>严重污染</source>
        <translation>Severely polluted</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="47"/>
        <source>无数据</source>
        <translation>no data</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="50"/>
        <source>（首要污染物 %1）</source>
        <translation> (primary pollutant %1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="65"/>
        <source>北</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="73"/>
        <source>风 %1 m/s</source>
        <translation>wind %1 m/s</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="77"/>
        <source>湿度</source>
        <translation>humidity</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="77"/>
        <source>边界层</source>
        <translation>boundary layer</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="77"/>
        <source>降水</source>
        <translation>precipitation</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="77"/>
        <source>逆温</source>
        <translation>inversion</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="83"/>
        <source>有</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="83"/>
        <source>无</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="96"/>
        <source>浓度</source>
        <translation>Concentrations</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="97"/>
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="98"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="98"/>
        <source>24 小时 AQI</source>
        <translation>24-hour AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="100"/>
        <source>数据不足</source>
        <translation>insufficient data</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="104"/>
        <source>，PM2.5 日均 %1 µg/m³</source>
        <translation>, daily mean PM2.5 %1 µg/m³</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="106"/>
        <source>AQI 标准</source>
        <translation>AQI standard</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="107"/>
        <source>本市等级</source>
        <translation>Own level</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="109"/>
        <source>区域等级</source>
        <translation>Region level</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="110"/>
        <source>执行等级</source>
        <translation>Warned level</translation>
    </message>
    <message>
        <location filename="../../app/gui/numbers_text.py" line="113"/>
        <source>气象</source>
        <translation>Weather</translation>
    </message>
</context>
<context>
    <name>UnitPanelDock</name>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="277"/>
        <source>城市数值</source>
        <translation>Unit values</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="306"/>
        <source>未加载预报。</source>
        <translation>No forecast loaded.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="309"/>
        <source>单击地图上的城市，这里显示它在当前时次的浓度、AQI、首要污染物、日均值、等级和气象。</source>
        <translation>Click a city on the map to see its concentrations, AQI, primary pollutant, daily value, levels and weather at the current hour.</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="313"/>
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="321"/>
        <source>无预报数据</source>
        <translation>No forecast data</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="326"/>
        <source>国控站点</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="328"/>
        <source>数据存疑</source>
        <translation>Doubtful data</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="344"/>
        <source>无站点数据</source>
        <translation>no station data</translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="347"/>
        <source>城市表数据（站点数未知）</source>
        <translation>city table (station count unknown)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="348"/>
        <source>本时次 %n 个站点有效值</source>
        <translation>
            <numerusform>%n station with a valid value this hour</numerusform>
            <numerusform>%n stations with a valid value this hour</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/docks/unit_panel_dock.py" line="348"/>
        <source>本时次无有效站点值</source>
        <translation>no station with a valid value this hour</translation>
    </message>
</context>
<context>
    <name>WhatIfDialog</name>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="60"/>
        <source>情景修改（What-if）</source>
        <translation>What-if edit</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="69"/>
        <source>联动范围外</source>
        <translation>outside the linkage</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="86"/>
        <source>按比例（×）</source>
        <translation>Scale (×)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="86"/>
        <source>增减（±）</source>
        <translation>Add (±)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="86"/>
        <source>设为（=）</source>
        <translation>Set (=)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="93"/>
        <source>例如：假设成都限产 20%</source>
        <translation>e.g. assume Chengdu cuts output by 20%</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="95"/>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="95"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="95"/>
        <source>修改前日 AQI</source>
        <translation>Daily AQI before</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="96"/>
        <source>修改后日 AQI</source>
        <translation>Daily AQI after</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="104"/>
        <source>应用修改</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="129"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="131"/>
        <source>时段（北京时间，含结束时次）</source>
        <translation>Period (Beijing time, end hour included)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="136"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="137"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="139"/>
        <source>城市（可多选）</source>
        <translation>Cities (several allowed)</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="144"/>
        <source>预览：所选城市的日 AQI</source>
        <translation>Preview: daily AQI of the selected cities</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="182"/>
        <source>请至少选择一个城市。</source>
        <translation>Select at least one city.</translation>
    </message>
    <message>
        <location filename="../../app/gui/dialogs/whatif_dialog.py" line="73"/>
        <source>筛选城市</source>
        <translation>Filter cities</translation>
    </message>
</context>
<context>
    <name>WhatIfUndoStack</name>
    <message>
        <location filename="../../app/gui/undo.py" line="67"/>
        <source>删除：%1</source>
        <translation>Remove: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/undo.py" line="85"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/gui/undo.py" line="90"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../app/gui/actions.py" line="38"/>
        <source>打开预报…</source>
        <translation>Open forecast…</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="39"/>
        <source>打开预报文件（CSV、Excel、NetCDF），也可以把文件拖到窗口中</source>
        <translation>Open a forecast file (CSV, Excel, NetCDF); you can also drop a file on the window</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="40"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="42"/>
        <location filename="../../app/gui/actions.py" line="46"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="47"/>
        <location filename="../../app/gui/actions.py" line="50"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="55"/>
        <source>小时 AQI</source>
        <translation>Hourly AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="55"/>
        <source>日 AQI</source>
        <translation>Daily AQI</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="55"/>
        <source>预警等级</source>
        <translation>Warning level</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="59"/>
        <source>地图图层：%1（Ctrl+%2）</source>
        <translation>Map layer: %1 (Ctrl+%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="65"/>
        <source>邻接关系</source>
        <translation>Adjacency</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="66"/>
        <source>显示由共同边界得到的城市邻接关系（紫色虚线为方案中指定的调整）</source>
        <translation>Show the city adjacency derived from shared borders (dashed purple: overrides named in the scheme)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="80"/>
        <source>重置视图</source>
        <translation>Reset view</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="81"/>
        <source>显示整个川渝地区（Ctrl+0）</source>
        <translation>Show all of Sichuan and Chongqing (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="82"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="83"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="88"/>
        <source>前一小时</source>
        <translation>Previous hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="89"/>
        <source>后一小时</source>
        <translation>Next hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="90"/>
        <source>前一天</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="91"/>
        <source>后一天</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="92"/>
        <source>第一个时次</source>
        <translation>First hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="93"/>
        <source>最后一个时次</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="94"/>
        <source>播放/暂停</source>
        <translation>Play/pause</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="98"/>
        <source>日 AQI 按自然日</source>
        <translation>Daily AQI by calendar day</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="98"/>
        <source>日 AQI 按滑动 24 小时</source>
        <translation>Daily AQI over rolling 24 h</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="114"/>
        <source>关于 HazeDesk</source>
        <translation>About HazeDesk</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="55"/>
        <source>PM2.5 浓度</source>
        <translation>PM2.5</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="69"/>
        <source>风场箭头</source>
        <translation>Wind arrows</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="70"/>
        <source>在地图上显示当前时次各城市的风向风速（预报含风的列时）</source>
        <translation>Show each city&apos;s wind at the current hour on the map (when the forecast has wind columns)</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="75"/>
        <source>区域名称</source>
        <translation>Region names</translation>
    </message>
    <message>
        <location filename="../../app/gui/actions.py" line="76"/>
        <source>在地图上标出四个联动区域的名称（Ctrl+R）</source>
        <translation>Name the four linkage regions on the map (Ctrl+R)</translation>
    </message>
</context>
<context>
    <name>_EditUndoStack</name>
    <message>
        <source>删除：%1</source>
        <translation type="vanished">Remove: %1</translation>
    </message>
</context>
</TS>
