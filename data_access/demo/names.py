"""Invented factory names and addresses: realistic in form, plainly fictional in content.

Every name ends in the factory's running number ("Công ty TNHH May Sao Mai 12"), and
addresses use numbered industrial zones rather than real ones, so no demo row can be
mistaken for, or traced to, a real enterprise.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

COMPANY_FORMS: tuple[str, ...] = (
    "Công ty TNHH",
    "Công ty TNHH",
    "Công ty TNHH MTV",
    "Công ty Cổ phần",
)
SECTOR_WORDS: Mapping[str, tuple[str, ...]] = {
    "garment": ("May", "May mặc", "Dệt may", "Thời trang"),
    "footwear": ("Giày", "Giày da", "Da giày"),
    "travel_goods": ("Túi xách", "Hành lý", "Túi và Vali"),
}
BRANDS: tuple[str, ...] = (
    "Sao Mai", "Bình Minh", "Hướng Dương", "Phương Nam", "Trường An", "An Khang",
    "Hồng Phúc", "Tân Tiến", "Minh Quang", "Hải Âu", "Ngọc Lan", "Thái Hòa", "Kim Long",
    "Thiên Ân", "Phú Gia", "Vạn Xuân", "Cẩm Tú", "Hòa Khánh", "Lam Sơn", "Tường Vy",
    "Đại Dương", "Mai Anh", "Thủy Tiên", "Bảo Ngọc", "Gia Hưng", "Quang Vinh",
)  # fmt: skip
FOREIGN_BRANDS: tuple[str, ...] = (
    "Hanbit", "Seowon", "Daejin", "Minsung", "Hoyoung", "Fuhsin", "Chenglong", "Yuhwa",
    "Kaisun", "Tianmei", "Jinwoo", "Sunhae", "Meihua", "Asahira", "Lionbay", "Pacifica",
)  # fmt: skip
ZONE_KINDS: tuple[str, ...] = ("Khu công nghiệp", "Cụm công nghiệp", "Khu chế xuất")


def factory_name(rng: random.Random, sector: str, investor: str, number: int) -> str:
    form = rng.choice(COMPANY_FORMS)
    word = rng.choice(SECTOR_WORDS[sector])
    if investor == "Viet Nam":
        return f"{form} {word} {rng.choice(BRANDS)} {number}"
    return f"{form} {word} {rng.choice(FOREIGN_BRANDS)} Vina {number}"


def factory_address(rng: random.Random, province_name: str) -> str:
    if rng.random() < 0.7:
        lot = f"{rng.choice('ABCDEFGH')}{rng.randint(1, 40)}"
        zone = f"{rng.choice(ZONE_KINDS)} số {rng.randint(1, 9)}"
        return f"Lô {lot}, {zone}, {province_name}"
    return f"Số {rng.randint(1, 400)}, Đường số {rng.randint(1, 30)}, {province_name}"


def weighted_choice(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]
