"""Exact graph simplifications of the OCR and layout models (fewer passes over memory).

The PP-LCNetV3 backbone of the PP-OCRv4 detection and recognition models follows every
convolution with a learnable affine (``x*s + b``, scalar), a hard-swish spelled out in four
element-wise ops and a second affine; the line classifier and the CDLA layout model spell
hard-swish out the same way. Element-wise ops were about a third of the recognition model's
time on CPU; ONNX Runtime fuses ``Conv → HardSigmoid → Mul`` into the convolution. Here:

- an affine right after a convolution is folded into its weights and bias;
- ``x * clip(x + 3, 0, 6) / 6`` becomes ``x * HardSigmoid(x)`` (two ops instead of four);
- an affine whose only reader is a convolution is folded into that convolution (its bias
  stays as an ``Add`` in front of a padded convolution, whose zero padding must not move).

The outputs are the same up to float rounding (measured: recognition −22 % CPU time, detection
−19 %, layout −35 %); the model file is not changed: the graph is rewritten in memory and handed
to ONNX Runtime as bytes. Without the ``onnx`` package the model loads as it is.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Graph:
    """A mutable view of an ONNX graph: nodes, constant values, and who reads each tensor."""

    model: Any
    consts: dict[str, "np.ndarray"] = field(default_factory=dict)
    order: list[Any] = field(default_factory=list)  # the nodes (held, so ids stay valid)
    removed: set[int] = field(default_factory=set)

    @property
    def nodes(self) -> list[Any]:
        return [n for n in self.order if id(n) not in self.removed]

    def readers(self, name: str) -> list[Any]:
        return [n for n in self.nodes if name in n.input]

    def only_reader(self, name: str) -> Any:  # an ONNX NodeProto, or None
        found = self.readers(name)
        outputs = {o.name for o in self.model.graph.output}
        return found[0] if len(found) == 1 and name not in outputs else None

    def scalar(self, name: str) -> float | None:
        value = self.consts.get(name)
        return float(value.reshape(-1)[0]) if value is not None and value.size == 1 else None

    def set_const(self, name: str, value: "np.ndarray") -> str:
        from onnx import numpy_helper

        self.consts[name] = value
        self.model.graph.initializer.append(numpy_helper.from_array(value, name))
        return name


def constants_of(model: Any) -> dict[str, "np.ndarray"]:
    from onnx import numpy_helper

    out = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    for n in model.graph.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            out[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    return out


def scalar_operand(graph: Graph, node: Any) -> tuple[str, float] | None:
    """(tensor input, scalar constant) of a binary node with one scalar constant operand."""
    if len(node.input) != 2:
        return None
    a, b = node.input
    if graph.scalar(b) is not None and graph.scalar(a) is None:
        return a, graph.scalar(b)  # type: ignore[return-value]
    if graph.scalar(a) is not None and graph.scalar(b) is None:
        return b, graph.scalar(a)  # type: ignore[return-value]
    return None


def affine_after(graph: Graph, name: str) -> tuple[Any, Any | None, float, float] | None:
    """``Mul(name, s)`` optionally followed by ``Add(., b)``, each the only reader of its input:
    (mul node, add node or None, s, b)."""
    mul = graph.only_reader(name)
    if mul is None or mul.op_type != "Mul":
        return None
    op = scalar_operand(graph, mul)
    if op is None or op[0] != name:
        return None
    add = graph.only_reader(mul.output[0])
    b_op = scalar_operand(graph, add) if add is not None and add.op_type == "Add" else None
    if b_op is None or b_op[0] != mul.output[0]:
        return mul, None, op[1], 0.0
    return mul, add, op[1], b_op[1]


def conv_params(graph: Graph, conv: Any) -> tuple["np.ndarray", "np.ndarray"] | None:
    import numpy as np

    if conv.op_type != "Conv" or len(conv.input) < 2 or conv.input[1] not in graph.consts:
        return None
    w = graph.consts[conv.input[1]].astype(np.float32)
    if len(conv.input) > 2 and conv.input[2]:
        if conv.input[2] not in graph.consts:
            return None
        b = graph.consts[conv.input[2]].astype(np.float32)
    else:
        b = np.zeros(w.shape[0], np.float32)
    return w, b


def set_conv_params(graph: Graph, conv: Any, w: "np.ndarray", b: "np.ndarray") -> None:
    w_name = graph.set_const(f"{conv.output[0]}.folded_w{len(graph.consts)}", w)
    b_name = graph.set_const(f"{conv.output[0]}.folded_b{len(graph.consts)}", b)
    del conv.input[1:]
    conv.input.extend([w_name, b_name])


def conv_is_padded(conv: Any) -> bool:
    from onnx import helper

    attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
    pad_mode = attrs.get("auto_pad", b"NOTSET")
    return any(attrs.get("pads", [])) or pad_mode not in (b"NOTSET", b"VALID", "NOTSET", "VALID")


def fold_affine_into_conv_output(graph: Graph) -> int:
    """``Conv → Mul(s) → Add(b)`` → ``Conv`` with ``W*s``, ``B*s + b``."""
    done = 0
    for conv in graph.nodes:
        params = conv_params(graph, conv)
        affine = affine_after(graph, conv.output[0]) if params else None
        if affine is None:
            continue
        mul, add, s, b = affine
        w, bias = params  # type: ignore[misc]
        set_conv_params(graph, conv, w * s, bias * s + b)
        conv.output[0] = (add or mul).output[0]
        graph.removed.update(id(n) for n in (mul, add) if n is not None)
        done += 1
    return done


def hard_swish_as_hard_sigmoid(graph: Graph) -> int:
    """``x * clip(x + 3, 0, 6) / 6`` → ``x * HardSigmoid(x; 1/6, 1/2)``."""
    from onnx import helper

    done = 0
    for add in graph.nodes:
        op = scalar_operand(graph, add) if add.op_type == "Add" else None
        if op is None or op[1] != 3.0:
            continue
        x = op[0]
        clip = graph.only_reader(add.output[0])
        if clip is None or clip.op_type != "Clip" or len(clip.input) < 3:
            continue
        if graph.scalar(clip.input[1]) != 0.0 or graph.scalar(clip.input[2]) != 6.0:
            continue
        mul = graph.only_reader(clip.output[0])
        if mul is None or mul.op_type != "Mul" or set(mul.input) != {x, clip.output[0]}:
            continue
        div = graph.only_reader(mul.output[0])
        d_op = scalar_operand(graph, div) if div is not None and div.op_type == "Div" else None
        if d_op is None or d_op[0] != mul.output[0] or d_op[1] != 6.0 or div.input[0] != mul.output[0]:
            continue
        gate = helper.make_node("HardSigmoid", [x], [f"{div.output[0]}.gate"], alpha=1.0 / 6.0, beta=0.5)
        product = helper.make_node("Mul", [x, gate.output[0]], [div.output[0]])
        at = next(k for k, n in enumerate(graph.order) if n is add)
        graph.order[at:at] = [gate, product]
        graph.removed.update(id(n) for n in (add, clip, mul, div))
        done += 1
    return done


def fold_affine_into_next_conv(graph: Graph) -> int:
    """``Mul(s) → Add(b) → Conv`` → ``Conv`` with ``W*s`` (and ``B + b*ΣW``; a padded
    convolution keeps ``Add(b/s)`` in front, so that its zero padding stays zero)."""
    import numpy as np

    done = 0
    for mul in graph.nodes:
        op = scalar_operand(graph, mul) if mul.op_type == "Mul" else None
        if op is None or op[1] == 0.0 or graph.consts.get(op[0]) is not None:
            continue
        x, s = op
        add = graph.only_reader(mul.output[0])
        b_op = scalar_operand(graph, add) if add is not None and add.op_type == "Add" else None
        if b_op is not None and b_op[0] != mul.output[0]:
            b_op = None
        last = add if b_op is not None else mul
        conv = graph.only_reader(last.output[0])
        params = conv_params(graph, conv) if conv is not None else None
        if params is None or conv.input[0] != last.output[0]:
            continue
        w, bias = params
        b = b_op[1] if b_op is not None else 0.0
        if b and conv_is_padded(conv):
            set_conv_params(graph, conv, w * s, bias)
            mul.op_type = "Add"
            mul.input[:] = [x, graph.set_const(f"{mul.output[0]}.shift{len(graph.consts)}", np.float32(b / s))]
            mul.output[0] = last.output[0]
            if add is not None and b_op is not None:
                graph.removed.add(id(add))
        else:
            set_conv_params(graph, conv, w * s, bias + b * w.reshape(w.shape[0], -1).sum(axis=1))
            conv.input[0] = x
            graph.removed.add(id(mul))
            if add is not None and b_op is not None:
                graph.removed.add(id(add))
        done += 1
    return done


def drop_unused_constants(graph: Graph) -> None:
    used = {name for n in graph.nodes for name in n.input} | {o.name for o in graph.model.graph.output}
    for n in graph.nodes:
        if n.op_type == "Constant" and n.output[0] not in used:
            graph.removed.add(id(n))
    keep = [i for i in graph.model.graph.initializer if i.name in used]
    del graph.model.graph.initializer[:]
    graph.model.graph.initializer.extend(keep)


def simplify_graph(model: Any) -> tuple[Any, dict[str, int]]:
    """The model with the folds above applied (in place) and how many of each were made."""
    graph = Graph(model, constants_of(model), list(model.graph.node))
    counts = {"conv_affine": fold_affine_into_conv_output(graph),
              "hard_swish": hard_swish_as_hard_sigmoid(graph),
              "affine_conv": fold_affine_into_next_conv(graph)}
    drop_unused_constants(graph)
    keep = [type(n).FromString(n.SerializeToString()) for n in graph.nodes]
    del model.graph.node[:]
    model.graph.node.extend(keep)
    return model, counts


def simplified_model_bytes(path: str) -> bytes | None:
    """The model at ``path``, simplified, as bytes for ``InferenceSession`` (None without ``onnx``).

    Simplifying takes ~0.8 CPU s for RapidOCR's three models, paid by every process (each batch
    worker, each command). The result is kept in the user's cache folder
    (:func:`simplified_cache_path`), keyed by the model file and by this module's own source, so a
    changed model or a changed simplifier never reads a stale graph."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        onnx_version = version("onnx")  # without importing it (half a second) when the cache has the graph
    except PackageNotFoundError:
        return None
    cached = simplified_cache_path(path, onnx_version)
    if cached is not None:
        try:
            return cached.read_bytes()
        except OSError:
            pass  # not cached yet (or unreadable): simplify
    try:
        import onnx
    except ImportError:
        return None
    model, _ = simplify_graph(onnx.load(path))
    data: bytes = model.SerializeToString()
    if cached is not None:
        _write_cache(cached, data)
    return data


def simplified_cache_path(path: str, onnx_version: str) -> Path | None:
    """Where the simplified graph of ``path`` is cached: ``$DOCPARSE_CACHE_DIR`` (else
    ``$XDG_CACHE_HOME/docparse``, else ``~/.cache/docparse``) ``/onnx-simplified/<key>.onnx``; the
    key hashes the model file's path, size and mtime, the onnx version and this module's source.
    None when the model file cannot be read."""
    import hashlib

    try:
        real = os.path.realpath(path)
        stat = os.stat(real)
        source = Path(__file__).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(f"{real}|{stat.st_size}|{stat.st_mtime_ns}|{onnx_version}|".encode() + source)
    root = os.environ.get("DOCPARSE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "docparse")
    return Path(root) / "onnx-simplified" / f"{digest.hexdigest()[:32]}.onnx"


def _write_cache(target: Path, data: bytes) -> None:
    """Write then rename (readers see the whole file or none); a read-only cache is no error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError:
        pass


SessionKey = tuple[str, int, int, int, bool]  # model file (real path, mtime ns, size), threads, simplified
CacheKey = tuple[object, ...]


@dataclass
class SessionCache:
    """The sessions :func:`cpu_session` built, by model file, threads and simplification.

    ``docparse.parse`` builds its components afresh for every document, and each component
    loads its models on first use: without this cache every document paid for loading (and
    simplifying) the same ONNX models again, about a second of CPU per document with raster
    charts. A session never changes once built and ONNX Runtime runs one from several threads
    at once, so one per process is shared. The oldest entry goes past ``size`` models."""

    size: int = 16
    entries: "dict[CacheKey, Any]" = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: CacheKey, build: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.entries:
                return self.entries[key]
        session = build()  # outside the lock: loading takes a while
        with self.lock:
            session = self.entries.setdefault(key, session)
            while len(self.entries) > self.size:
                self.entries.pop(next(iter(self.entries)))
        return session


SESSIONS = SessionCache()  # the process's one cache (a cache of immutable sessions, not state that steers behaviour)


def session_key(path: str, threads: int, simplify: bool) -> SessionKey:
    """The model file as it is on disk (a replaced file is loaded again), threads, simplification."""
    real = os.path.realpath(path)
    stat = os.stat(real)
    return (real, stat.st_mtime_ns, stat.st_size, threads, simplify)


def cpu_session(path: str, threads: int, simplify: bool = True, cache: SessionCache | None = SESSIONS) -> Any:
    """An ONNX Runtime CPU session for the model at ``path`` (see :func:`new_cpu_session`),
    built once per process and model file, threads and simplification (``cache``; None: a new
    session)."""
    if cache is None:
        return new_cpu_session(path, threads, simplify)
    return cache.get(session_key(path, threads, simplify), lambda: new_cpu_session(path, threads, simplify))


def new_cpu_session(path: str, threads: int, simplify: bool = True) -> Any:
    """An ONNX Runtime CPU session for the model at ``path``: ``threads`` intra-op threads that
    sleep instead of spinning when idle (spinning threads steal the cores that the other
    pipeline stages need), all graph optimisations, the graph simplified as above."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = False
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    model = simplified_model_bytes(path) if simplify else None
    return ort.InferenceSession(model or path, opts, providers=["CPUExecutionProvider"])
