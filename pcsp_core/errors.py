"""The one exception pcsp_core raises: input it cannot work with at all.

Problems *in* a document (a missing field, a criterion not met) are returned as
data; only input no function could make sense of raises, and its message is
written for the person who gave it.
"""


class PcspError(ValueError):
    """Unusable input, with a message that says what is wrong and what to do."""
