"""memo's built-in diarization: speech and speaker changes from pyannote segmentation, voices from CAM++.

1. segmentation-3.0 runs over 10 s chunks (half overlapping) and gives, per 17 ms frame, whether anyone
   speaks and which of the chunk's local speakers does. Speech regions are cut where the local speaker
   changes, so that no piece of audio that is embedded mixes two voices: this is what keeps 1-3 s turns.
2. Each piece is covered by windows of at most WINDOW seconds; CAM++ embeds every window from the fbank
   features of the whole file (computed once), in length-sorted batches.
3. Spectral clustering (``clustering.spectral_labels``) of the long-enough windows gives the speakers; short
   windows then join their nearest speaker, and every frame takes the vote of the windows over it. A
   speaker's pauses under MAX_PAUSE stay inside the turn.

Compared with pyannote's own pipeline (every 10 s chunk embedded once per local speaker, at a fine step)
this embeds each second of speech about 1/(1-OVERLAP) times instead of 1/step times.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .campplus import CamppEmbedding
from .clustering import spectral_labels

CHUNK = 10.0  # segmentation-3.0's window, seconds
CHUNK_STEP = 5.0
WINDOW = 1.5  # embedding window, seconds
WINDOW_STEP = 0.5
MIN_CLUSTER_WINDOW = 0.5  # shorter windows are too noisy to shape the clusters; they join one afterwards
MIN_WINDOW = 0.3
MAX_PAUSE = 0.3  # a speaker's shorter pauses stay inside the turn (the NIST RTTM convention)
FBANK_HOP = 0.01

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Frames:
    """Segmentation output on a regular frame grid of the whole file."""

    step: float  # seconds per frame
    speech: np.ndarray  # (F,) bool
    change: np.ndarray  # (F,) bool: a new local speaker starts at this frame
    overlap: np.ndarray  # (F,) bool: two local speakers at once


def segment(model, samples: np.ndarray, sample_rate: int, batch: int = 4, progress: Progress | None = None) -> Frames:
    """Speech and local-speaker changes per frame; each frame is read from the chunk it is most central in.

    Small batches: SincNet's first layer holds 80 filtered copies of every chunk (50 MB per chunk).
    """
    size, hop = int(CHUNK * sample_rate), int(CHUNK_STEP * sample_rate)
    starts = list(range(0, max(1, len(samples) - size + 1), hop))
    if starts[-1] + size < len(samples):  # the last chunk ends with the file
        starts.append(len(samples) - size)
    padded = np.zeros(max(len(samples), size), np.float32)
    padded[: len(samples)] = samples
    outputs = []
    with torch.inference_mode():
        for i in range(0, len(starts), batch):
            chunk = torch.from_numpy(np.stack([padded[s : s + size] for s in starts[i : i + batch]]))[:, None]
            outputs.append(model(chunk).argmax(dim=-1).numpy())  # powerset class per frame
            if progress:
                progress("segmentation", min(i + batch, len(starts)), len(starts))
    classes = np.concatenate(outputs)  # (C, frames per chunk)
    per_chunk = classes.shape[1]
    step = CHUNK / per_chunk
    total = int(np.ceil(len(samples) / sample_rate / step))
    speech = np.zeros(total, bool)
    change = np.zeros(total, bool)
    overlap = np.zeros(total, bool)
    centre = CHUNK_STEP / 2
    for c, start in enumerate(starts):
        t0 = start / sample_rate
        lo = 0 if c == 0 else int(round((CHUNK / 2 - centre) / step))
        hi = per_chunk if c == len(starts) - 1 else int(round((CHUNK / 2 + centre) / step))
        frames = classes[c]
        g0 = int(round(t0 / step))
        for f in range(lo, min(hi, total - g0)):
            speech[g0 + f] = frames[f] != 0
            overlap[g0 + f] = frames[f] >= 4  # powerset classes 4-6 are pairs of speakers
        # A change is a frame whose set of active local speakers differs from the last non-silent frame's.
        last = 0
        for f in range(per_chunk):
            if frames[f] == 0:
                continue
            if last and frames[f] != last and lo <= f < hi and g0 + f < total:
                change[g0 + f] = True
            last = frames[f]
    audible = _audible(samples, sample_rate, step, total)
    return Frames(step, speech & audible, change, overlap & audible)


def _audible(samples: np.ndarray, sample_rate: int, step: float, total: int) -> np.ndarray:
    """Frames louder than digital silence. segmentation-3.0 never saw exact zeros in training and calls them
    speech about half the time; edited or concatenated recordings have them between turns."""
    edges = (np.arange(total + 1) * step * sample_rate).astype(int).clip(0, len(samples))
    power = np.add.reduceat(samples.astype(np.float64) ** 2, edges[:-1]) / np.maximum(1, np.diff(edges))
    power[np.diff(edges) == 0] = 0
    rms = np.sqrt(power)
    loud = np.percentile(rms, 95) if len(rms) else 0.0
    return rms > min(1e-3, 0.01 * loud)


def pieces(frames: Frames, min_duration: float = 0.1) -> list[tuple[int, int]]:
    """Runs of speech frames, cut at speaker changes: (first frame, end frame)."""
    out = []
    start = None
    for f, is_speech in enumerate(np.append(frames.speech, False)):
        if is_speech and start is None:
            start = f
        elif start is not None and (not is_speech or frames.change[f]):
            out.append((start, f))
            start = f if is_speech else None
    return [(a, b) for a, b in out if (b - a) * frames.step >= min_duration]


def windows(spans: list[tuple[float, float]]) -> list[tuple[float, float, int]]:
    """Embedding windows (start, end, piece index) covering each span; the last one is aligned to its end."""
    out = []
    for i, (start, end) in enumerate(spans):
        if end - start < MIN_WINDOW:
            continue
        t = start
        while True:
            if t + WINDOW >= end:
                out.append((max(start, end - WINDOW), end, i))
                break
            out.append((t, t + WINDOW, i))
            t += WINDOW_STEP
    return out


def embed(model: CamppEmbedding, samples: np.ndarray, wins: list[tuple[float, float, int]], batch: int = 16,
          progress: Progress | None = None) -> np.ndarray:
    """CAM++ embedding per window, (N, 192); features of the whole file once, windows batched by length."""
    if not wins:
        return np.zeros((0, model.dimension), np.float32)
    feats = model.fbank(torch.from_numpy(samples))
    spans = [(int(round(s / FBANK_HOP)), max(int(round(s / FBANK_HOP)) + 1, min(len(feats), int(round(e / FBANK_HOP)))))
             for s, e, _ in wins]
    groups: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(spans):
        # CAM++ pools over time, so windows are batched with others of the same length (most are WINDOW long)
        # rather than padded; lengths are rounded to 5 frames (the few frames cropped change nothing).
        groups.setdefault((b - a) // 5 * 5 or b - a, []).append(i)
    batches = [(n, idx[j : j + batch]) for n, idx in groups.items() for j in range(0, len(idx), batch)]
    out = np.zeros((len(spans), model.dimension), np.float32)
    with torch.inference_mode():
        for done, (n, idx) in enumerate(batches, 1):
            x = torch.stack([feats[spans[i][0] : spans[i][0] + n] for i in idx])
            x = x - x.mean(dim=1, keepdim=True)
            out[idx] = model.net(x).numpy()
            if progress:
                progress("embeddings", done, len(batches))
    return out


def label_windows(emb: np.ndarray, wins, *, min_clusters: int, max_clusters: int,
                  num_clusters: int | None) -> np.ndarray:
    """Cluster the long windows, then give each short window its nearest cluster."""
    long = np.array([e - s >= MIN_CLUSTER_WINDOW for s, e, _ in wins])
    if long.sum() < 2:
        long[:] = True
    labels = np.zeros(len(wins), int)
    labels[long] = spectral_labels(emb[long], min_clusters=min_clusters, max_clusters=max_clusters,
                                   num_clusters=num_clusters)
    if (~long).any():
        x = emb / np.linalg.norm(emb, axis=1, keepdims=True)
        k = labels[long].max() + 1
        centroids = np.stack([x[long][labels[long] == i].mean(axis=0) for i in range(k)])
        labels[~long] = np.argmax(x[~long] @ centroids.T, axis=1)
    return labels


def frame_labels(frames: Frames, spans, wins, labels: np.ndarray, k: int) -> np.ndarray:
    """Speaker index per frame (-1: no speech): each piece's frames take the vote of the windows over them."""
    out = np.full(len(frames.speech), -1)
    votes: dict[int, list[tuple[int, int, int]]] = {}
    for (s, e, i), label in zip(wins, labels, strict=True):
        votes.setdefault(i, []).append((int(s / frames.step), int(np.ceil(e / frames.step)), int(label)))
    for i, (start, end) in enumerate(spans):
        a, b = int(round(start / frames.step)), int(round(end / frames.step))
        if i not in votes:
            continue
        tally = np.zeros((b - a, k))
        for s, e, label in votes[i]:
            tally[max(0, s - a) : max(0, min(b, e) - a), label] += 1
        best = tally.argmax(axis=1)
        best[tally.sum(axis=1) == 0] = np.bincount([v[2] for v in votes[i]], minlength=k).argmax()
        out[a:b] = best
    return out


def fill_short(spans, wins, frames: Frames, labels_per_frame: np.ndarray) -> None:
    """Pieces too short to embed take the speaker of the nearest labelled frame."""
    labelled = np.flatnonzero(labels_per_frame >= 0)
    if not len(labelled):
        return
    embedded = {i for _, _, i in wins}
    for i, (start, end) in enumerate(spans):
        if i in embedded:
            continue
        a, b = int(round(start / frames.step)), int(round(end / frames.step))
        nearest = labelled[np.argmin(np.abs(labelled - (a + b) / 2))]
        labels_per_frame[a:b] = labels_per_frame[nearest]


def bridge_pauses(labels: np.ndarray, step: float, longest: float = MAX_PAUSE) -> None:
    """Silences shorter than ``longest`` between two frames of the same speaker become that speaker's:
    segmentation-3.0 marks breaths and stop closures as non-speech, references count them in the turn."""
    speech = np.flatnonzero(labels >= 0)
    gap = np.diff(speech) - 1
    for i in np.flatnonzero((gap > 0) & (gap * step < longest) & (labels[speech[:-1]] == labels[speech[1:]])):
        labels[speech[i] + 1 : speech[i + 1]] = labels[speech[i]]


def second_speaker(frames: Frames, labels: np.ndarray) -> np.ndarray:
    """Where two people speak at once, the other one is the nearest different speaker before or after."""
    out = np.full(len(labels), -1)
    idx = np.flatnonzero(frames.overlap & (labels >= 0))
    if not len(idx):
        return out
    speech = np.flatnonzero(labels >= 0)
    for f in idx:
        other = speech[(labels[speech] != labels[f])]
        if len(other):
            out[f] = labels[other[np.argmin(np.abs(other - f))]]
    return out


def turns_from_frames(labels: np.ndarray, step: float) -> list[tuple[float, float, int]]:
    out: list[tuple[float, float, int]] = []
    start = 0
    for f in range(1, len(labels) + 1):
        if f == len(labels) or labels[f] != labels[start]:
            if labels[start] >= 0:
                out.append((start * step, f * step, int(labels[start])))
            start = f
    return out


def run(segmentation, embedding: CamppEmbedding, samples: np.ndarray, sample_rate: int, *,
        min_speakers: int = 1, max_speakers: int = 10, num_speakers: int | None = None,
        progress: Progress | None = None) -> tuple[list[tuple[float, float, int]], np.ndarray]:
    """(start, end, speaker index) turns for 16 kHz ``samples``, and each speaker's voiceprint (K, 192):
    the normalised mean of its windows' embeddings."""
    frames = segment(segmentation, samples, sample_rate, progress=progress)
    spans = [(a * frames.step, b * frames.step) for a, b in pieces(frames)]
    wins = windows(spans)
    if not wins:
        return [], np.zeros((0, embedding.dimension), np.float32)
    emb = embed(embedding, samples, wins, progress=progress)
    labels = label_windows(emb, wins, min_clusters=min_speakers, max_clusters=max_speakers, num_clusters=num_speakers)
    per_frame = frame_labels(frames, spans, wins, labels, int(labels.max()) + 1)
    fill_short(spans, wins, frames, per_frame)
    bridge_pauses(per_frame, frames.step)
    overlapping = second_speaker(frames, per_frame)
    turns = turns_from_frames(per_frame, frames.step) + turns_from_frames(overlapping, frames.step)
    x = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    prints = np.stack([x[labels == k].mean(axis=0) for k in range(int(labels.max()) + 1)])
    return sorted(turns), prints / np.linalg.norm(prints, axis=1, keepdims=True)
