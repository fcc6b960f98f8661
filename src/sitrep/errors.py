"""sitrep's exceptions. Every error carries a stable ``code`` and a ``hint`` that says what to do.

    SitrepError
    ├── InputError            a file, line or option that sitrep cannot read
    ├── ResourceMissing       a model, package or data file that is not installed
    ├── StoreError            the database cannot be opened or migrated
    └── GoldFormatError       a labelled file that does not follow shared/spec/gold-format.md
"""

from __future__ import annotations


class SitrepError(Exception):
    code = "sitrep.error"

    def __init__(self, message: str, *, hint: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(SitrepError):
    code = "input.error"


class ResourceMissing(SitrepError):
    code = "resource.missing"


class StoreError(SitrepError):
    code = "store.error"


class GoldFormatError(SitrepError):
    code = "gold.format"
