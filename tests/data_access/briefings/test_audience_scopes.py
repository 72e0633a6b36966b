"""Donors and constituents read briefings as themselves, with the figures they had when
they were computed as role `molisa` (issue 17: no audience mapped to another's role)."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from data_access.filters import Filters
from data_access.indicators import non_compliance, programme_size, social_dialogue
from data_access.scope import Scope, audience_scope


@pytest.mark.parametrize("audience", ["donors", "constituents"])
def test_a_reader_without_a_role_gets_a_constituents_figures(programme: Engine, audience: str):
    reader = audience_scope(audience)
    assert reader.role is None and reader.audience == audience
    before = Scope(role="molisa", organisation=audience)  # how they were computed until now
    whole = Filters(year_from=2024, year_to=2024)
    hidden = 0
    for compute in (
        lambda scope: programme_size(programme, scope, whole, "province"),
        lambda scope: programme_size(programme, scope, whole, "legacy_province"),
        lambda scope: non_compliance(programme, scope, whole, ("compliance_point",)),
        lambda scope: non_compliance(programme, scope, whole, ("sector",)),
        lambda scope: social_dialogue(programme, scope, whole, "sector"),
    ):
        now, then = compute(reader), compute(before)
        pd.testing.assert_frame_equal(now, then)
        assert now.attrs == then.attrs
        hidden += int(now["suppressed"].sum())
    assert hidden, "the fixture must hide something, or the comparison proves little"
