"""Protected spans of the wrong-character layer (protect.py, data/protected.json)."""

import time

from qinglian.proofread import protect
from qinglian.proofread.dataload import load_json


def covered(text, frag, whitelist=()):
    start = text.index(frag)
    mask = protect.protected_mask(text, whitelist)
    return all(mask[start : start + len(frag)])


def test_names_next_to_titles():
    assert covered("陈吉宁同志主持会议。", "陈吉宁")
    assert covered("会议由王伟书记主持。", "王伟")
    assert covered("市人大常委会主任李建国出席。", "李建国")
    assert covered("欧阳明高副主任讲话。", "欧阳明高")


def test_name_lists():
    assert covered("出席：张晓明、李华、王建军、赵丽", "张晓明、李华、王建军、赵丽")


def test_document_numbers_titles_units_addresses():
    assert covered("根据京政办发〔2022〕74号文件精神", "京政办发〔2022〕74号")
    assert not covered("依照《中华人民共和国监督法》规定", "监督法")  # a wrong title is an error
    assert covered("由市人大常委会人代选工委负责", "人代选工委")
    assert not covered("疫情防控指辉部办公室", "指辉部")
    assert covered("地址：中山路18号", "中山路18号")


def test_element_names_in_lists_and_compounds():
    assert covered("要有计划地安排钨、钼、锡、铝、铜等有色金属", "钨、钼、锡、铝、铜")
    assert covered("发展钨钼深加工", "钨钼")
    assert covered("江西的钨矿", "钨矿")
    assert not covered("钨的产量", "钨的")  # an element alone is an ordinary word


def test_names_in_brackets_and_villages():
    assert covered("作出了上述调整。（王薇）", "王薇")
    assert covered("园位于宁波市鄞州区章水镇樟村，肇始于1944年", "樟村")
    assert covered("安吉县上墅乡一件持续多年的村民纠纷", "上墅乡")


def test_vocabulary_and_whitelist():
    for term in (
        "正风肃纪",
        "纠治",
        "赋能",
        "以学增智",
        "以学铸魂",
        "凝心铸魂",
        "巡察",
        "委室",
        "一岗双责",
        "三重一大",
    ):
        assert covered(f"要坚持{term}。", term), term
    assert not covered("大力发展大数局产业", "大数局")
    assert covered("大力发展大数局产业", "大数局", whitelist=("大数局",))


def test_ordinary_text_is_not_protected():
    text = "各部门要加强大数据建设，推动高质量发展。"
    assert not any(protect.protected_mask(text)[text.index("大数据") : text.index("大数据") + 3])


def test_positions_match_the_whole_text_mask():
    text = "陈吉宁同志指出，要坚持正风肃纪，依照京办发〔2022〕74号执行，张三、李四、王五参加。\n大数局产业"
    mask = protect.protected_mask(text)
    assert protect.protected_positions(text, range(len(text))) == {k for k in range(len(text)) if mask[k]}


def test_data_is_versioned_and_sourced():
    data = load_json("protected")
    assert data["version"]
    assert len(data["terms"]) >= 300
    assert all(e["term"] and e["source"] for e in data["terms"])
    assert data["surnames"]["source"] and data["titles"]["source"]


def test_fast_enough():
    text = "各级人民代表大会常务委员会依法行使监督职权，陈吉宁同志出席会议。\n" * 20000
    protect.protected_mask("预热")
    t = time.perf_counter()
    protect.protected_mask(text)
    assert len(text.encode()) / (time.perf_counter() - t) > 1_000_000  # well above the layer's need
