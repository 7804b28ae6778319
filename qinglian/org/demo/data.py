"""The shape of the demo organ as data: its units, posts, staffing and Party branches.

临江市 is a fictitious prefecture-level city (地级市). At that level the chairman of the Standing
Committee is 正厅级, the vice-chairmen 副厅级, the 委室 are 正处级 bodies whose 主任/副主任 are 正处/副处,
and the 办公室 has 科 (正科级) inside it. Cadres without a leading post carry a 职级 (一级调研员 … 二级科员)
under the 2019 post-and-rank rules, and their 职务 column then shows that 职级.
"""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.org.choices import Rank


@dataclass(frozen=True)
class Post:
    title: str
    rank: str
    ages: tuple[int, int]  # plausible age range, at the demo's `today`, of someone holding the post
    leading: bool = False  # a 领导职务: always held by a Party member in this organ


# The Standing Committee's leaders (they sit in the 办公室's roster: Person.unit cannot be empty).
CHAIR = Post("常委会主任", Rank.DEPARTMENT_CHIEF, (56, 59), True)
VICE_CHAIR = Post("常委会副主任", Rank.DEPARTMENT_DEPUTY, (50, 59), True)
SECRETARY_GENERAL = Post("秘书长", Rank.BUREAU_CHIEF, (47, 56), True)

DIRECTOR = Post("主任", Rank.BUREAU_CHIEF, (45, 58), True)
DEPUTY = Post("副主任", Rank.BUREAU_DEPUTY, (38, 55), True)
PARTY_DEPUTY_SECRETARY = Post("专职副书记", Rank.BUREAU_CHIEF, (45, 57), True)
DISCIPLINE_SECRETARY = Post("机关纪委书记", Rank.BUREAU_DEPUTY, (40, 55), True)
TEAM_LEADER = Post("组长", Rank.BUREAU_CHIEF, (46, 55), True)
TEAM_DEPUTY = Post("副组长", Rank.BUREAU_DEPUTY, (38, 50), True)


def section_chief(section: str) -> Post:
    return Post(f"{section}科长", Rank.SECTION_CHIEF, (33, 50), True)


def section_deputy(section: str) -> Post:
    return Post(f"{section}副科长", Rank.SECTION_DEPUTY, (29, 45), True)


DY1 = Post("一级调研员", Rank.INSPECTOR_1, (54, 59))
DY2 = Post("二级调研员", Rank.INSPECTOR_2, (50, 59))
DY3 = Post("三级调研员", Rank.INSPECTOR_3, (46, 58))
DY4 = Post("四级调研员", Rank.INSPECTOR_4, (42, 57))
KY1 = Post("一级主任科员", Rank.CLERK_1, (36, 56))
KY2 = Post("二级主任科员", Rank.CLERK_2, (32, 52))
KY3 = Post("三级主任科员", Rank.CLERK_3, (29, 45))
KY4 = Post("四级主任科员", Rank.CLERK_4, (27, 40))
KE1 = Post("科员", Rank.STAFF_1, (25, 32))
KE2 = Post("科员", Rank.STAFF_2, (24, 27))

# 职级晋升 (recorded as 任职): the next rank up for a cadre without a leading post.
RANK_STEP_UP: dict[Post, Post] = {KE1: KY4, KY4: KY3, KY3: KY2, KY2: KY1, KY1: DY4, DY4: DY3, DY3: DY2}


@dataclass(frozen=True)
class UnitSpec:
    name: str
    short_name: str
    staffing: tuple[tuple[Post, int], ...]


OFFICE = "办公室"
PARTY_COMMITTEE = "机关党委（机关纪委）"
STATIONED = "派驻纪检监察组"

INTERNAL_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec(
        OFFICE,
        "办公室",
        (
            (DIRECTOR, 1),
            (DEPUTY, 3),
            (section_chief("秘书"), 1),
            (section_chief("综合"), 1),
            (section_chief("新闻宣传"), 1),
            (section_chief("机关事务"), 1),
            (section_deputy("秘书"), 1),
            (section_deputy("综合"), 1),
            (section_deputy("机关事务"), 1),
            (DY1, 1),
            (DY2, 1),
            (DY4, 2),
            (KY1, 6),
            (KY2, 4),
            (KY3, 3),
            (KY4, 3),
            (KE1, 3),
            (KE2, 2),
        ),
    ),
    UnitSpec(
        "研究室", "研究室", ((DIRECTOR, 1), (DEPUTY, 1), (DY3, 1), (DY4, 1), (KY1, 1), (KY2, 1), (KY4, 1), (KE1, 1))
    ),
    UnitSpec(
        "法制工作委员会",
        "法工委",
        ((DIRECTOR, 1), (DEPUTY, 2), (DY2, 1), (DY4, 1), (KY1, 2), (KY2, 1), (KY3, 1), (KE1, 1), (KE2, 1)),
    ),
    UnitSpec(
        "财政经济工作委员会", "财经委", ((DIRECTOR, 1), (DEPUTY, 2), (DY3, 1), (KY1, 1), (KY2, 1), (KY4, 1), (KE1, 1))
    ),
    UnitSpec("预算工作委员会", "预算工委", ((DIRECTOR, 1), (DEPUTY, 1), (DY4, 1), (KY1, 1), (KY3, 1), (KE1, 1))),
    UnitSpec("监察和司法工作委员会", "监司委", ((DIRECTOR, 1), (DEPUTY, 1), (DY3, 1), (KY1, 1), (KY2, 1), (KE1, 1))),
    UnitSpec(
        "教育科学文化卫生工作委员会",
        "教科文卫委",
        ((DIRECTOR, 1), (DEPUTY, 1), (DY4, 1), (KY1, 1), (KY2, 1), (KY4, 1), (KE1, 1)),
    ),
    UnitSpec("农业与农村工作委员会", "农委", ((DIRECTOR, 1), (DEPUTY, 1), (DY2, 1), (KY1, 1), (KY3, 1), (KE1, 1))),
    UnitSpec(
        "城乡建设环境与资源保护工作委员会",
        "城环资委",
        ((DIRECTOR, 1), (DEPUTY, 2), (DY4, 1), (KY1, 1), (KY2, 1), (KY3, 1), (KE1, 1)),
    ),
    UnitSpec(
        "社会建设工作委员会", "社建委", ((DIRECTOR, 1), (DEPUTY, 1), (DY3, 1), (KY1, 1), (KY2, 1), (KY4, 1), (KE2, 1))
    ),
    UnitSpec(
        "人事代表选举工作委员会",
        "人代选工委",
        ((DIRECTOR, 1), (DEPUTY, 2), (DY4, 1), (KY1, 2), (KY2, 1), (KY3, 1), (KE1, 1), (KE2, 1)),
    ),
    UnitSpec(
        "代表联络工作室", "代表联络室", ((DIRECTOR, 1), (DEPUTY, 1), (KY1, 1), (KY2, 1), (KY3, 1), (KY4, 1), (KE1, 1))
    ),
    UnitSpec(
        "信访室", "信访室", ((DIRECTOR, 1), (DEPUTY, 1), (DY4, 1), (KY1, 1), (KY2, 1), (KY3, 1), (KE1, 1), (KE2, 1))
    ),
    UnitSpec(
        PARTY_COMMITTEE,
        "机关党委",
        ((PARTY_DEPUTY_SECRETARY, 1), (DISCIPLINE_SECRETARY, 1), (KY1, 1), (KY2, 1), (KY4, 1), (KE1, 1)),
    ),
)

STATIONED_UNIT = UnitSpec(STATIONED, "派驻组", ((TEAM_LEADER, 1), (TEAM_DEPUTY, 1), (KY3, 1)))

# Bodies outside the organ: they receive deputies' suggestions and send or receive transferred cadres.
EXTERNAL_UNITS: tuple[tuple[str, str], ...] = (
    ("市发展和改革委员会", "市发改委"),
    ("市财政局", "市财政局"),
    ("市教育局", "市教育局"),
    ("市自然资源和规划局", "市自然资源规划局"),
    ("市生态环境局", "市生态环境局"),
    ("市住房和城乡建设局", "市住建局"),
    ("市农业农村局", "市农业农村局"),
    ("市卫生健康委员会", "市卫健委"),
    ("市中级人民法院", "市中院"),
    ("市人民检察院", "市检察院"),
)

# Slots whose holder reaches 60 inside the two-year window and retires (退休 events, and for the two
# 主任 a chain of promotions into the vacancy).
RETIRING: tuple[tuple[str, Post], ...] = (
    ("农业与农村工作委员会", DIRECTOR),
    ("信访室", DIRECTOR),
    (OFFICE, DY1),
    ("法制工作委员会", DY2),
)

# The leading Party group (党组): (党组职务, Person.post, 行政职务 shown on the group, units 分管).
LEADERS: tuple[tuple[str, Post, str, tuple[str, ...]], ...] = (
    ("secretary", CHAIR, "常委会主任", ("人事代表选举工作委员会", PARTY_COMMITTEE)),
    ("deputy_secretary", VICE_CHAIR, "常委会常务副主任", ("研究室", "财政经济工作委员会", "预算工作委员会")),
    ("member", VICE_CHAIR, "常委会副主任", ("法制工作委员会", "监察和司法工作委员会")),
    ("member", VICE_CHAIR, "常委会副主任", ("教育科学文化卫生工作委员会", "信访室")),
    ("member", VICE_CHAIR, "常委会副主任", ("农业与农村工作委员会", "城乡建设环境与资源保护工作委员会")),
    ("member", VICE_CHAIR, "常委会副主任", ("社会建设工作委员会",)),
    ("member", VICE_CHAIR, "常委会副主任", ("代表联络工作室",)),
    ("member", SECRETARY_GENERAL, "常委会秘书长", (OFFICE,)),
)

# Branches: name → its party groups, each covering whole units. A unit named by two groups (the large
# 办公室) has its people split between them.
BRANCHES: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    (
        "机关第一党支部",
        (
            ("办公室第一党小组", (OFFICE,)),
            ("办公室第二党小组", (OFFICE,)),
            ("机关党委党小组", (PARTY_COMMITTEE,)),
        ),
    ),
    (
        "机关第二党支部",
        (
            ("研究室党小组", ("研究室",)),
            ("法工委党小组", ("法制工作委员会",)),
            ("监司委党小组", ("监察和司法工作委员会",)),
        ),
    ),
    (
        "机关第三党支部",
        (
            ("财经委、预算工委党小组", ("财政经济工作委员会", "预算工作委员会")),
            ("农委、城环资委党小组", ("农业与农村工作委员会", "城乡建设环境与资源保护工作委员会")),
        ),
    ),
    (
        "机关第四党支部",
        (
            ("教科文卫委党小组", ("教育科学文化卫生工作委员会",)),
            ("社建委党小组", ("社会建设工作委员会",)),
        ),
    ),
    (
        "机关第五党支部",
        (
            ("人代选工委党小组", ("人事代表选举工作委员会",)),
            ("代表联络室、信访室党小组", ("代表联络工作室", "信访室")),
        ),
    ),
)
