"""Typst compiling benches/typst/poster.typ in process, warm: for
benches/pack.rs. Usage: driver.py DATA.json FONTS_DIR RUNS

Prints one line: `typst same=<ms> varied=<ms> cold=<ms>` — the median time
of RUNS compiles of the unchanged poster (Typst's own cache at its best),
of RUNS compiles each with a different organisation name (as every
document of a pack differs), and the first, cold compile."""
import os
import statistics
import sys
import time

import typst

data, fonts, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
here = os.path.dirname(os.path.abspath(__file__))
inputs = {"data": open(data, encoding="utf-8").read(), "org": "Example Academy"}
compiler = typst.Compiler(
    os.path.join(here, "poster.typ"),
    font_paths=[fonts],
    ignore_system_fonts=True,
    sys_inputs=inputs,
)


def once(**kw):
    start = time.perf_counter()
    pdf = compiler.compile(**kw)
    assert pdf[:5] == b"%PDF-"
    return (time.perf_counter() - start) * 1000.0


cold = once()
same = statistics.median(once() for _ in range(runs))
varied = statistics.median(
    once(sys_inputs={**inputs, "org": f"Example Academy {i}"}) for i in range(runs)
)
print(f"typst same={same:.3f} varied={varied:.3f} cold={cold:.3f}")
