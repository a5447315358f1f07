"""HazeDesk — 川渝重污染天气预警会商台.

Package map (data flows one way: forecast → evaluation → views and exports):

- ``app.domain``  pure logic: scheme, units, AQI, forecast model and import, warning engine, proposal content.
- ``maps``        (top-level package) boundaries, projection, adjacency, simplification, matplotlib layouts.
- ``app.export``  proposal letters (docx/pdf), map exports, briefing pack, audit log. No Qt.
- ``app.gui``     the PySide6 desktop application; the only place Qt is imported.
- ``app.cli``     the ``hazedesk`` command and its subcommands.
"""

import os as _os

# numpy asks the kernel for transparent huge pages for every array over 4 MiB (madvise). Where the kernel then
# compacts memory at the page fault (defrag "madvise", the usual default) a machine whose memory is fragmented
# stalls on each new large array: a county-scale year took 34–41 s with it against 16–24 s without (issue 26,
# interleaved), and counting a GBK table's bytes 1.4 s against too little to show. Set before numpy is
# imported (app is imported first by every entry point); a value already in the environment is kept.
_os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
# numpy's OpenBLAS starts its worker threads at import, and each spins waiting for work for 2^28 cycles before it
# sleeps: ~0.1 s of a second core at every start, although nothing here hands BLAS work at start (perf, hazedesk
# gui: 50 ms of CPU in blas_thread_server; the bare numpy + pandas import the same). On a two-core duty laptop
# that core is the one the window's forecast loader runs on. The shortest timeout (2^4 cycles) sends them to
# sleep at once; a BLAS call still uses every thread.
_os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

__version__ = "0.1.0"
