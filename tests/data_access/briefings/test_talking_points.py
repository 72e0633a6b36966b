"""The rules behind the talking points: each says what its figures say, in both
languages, and says nothing when its figures are hidden."""

from __future__ import annotations

from data_access.briefings.talking_points import (
    RULES,
    Facts,
    Measure,
    Place,
    Rate,
    highest_places,
    most_improved,
    points,
    talking_points,
    top_issue,
    women_representation,
)

OVERTIME = Rate("WT-OVT", "Overtime limits", after=0.66, before=0.78, change=-0.12, rank_before=1)
EMERGENCY = Rate("OS-EME", "Emergency preparedness", after=0.40, before=0.55, change=-0.15)


def facts(**changes: object) -> Facts:
    base = {
        "lang": "en",
        "period": "2025",
        "comparison": "2024",
        "factories": 58,
        "workers": 61230,
        "women_share": 0.72,
        "top": (OVERTIME, EMERGENCY),
        "improved": (EMERGENCY, OVERTIME),
        "worsened": (),
        "points_compared": 38,
        "points_improved": 21,
        "places": (Place("Hồ Chí Minh", 0.8), Place("Đắk Lắk", None), Place("Huế", 0.6)),
        "sectors": (Place("Garment", 0.7), Place("Footwear", 0.5)),
        "dialogue": {
            "union_present": Measure("Union", 0.92, 0.9, 0.02),
            "picc_women_share": Measure("PICC women", 0.38, None, None),
            "workforce_women_share": Measure("Women workers", 0.78, None, None),
        },
    }
    return Facts(**{**base, **changes})  # type: ignore[arg-type]


def test_the_example_from_the_issue() -> None:
    point = top_issue(facts())
    assert point is not None
    assert f"{point.lead}: {point.text}" == (
        "Overtime limits: non-compliance down from 78% to 66%, still the most frequent issue"
    )


def test_vietnamese_wording() -> None:
    point = top_issue(facts(lang="vi"))
    assert point is not None
    assert point.text == "tỷ lệ không tuân thủ giảm từ 78% xuống 66%, vẫn là vấn đề phổ biến nhất"


def test_now_most_frequent_and_no_comparison() -> None:
    risen = Rate("WT-OVT", "Overtime", after=0.7, before=0.5, change=0.2, rank_before=3)
    point = top_issue(facts(top=(risen,), improved=()))
    assert point is not None and point.text.endswith(
        "up from 50% to 70%, now the most frequent issue"
    )
    alone = Rate("WT-OVT", "Overtime", after=0.7)
    point = top_issue(facts(top=(alone,), improved=()))
    assert (
        point is not None
        and point.text == "70% of factories non-compliant, the most frequent issue"
    )


def test_rounding_never_contradicts_the_numbers() -> None:
    flat = Rate("WT-OVT", "Overtime", after=0.662, before=0.658, change=0.004, rank_before=1)
    point = top_issue(facts(top=(flat,), improved=()))
    assert point is not None and point.text.startswith("non-compliance unchanged at 66%")
    assert points(-0.004, "vi") == "±0 điểm %"
    assert points(-0.12, "en") == "−12 pp"


def test_most_improved_is_not_repeated_for_the_top_issue() -> None:
    assert most_improved(facts()) is not None  # Emergency preparedness fell most
    same = facts(improved=(OVERTIME,))
    assert most_improved(same) is None
    point = top_issue(same)
    assert point is not None and point.text.endswith("also the largest improvement")


def test_hidden_figures_make_rules_silent() -> None:
    hidden = facts(
        top=(Rate("WT-OVT", "Overtime", after=None),),
        places=(Place("Đắk Lắk", None), Place("Huế", 0.6)),
        dialogue={},
    )
    assert top_issue(hidden) is None
    assert highest_places(hidden) is None
    assert women_representation(hidden) is None


def test_places_skip_hidden_ones() -> None:
    point = highest_places(facts())
    assert point is not None
    assert point.text == "Hồ Chí Minh (80%), Huế (60%)"
    assert "Đắk Lắk" not in point.text


def test_each_audience_gets_its_own_emphasis() -> None:
    for audience in RULES:
        chosen = talking_points(audience, facts())
        assert 3 <= len(chosen) <= 5, audience
    leads = {audience: [p.lead for p in talking_points(audience, facts())] for audience in RULES}
    assert leads["molisa"][:2] == ["Overtime limits", "Highest non-compliance on Overtime limits"]
    assert leads["vgcl"][0] == "Trade unions"
    assert "Women's representation" in leads["vgcl"]
    assert leads["vcci"][0] == "Progress"
    assert "Overtime limits by sector" in leads["vcci"]
    assert leads["donors"][0] == "Reach"
    women = women_representation(facts())
    assert women is not None and "38%" in women.text and "78%" in women.text
