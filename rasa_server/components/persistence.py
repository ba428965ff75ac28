"""Saving and loading our components' scikit-learn models in Rasa's model storage (skops)."""

from __future__ import annotations

from typing import Any

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

# The only types our models contain besides scikit-learn's own (which skops trusts).
TRUSTED = ["numpy.int64", "numpy.float64", "builtins.str", "scipy.sparse._csr.csr_matrix"]


def save(model: Any, model_storage: ModelStorage, resource: Resource) -> None:
    """Write ``model`` into the component's resource."""
    import skops.io as sio

    with model_storage.write_to(resource) as directory:
        sio.dump(model, directory / "model.skops")


def load(model_storage: ModelStorage, resource: Resource) -> Any:
    """Read the component's model, refusing any type it should not contain.

    Raises:
        ValueError: the model holds types that are not trusted.
    """
    import skops.io as sio

    with model_storage.read_from(resource) as directory:
        path = directory / "model.skops"
        unknown = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED]
        if unknown:
            raise ValueError(f"untrusted types in {path.name}: {unknown}")
        return sio.load(path, trusted=TRUSTED)
