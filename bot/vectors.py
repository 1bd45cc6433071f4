"""Word vectors: a text as a point in a space where texts that mean the same are close, shared by knowledge search
(bot/kb/meaning.py) and the cause model's reading of stories (bot/flows/stories.py).

FTS5, TF-IDF and naive Bayes need a question to share words, or parts of words, with what they learned from. People
who never read the articles often share neither: "the site never asks me" and "the prompt does not appear" have no
word in common. WordLlama's vectors (MIT licence; token embeddings distilled from large language models and trained
on sentence pairs) put such texts close together. A text is the mean of its tokens' vectors: one tokenisation and a
table lookup, a fraction of a millisecond.

The vectors come from the `wordllama` wheel on PyPI, which ships them as a file. `make venv` installs that wheel
without its dependencies (it asks for NumPy 2, which Rasa 3.6 cannot use); only its two data files are read here,
never its code. Without them, each user of the vectors works without this opinion.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

VECTORS_PACKAGE = "wordllama"
VECTORS_FILE = "weights/l2_supercat_256.safetensors"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
MAX_CHARS = 4000
"""Characters read from one text: a pasted log is not a longer question, and tokenising it all would cost time."""


@dataclass(frozen=True)
class WordVectors:
    table: np.ndarray
    """One vector per token id, as the file stores them (float16: 16 MB per process rather than 32)."""
    tokenizer: object
    """A `tokenizers.Tokenizer` (typed loosely: the package ships no stubs)."""

    def embed(self, texts: list[str]) -> np.ndarray:
        """Each text as the mean of its tokens' vectors, scaled to unit length (zeros for a text with no tokens)."""
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([text[:MAX_CHARS] for text in texts], add_special_tokens=False)  # type: ignore[attr-defined]
        for row, encoding in enumerate(encodings):
            ids = encoding.ids
            if ids:
                mean = self.table[ids].astype(np.float32).mean(axis=0)  # exact widening, then sums in float32
                norm = float(np.sqrt(mean @ mean))
                if norm > 0:
                    out[row] = mean / norm
        return out


@lru_cache(maxsize=1)
def installed_vectors() -> WordVectors | None:
    """The vectors from the installed wheel, read once per process; None (and one warning) when absent."""
    spec = importlib.util.find_spec(VECTORS_PACKAGE)  # finds the files without running the package's code
    folder = Path(next(iter(spec.submodule_search_locations or []), "")) if spec else None
    if folder is None or not (folder / VECTORS_FILE).is_file():
        log.warning("word vectors not installed (run `make venv`): search and story reading work without them")
        return None
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    table = load_file(str(folder / VECTORS_FILE))["embedding.weight"]
    return WordVectors(table, Tokenizer.from_file(str(folder / TOKENIZER_FILE)))
