"""Plausible, fictitious personal data: names, 身份证号, birth dates, phones. Pure functions of a Random.

Surnames are weighted by their share of the population (2020 census order, rounded, per 10,000);
given names come from lists typical of the birth decade, mostly two characters.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from qinglian.org.choices import Gender
from qinglian.org.validators import with_check_digit

SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 712),
    ("李", 708),
    ("张", 664),
    ("刘", 538),
    ("陈", 453),
    ("杨", 308),
    ("黄", 250),
    ("赵", 229),
    ("吴", 204),
    ("周", 200),
    ("徐", 167),
    ("孙", 154),
    ("马", 150),
    ("朱", 144),
    ("胡", 140),
    ("郭", 130),
    ("何", 124),
    ("林", 120),
    ("罗", 116),
    ("高", 114),
    ("郑", 110),
    ("梁", 98),
    ("谢", 86),
    ("宋", 80),
    ("唐", 79),
    ("许", 73),
    ("韩", 72),
    ("冯", 70),
    ("邓", 69),
    ("曹", 66),
    ("彭", 64),
    ("曾", 62),
    ("肖", 60),
    ("田", 58),
    ("董", 56),
    ("袁", 54),
    ("潘", 53),
    ("于", 52),
    ("蒋", 51),
    ("蔡", 50),
    ("余", 49),
    ("杜", 48),
    ("叶", 47),
    ("程", 46),
    ("苏", 45),
    ("魏", 44),
    ("吕", 43),
    ("丁", 42),
    ("任", 41),
    ("沈", 40),
    ("姚", 39),
    ("卢", 38),
    ("姜", 37),
    ("崔", 36),
    ("钟", 35),
    ("谭", 34),
    ("陆", 33),
    ("汪", 32),
    ("范", 31),
    ("金", 30),
    ("石", 29),
    ("廖", 28),
    ("贾", 27),
    ("夏", 26),
    ("方", 24),
    ("傅", 23),
    ("邹", 22),
    ("孟", 21),
    ("熊", 20),
    ("秦", 19),
    ("邱", 18),
    ("江", 17),
)

# (gender, born before 1982) → two-character given names usual for that generation.
_GIVEN: dict[tuple[str, bool], tuple[str, ...]] = {
    (Gender.MALE, True): (
        "建国",
        "建华",
        "国平",
        "国强",
        "志强",
        "志刚",
        "卫东",
        "卫国",
        "海波",
        "海涛",
        "文斌",
        "文杰",
        "建军",
        "建平",
        "永刚",
        "永明",
        "立新",
        "立军",
        "晓东",
        "晓明",
        "红兵",
        "宏伟",
        "德明",
        "春林",
        "庆华",
        "振华",
        "俊峰",
        "伟民",
        "利民",
        "新民",
        "明华",
        "学军",
        "忠良",
        "国良",
        "建新",
        "金龙",
        "伟东",
        "荣华",
    ),
    (Gender.MALE, False): (
        "浩然",
        "宇航",
        "俊杰",
        "博文",
        "晨阳",
        "鹏飞",
        "一鸣",
        "天宇",
        "昊天",
        "泽宇",
        "思远",
        "家豪",
        "明轩",
        "文博",
        "逸飞",
        "振宇",
        "志远",
        "云飞",
        "浩宇",
        "宇翔",
        "子健",
        "海洋",
        "佳豪",
        "鑫磊",
        "伟杰",
        "旭东",
        "晓峰",
        "哲文",
        "致远",
        "俊豪",
        "晨光",
        "嘉伟",
        "亚东",
        "晓宇",
        "子豪",
        "立伟",
        "建宇",
        "少华",
    ),
    (Gender.FEMALE, True): (
        "秀英",
        "丽华",
        "红梅",
        "玉兰",
        "桂芳",
        "美玲",
        "晓红",
        "丽娟",
        "雪梅",
        "春燕",
        "海燕",
        "玉珍",
        "慧敏",
        "彩霞",
        "丽萍",
        "爱华",
        "素琴",
        "建英",
        "秋菊",
        "晓燕",
        "卫红",
        "亚琴",
        "静芳",
        "丽君",
        "美华",
        "晓梅",
        "红霞",
        "月华",
        "小英",
        "雅琴",
    ),
    (Gender.FEMALE, False): (
        "婷婷",
        "晓雯",
        "佳琪",
        "思雨",
        "雅琪",
        "静怡",
        "梦瑶",
        "晓彤",
        "安琪",
        "雪莹",
        "可欣",
        "文静",
        "倩倩",
        "晶晶",
        "佳慧",
        "丽媛",
        "梦婷",
        "璐璐",
        "莹莹",
        "燕婷",
        "心怡",
        "佳怡",
        "婉婷",
        "欣怡",
        "诗琪",
        "雨婷",
        "晓丽",
        "丹丹",
        "亚楠",
        "晓琳",
    ),
}
_SINGLE: dict[str, str] = {
    Gender.MALE: "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁凯峰毅",
    Gender.FEMALE: "芳娜敏静丽艳娟霞燕玲婷萍红雪琳洁颖倩慧晶丹蕾",
}

# 身份证 region codes of the fictitious 临江市 (33 99 xx: a prefix no real city uses), home districts
# weighted over the counties.
_REGIONS: tuple[tuple[str, int], ...] = (
    ("339902", 30),
    ("339903", 20),
    ("339904", 12),
    ("339921", 10),
    ("339922", 10),
    ("339923", 8),
    ("339981", 6),
    ("339982", 4),
)


@dataclass
class Registry:
    """Keeps names, ID numbers and phones unique inside one demo organ."""

    names: set[str] = field(default_factory=set)
    id_numbers: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def person_name(rng: random.Random, gender: str, birth: dt.date, registry: Registry) -> str:
    """A name nobody else in the organ has (real rosters have namesakes; the demo avoids the confusion)."""
    while True:
        surname = _pick(rng, SURNAMES)
        if rng.random() < 0.18:
            given = rng.choice(_SINGLE[gender])
        else:
            given = rng.choice(_GIVEN[(gender, birth.year < 1982)])
        name = surname + given
        if name not in registry.names:
            registry.names.add(name)
            return name


def birth_date(rng: random.Random, age: int, today: dt.date) -> dt.date:
    """A birthday on which someone is exactly `age` years old at `today`."""
    latest = _years_before(today, age)
    earliest = _years_before(today, age + 1) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def add_years(day: dt.date, years: int) -> dt.date:
    return _years_before(day, -years)


def id_number(rng: random.Random, birth: dt.date, gender: str, registry: Registry) -> str:
    """A valid 18-digit number (GB 11643): region, birth date, sequence whose last digit is odd for men."""
    while True:
        sequence = rng.randrange(100) * 10 + rng.choice((1, 3, 5, 7, 9) if gender == Gender.MALE else (0, 2, 4, 6, 8))
        number = with_check_digit(f"{_pick(rng, _REGIONS)}{birth:%Y%m%d}{sequence:03d}")
        if number not in registry.id_numbers:
            registry.id_numbers.add(number)
            return number


def phone(rng: random.Random, registry: Registry) -> str:
    while True:
        number = f"139{rng.randrange(10**8):08d}"
        if number not in registry.phones:
            registry.phones.add(number)
            return number


def party_joined_on(rng: random.Random, birth: dt.date, latest: dt.date) -> dt.date:
    """Most cadres joined at university or in their first years at work (age 19–28), never after `latest`."""
    age = rng.choices((19, 20, 21, 22, 23, 24, 25, 26, 28), weights=(8, 14, 18, 16, 12, 10, 8, 7, 7))[0]
    joined = add_years(birth, age) + dt.timedelta(days=rng.randrange(300))
    floor = add_years(birth, 18) + dt.timedelta(days=30)
    return max(floor, min(joined, latest))
