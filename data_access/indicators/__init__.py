"""Every figure the product shows, as functions `fn(engine, scope, filters, ...) ->
DataFrame`, computed by GROUP BY in the database with disclosure control applied
inside, so pages, exports and briefings cannot disagree or forget to suppress.

`METHODS` names the method text (message `indicators.method.<key>`) each frame's
`attrs["method"]` points to, for the About page and export metadata.
"""

from data_access.indicators.compliance import (
    COMPLIANCE_DIMENSIONS,
    non_compliance,
    non_compliance_change,
)
from data_access.indicators.factories import (
    FactoryHistory,
    FactoryNotFound,
    factory_history,
    factory_listing,
)
from data_access.indicators.overview import most_improved, top_non_compliance
from data_access.indicators.programme import PROGRAMME_DIMENSIONS, programme_size
from data_access.indicators.social_dialogue import (
    MEASURES,
    SOCIAL_DIALOGUE_DIMENSIONS,
    fa_cb_non_compliance,
    social_dialogue,
)

METHODS: tuple[str, ...] = (
    "programme_size",
    "non_compliance",
    "non_compliance_change",
    "social_dialogue",
    "factory_listing",
    "factory_history",
    "disclosure",
)

__all__ = [
    "COMPLIANCE_DIMENSIONS",
    "MEASURES",
    "METHODS",
    "PROGRAMME_DIMENSIONS",
    "SOCIAL_DIALOGUE_DIMENSIONS",
    "FactoryHistory",
    "FactoryNotFound",
    "fa_cb_non_compliance",
    "factory_history",
    "factory_listing",
    "most_improved",
    "non_compliance",
    "non_compliance_change",
    "programme_size",
    "social_dialogue",
    "top_non_compliance",
]
