"""Named errors, one per stage; every message says what went wrong and what to do next."""


class BorderwatchError(Exception):
    """Base class: anything Borderwatch raises on purpose."""


class IngestError(BorderwatchError):
    """An input could not be read (missing path, binary file, too large, bad encoding)."""


class CleanError(BorderwatchError):
    """A document had no usable article text after cleaning."""


class SettingsError(BorderwatchError):
    """A setting or option has an invalid value."""


class RegionDataError(BorderwatchError):
    """A region data file (gazetteer, actors, triggers) is malformed."""


class StoreError(BorderwatchError):
    """The database could not be opened or written."""


class StoreConflict(StoreError):
    """Another writer stored the same document first; nothing of this write was kept."""


class EvaluationError(BorderwatchError):
    """A gold file for `borderwatch evaluate` is malformed."""
