"""The dashboard pages in Debian's chromium: each renders without an exception box, the
province map's canvas is drawn (with no basemap fetched), clicking a province opens its
profile, and a full-length screenshot of every page is kept in test-artifacts/ for a
person to look at."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from data_access.bootstrap import DEMO_USERS
from data_access.geo import current_provinces_geojson
from data_access.i18n import t
from tests.e2e.helpers import (
    assert_no_exception,
    rerun_after,
    sign_in,
    tap,
    wait_for_app,
    wait_for_charts,
)
from ui.maps import MAP_HEIGHT, VIEW_LATITUDE, VIEW_LONGITUDE, VIEW_ZOOM

PAGES: tuple[str, ...] = (
    "overview",
    "provinces",
    "sector_compliance",
    "social_dialogue",
    "factories",
    "about",
)
PASSWORDS = {role: (username, password) for username, role, _name, password in DEMO_USERS}
MAP = "[data-testid='stDeckGlJsonChart']"
#: Hosts of the basemaps Streamlit and pydeck know; none may ever be asked for.
BASEMAP_HOSTS = ("cartocdn", "mapbox", "maptiler", "openstreetmap", "googleapis.com/maps")


def _signed_in(page: Any, base: str, role: str, path: str = "") -> None:
    username, password = PASSWORDS[role]
    assert sign_in(page, base, username, password, path=path)


def _open(page: Any, base: str, key: str, query: str = "lang=vi") -> None:
    page.goto(f"{base}/{key}?{query}")
    wait_for_app(page)
    wait_for_charts(page)


def _hidden_category_labels(page: Any) -> list[str]:
    """Axis labels Vega drew transparent to avoid overlap, other than numbers and years
    (which a scale may thin out): a compliance point or province with no label is a bar
    nobody can read. Five ranked bars in a half-width column once lost two labels."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(".vega-embed .role-axis-label text"))
            .filter(label => label.getAttribute("opacity") === "0")
            .map(label => label.textContent)
            .filter(text => !/^[-+−\\d.,%\\s]+$/.test(text))"""
    )


def _full_screenshot(page: Any, path: Path) -> None:
    """Streamlit scrolls its main block, not the document: grow the viewport to the
    block's height so the screenshot holds the whole page."""
    height = page.evaluate(
        "() => document.querySelector(\"[data-testid='stMain']\")?.scrollHeight ?? 1000"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 15000)})
    wait_for_charts(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.parametrize("role", ["molisa", "ilo"])
def test_every_page_renders(
    role: str, app_server: str, browser_page: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _signed_in(page, app_server, role)
    for key in PAGES:
        _open(page, app_server, key)
        assert_no_exception(page)
        if key == "factories" and role == "molisa":
            # The router refuses the page before it runs: no factory list, a clear "no".
            assert page.locator("[data-testid='stAlertContentError']").count() >= 1
            assert page.locator("[data-testid='stDataFrame']").count() == 0
        else:
            assert page.locator("h1").first.inner_text().strip()
            assert _hidden_category_labels(page) == [], key
        _full_screenshot(page, artifacts_dir / f"pages_{role}_{key}.png")
    assert not [url for url in requested if any(host in url for host in BASEMAP_HOSTS)]


def _map_canvas_is_drawn(page: Any) -> None:
    """The canvas exists, has a size, and shows more than one colour (a blank WebGL
    canvas would be uniform)."""
    canvas = page.locator(f"{MAP} canvas").first
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    image = canvas.screenshot()
    from io import BytesIO

    from PIL import Image

    colours = Image.open(BytesIO(image)).convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20


def _pixel_of(lon: float, lat: float, box: dict[str, float]) -> tuple[float, float]:
    """Web Mercator, as deck.gl's MapView (512-pixel world at zoom 0)."""
    scale = 512 * 2**VIEW_ZOOM / (2 * math.pi)

    def mercator_y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = scale * math.radians(lon - VIEW_LONGITUDE)
    y = -scale * (mercator_y(lat) - mercator_y(VIEW_LATITUDE))
    return box["x"] + box["width"] / 2 + x, box["y"] + box["height"] / 2 + y


def test_clicking_a_province_opens_its_profile(
    app_server: str, browser_page: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    page.clock.install()
    _signed_in(page, app_server, "molisa")
    _open(page, app_server, "provinces")
    _map_canvas_is_drawn(page)
    canvas_box = page.locator(f"{MAP} canvas").first.bounding_box()
    assert canvas_box is not None and abs(canvas_box["height"] - MAP_HEIGHT) < 5
    feature = next(
        f
        for f in current_provinces_geojson()["features"]
        if f["properties"]["province_code"] == "79"
    )
    x, y = _pixel_of(
        feature["properties"]["label_lon"], feature["properties"]["label_lat"], canvas_box
    )
    page.mouse.move(x, y)
    expect(page.locator(".deck-tooltip")).to_contain_text("Hồ Chí Minh")
    rerun_after(page, lambda: tap(page, x, y))
    assert_no_exception(page)
    expect(page.locator("h3", has_text="Hồ Chí Minh").first).to_be_visible()
    expect(page.get_by_text("Hồ Chí Minh so với cả nước").first).to_be_visible()
    _full_screenshot(page, artifacts_dir / "pages_molisa_provinces_profile.png")


def test_legacy_map_in_english(app_server: str, browser_page: Any, artifacts_dir: Path) -> None:
    page = browser_page
    _signed_in(page, app_server, "vgcl")
    _open(page, app_server, "provinces", "lang=en&year_from=2023&year_to=2024")
    rerun_after(page, page.locator(".st-key-provinces_legacy label").first.click)
    wait_for_charts(page)
    assert_no_exception(page)
    _map_canvas_is_drawn(page)
    expect(page.get_by_text("Show the 63 former provinces")).to_have_count(1)
    _full_screenshot(page, artifacts_dir / "pages_vgcl_provinces_legacy_en.png")


def test_staff_open_a_factory_from_the_list(
    app_server: str, browser_page: Any, artifacts_dir: Path
) -> None:
    page = browser_page
    _signed_in(page, app_server, "ilo")
    _open(page, app_server, "factories")
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    assert box is not None
    # The row-selection marker of the first data row (header row, then row 1).
    rerun_after(page, lambda: page.mouse.click(box["x"] + 18, box["y"] + 36 + 18))
    assert_no_exception(page)
    expect(page.locator("h2").first).to_contain_text(" — ")
    expect(page.get_by_text(t("pages.factories.dialogue", "vi")).first).to_be_visible()
    _full_screenshot(page, artifacts_dir / "pages_ilo_factories_history.png")
