"""Shared plumbing for input models: strict pydantic models whose errors become ValidationFailed."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from fgdm.services.errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)


class Input(BaseModel):
    """Base of every form and import model: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


def parse(model: type[M], data: M | dict[str, Any]) -> M:
    """Validate a dict (from a form or a file) or re-validate a model, raising ValidationFailed."""
    try:
        if isinstance(data, model):
            return model.model_validate(data.model_dump())
        return model.model_validate(data)
    except PydanticValidationError as error:
        raise ValidationFailed.from_pydantic(error) from None
