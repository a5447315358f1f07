<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt strings that Qt's own qtbase_zh_CN.qm (as shipped with PySide6 6.11) lacks: Qt 6 added accelerators to
     these file-dialog labels, so the older catalogue no longer matches them. Our translation; loaded after
     qtbase_zh_CN by app.gui.i18n. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
