"""The choices of the 八项规定 ledgers and standard tables (English values, Chinese labels)."""

from django.db import models


class Ledger(models.TextChoices):
    """The finance ledgers a special check, an import and a finding name."""

    RECEPTION = "reception", "公务接待"
    TRAVEL = "travel", "差旅"
    CONFERENCE = "conference", "会议费"
    TRAINING = "training", "培训费"
    CAR = "car", "公务用车"
    ABROAD = "abroad", "因公临时出国（境）"


class EntrySource(models.TextChoices):
    MANUAL = "manual", "手工录入"
    IMPORTED = "imported", "财务导入"


# --- standard tables ---------------------------------------------------------------------------------------------


class StandardKind(models.TextChoices):
    """The kinds of standard table (标准表). Each kind's keys and values are in standards/specs.py."""

    LODGING = "lodging", "住宿费限额"
    MEAL_ALLOWANCE = "meal_allowance", "伙食补助费"
    LOCAL_TRANSPORT = "local_transport", "市内交通费"
    TRANSPORT_CLASS = "transport_class", "交通工具等级"
    RECEPTION_MEAL = "reception_meal", "公务接待工作餐标准"
    CONFERENCE_RATE = "conference_rate", "会议费综合定额及会期人数"
    TRAINING_RATE = "training_rate", "培训费综合定额"
    LECTURER_FEE = "lecturer_fee", "讲课费标准"
    CAR_CAP = "car_cap", "公务用车配备标准"
    ABROAD_DAYS = "abroad_days", "出访天数上限"


class TravelBand(models.TextChoices):
    """出差人员级别 as the travel tables band it (central: 部级/司局级/其他人员; a province: 省部级/厅局级/其他)."""

    PROVINCIAL = "provincial", "省部级"
    DEPARTMENT = "department", "厅局级（司局级）"
    OTHER = "other", "其他人员"


class TransportMode(models.TextChoices):
    TRAIN = "train", "火车（普速）"
    HIGH_SPEED = "high_speed", "高铁/动车"
    PLANE = "plane", "飞机"
    SHIP = "ship", "轮船"
    OTHER = "other", "其他（客车、自驾等）"


class SeatClass(models.TextChoices):
    """座位/舱位等级. SEAT_LEVEL orders them within a mode (higher is dearer)."""

    TRAIN_SOFT = "train_soft", "火车软席（软座、软卧）"
    TRAIN_HARD = "train_hard", "火车硬席（硬座、硬卧）"
    HSR_BUSINESS = "hsr_business", "高铁商务座"
    HSR_FIRST = "hsr_first", "高铁一等座"
    HSR_SECOND = "hsr_second", "高铁二等座"
    PLANE_FIRST = "plane_first", "飞机头等舱"
    PLANE_BUSINESS = "plane_business", "飞机公务舱"
    PLANE_ECONOMY = "plane_economy", "飞机经济舱"
    SHIP_FIRST = "ship_first", "轮船一等舱"
    SHIP_SECOND = "ship_second", "轮船二等舱"
    SHIP_THIRD = "ship_third", "轮船三等舱"
    OTHER = "other", "其他（凭据报销）"


# Which mode each class belongs to and its level within the mode: a ticket is above entitlement when its level is
# higher than that of the class the table allows for the traveller's band and mode.
SEAT_MODE: dict[str, str] = {
    SeatClass.TRAIN_SOFT: TransportMode.TRAIN,
    SeatClass.TRAIN_HARD: TransportMode.TRAIN,
    SeatClass.HSR_BUSINESS: TransportMode.HIGH_SPEED,
    SeatClass.HSR_FIRST: TransportMode.HIGH_SPEED,
    SeatClass.HSR_SECOND: TransportMode.HIGH_SPEED,
    SeatClass.PLANE_FIRST: TransportMode.PLANE,
    SeatClass.PLANE_BUSINESS: TransportMode.PLANE,
    SeatClass.PLANE_ECONOMY: TransportMode.PLANE,
    SeatClass.SHIP_FIRST: TransportMode.SHIP,
    SeatClass.SHIP_SECOND: TransportMode.SHIP,
    SeatClass.SHIP_THIRD: TransportMode.SHIP,
    SeatClass.OTHER: TransportMode.OTHER,
}
SEAT_LEVEL: dict[str, int] = {
    SeatClass.TRAIN_SOFT: 2,
    SeatClass.TRAIN_HARD: 1,
    SeatClass.HSR_BUSINESS: 3,
    SeatClass.HSR_FIRST: 2,
    SeatClass.HSR_SECOND: 1,
    SeatClass.PLANE_FIRST: 3,
    SeatClass.PLANE_BUSINESS: 2,
    SeatClass.PLANE_ECONOMY: 1,
    SeatClass.SHIP_FIRST: 3,
    SeatClass.SHIP_SECOND: 2,
    SeatClass.SHIP_THIRD: 1,
    SeatClass.OTHER: 0,
}


class GuestLevel(models.TextChoices):
    """接待对象级别, the key of the reception meal table."""

    PROVINCIAL = "provincial", "省部级"
    DEPARTMENT = "department", "厅局级"
    OTHER = "other", "处级及以下"


class MealKind(models.TextChoices):
    WORK = "work", "工作餐"
    SELF = "self", "自行用餐（代订、自付）"
    BANQUET = "banquet", "宴请"


class ConferenceCategory(models.TextChoices):
    """会议分类 (财行〔2016〕214号 Art.6)."""

    ONE = "one", "一类会议"
    TWO = "two", "二类会议"
    THREE = "three", "三类会议"
    FOUR = "four", "四类会议"


class TrainingCategory(models.TextChoices):
    """培训分类: by the participants' level."""

    ONE = "one", "一类培训（省部级）"
    TWO = "two", "二类培训（司局级/厅局级）"
    THREE = "three", "三类培训（处级及以下）"


class CostKind(models.TextChoices):
    """A line of a meeting's or a course's bill."""

    LODGING = "lodging", "住宿费"
    MEALS = "meals", "伙食费"
    VENUE = "venue", "会议室/场地租金"
    MATERIALS = "materials", "资料费"
    TRANSPORT = "transport", "交通费"
    LECTURE = "lecture", "讲课费"
    OTHER = "other", "其他"
    BANQUET = "banquet", "宴请"
    TOUR = "tour", "旅游、参观"
    SOUVENIR = "souvenir", "纪念品"


# Lines that may not appear on a meeting's or a course's bill at all (厉行节约条例; 214号).
BANNED_COSTS = frozenset({CostKind.BANQUET, CostKind.TOUR, CostKind.SOUVENIR})


class LecturerTitle(models.TextChoices):
    ASSOCIATE = "associate", "副高级技术职称"
    SENIOR = "senior", "正高级技术职称"
    ACADEMICIAN = "academician", "院士、全国知名专家"
    OTHER = "other", "其他人员"


class CarType(models.TextChoices):
    """公务用车 kinds (《党政机关公务用车管理办法》Art.3)."""

    CONFIDENTIAL = "confidential", "机要通信用车"
    EMERGENCY = "emergency", "应急保障用车"
    LAW = "law", "执法执勤用车"
    SPECIAL = "special", "特种专业技术用车"
    OTHER = "other", "其他按规定配备的车辆"


class Energy(models.TextChoices):
    FUEL = "fuel", "燃油"
    NEW_ENERGY = "new_energy", "新能源"


class PlanKind(models.TextChoices):
    """A yearly plan the Party group approves."""

    CONFERENCE = "conference", "年度会议计划"
    TRAINING = "training", "年度培训计划"
    ABROAD = "abroad", "年度因公出国（境）计划"


class CheckStatus(models.TextChoices):
    OPEN = "open", "检查中"
    REPORTED = "reported", "已出具报告"


class SampleVerdict(models.TextChoices):
    COMPLIANT = "compliant", "合规"
    PROBLEM = "problem", "问题"
