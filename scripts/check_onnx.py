#!/usr/bin/python3
"""Runs onnx.checker.check_model (full check: with shape inference) on each given ONNX file.

Usage: /usr/bin/python3 scripts/check_onnx.py MODEL.onnx [MODEL.onnx ...]
Needs Debian's python3-onnx (the pyenv python3 on PATH has no onnx). Exit status 1 if any file fails.
"""
import sys

import onnx


def describe(model):
    graph = model.graph
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)

    def dims(value):
        return "[" + ", ".join(d.dim_param or str(d.dim_value) for d in value.type.tensor_type.shape.dim) + "]"

    inputs = ", ".join(f"{v.name} {dims(v)}" for v in graph.input)
    outputs = ", ".join(f"{v.name} {dims(v)}" for v in graph.output)
    return f"ir {model.ir_version}, opset {opsets}, {len(graph.node)} nodes, {len(graph.initializer)} initializers, in {inputs}, out {outputs}"


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            print(f"OK   {path}: {describe(model)}")
        except Exception as error:  # report every file, then fail
            failed += 1
            print(f"FAIL {path}: {type(error).__name__}: {error}")
    print(f"onnx {onnx.__version__}: {len(paths) - failed}/{len(paths)} passed onnx.checker.check_model(full_check=True)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
