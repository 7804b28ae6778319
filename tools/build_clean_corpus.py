"""Rebuild qinglian/proofread/eval/clean/ — real, error-free official text for measuring false alarms.

    .venv/bin/python tools/build_clean_corpus.py            # writes heldout/, dev/ and SOURCES.md
    .venv/bin/python tools/build_clean_corpus.py --check    # rebuilds in memory, fails if the tree differs

Every byte of body text comes from a pinned commit of a public git repository read with `git show`; nothing is
typed in by hand. The sources must be on this machine as bare mirrors (the library tool `fetch` puts them under
/work/.mirror/): LawRefBook/Laws (laws and local regulations, one markdown file each) and
computational-class/cjc (data/gov_reports1954-2019.txt, one government work report per line, as scraped from
Xinhua/People's Daily releases). What this script does to the text, and only this:

- laws: the lines before `<!-- INFO END -->` (title repeat and adoption notes, which the mirror keeps with
  unbalanced brackets) are dropped except the title (its line-break space removed); markdown heading marks (#)
  and bold marks (**) are removed; blank lines between paragraphs are dropped (one paragraph per line); where
  the mirror glued the next item or article onto a paragraph with a space ("……工作； （五）提出") the
  paragraph is split there; the ASCII spaces the mirror put where the print has full-width ones ("第一条 为了",
  "第六章 附 则") become U+3000 again, and ASCII , ; : ( ) left by the scrape between Chinese words become
  the print's full-width marks.
- work reports: paragraphs are split at the scrape's indent runs (full-width spaces, tabs); lines that are
  not the report (photo captions, Xinhua datelines, the newspaper imprint, the 2012 glossary appended by
  Xinhua) are dropped; ASCII/no-break spaces that the scrape left inside a sentence (e.g. "23%、 15%") are
  removed — official Chinese text never has them; the newspaper's full-width decimal point ("47．2万亿元", 2012
  and 2013) becomes "." as in the government's own release. Each change is counted in SOURCES.md.

Second round (dev additions and heldout2/), same sources, same kind of handling:

- earlier work reports (1978-1981, 1990, 2009: the only lines of the source from before 2012 without GBK
  mojibake or private-use characters): the website's page label ("1978年政府工作报告") glued before the title
  is dropped; the subtitle ("——1978年2月26日在……") and the salutation ("各位代表！") glued to the title and
  signature are split off; the database's stray column markers ("（⑴⑶）", three in all) are deleted; "○"
  (U+25CB, which GB2312 used for want of the numeral) inside a Chinese-numeral year becomes "〇" (U+3007);
  ASCII parentheses around Chinese (2009) become full-width; stray spaces are removed as above. The digits
  stay as printed (full-width in the 1980s).
- more pages of the school site: only the paragraphs between the listed bounds (the site's own header,
  "来源：" lines, the editor's line and "延伸阅读" links are outside); the ASCII spaces of the reprint become
  the print's full-width space after an article number ("第一条 为了"), after a Xinhua dateline, inside a
  short heading ("前  言") and between the clauses of an adoption note; any other space inside a sentence is
  removed; ASCII , ; : ( ) between Chinese words become full-width.

heldout/ and heldout2/ are read only by the benchmark: never tune the engine on them, never train anything
shipped with them. heldout2/ is kept for a later round: nobody reads it, and its figures are not looked at
until the engine's authors ask for a fresh measurement.
"""

from __future__ import annotations

import argparse
import html
import itertools
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "qinglian" / "proofread" / "eval" / "clean"
SPLITS = ("heldout", "heldout2", "dev")

LAWS_GIT = Path("/work/.mirror/LawRefBook+Laws/repo")
LAWS_REPO = "LawRefBook/Laws"
LAWS_COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
CJC_GIT = Path("/work/.mirror/computational-class+cjc/repo")
CJC_REPO = "computational-class/cjc"
CJC_COMMIT = "1569ce7a7a85571bd2e399ab20fb950d7f8963b2"
CJC_PATH = "data/gov_reports1954-2019.txt"
SX_GIT = Path("/work/.mirror/tangyixiao+Shaoxingyizhong/repo")
SX_REPO = "tangyixiao/Shaoxingyizhong"
SX_COMMIT = "a73197e4a216b404e2b864f258c4c9b653dba4c8"

# (split, genre, folder, file stem) in LawRefBook/Laws; a province name as folder means its DLC folder.
# Provinces are split whole: 浙江/山东/重庆 -> heldout, 北京/上海/河南/广东 -> dev, so no province's regulations are
# on both sides.
LAWS: list[tuple[str, str, str, str]] = [
    ("heldout", "法律", "宪法相关法", "立法法(2023-03-13)"),
    ("heldout", "法律", "宪法相关法", "地方各级人民代表大会和地方各级人民政府组织法(2022-03-11)"),
    ("heldout", "法律", "宪法相关法", "监察法(2024-12-25)"),
    ("heldout", "法律", "宪法相关法", "各级人民代表大会常务委员会监督法(2024-11-08)"),
    ("dev", "法律", "宪法相关法", "全国人民代表大会和地方各级人民代表大会代表法(2025-03-11)"),
    ("dev", "法律", "宪法相关法", "全国人民代表大会和地方各级人民代表大会选举法(2020-10-17)"),
    ("dev", "法律", "宪法相关法", "全国人民代表大会组织法(2021-03-11)"),
    ("dev", "法律", "宪法相关法", "公职人员政务处分法(2020-06-20)"),
    ("dev", "法律", "宪法相关法", "全国人民代表大会议事规则(2021-03-11)"),
    ("dev", "法律", "行政法", "全国人民代表大会常务委员会议事规则(2022-06-24)"),
    ("heldout", "地方性法规", "浙江", "浙江省各级人民代表大会常务委员会讨论决定重大事项的规定(2018-07-27)"),
    ("heldout", "地方性法规", "浙江", "浙江省人民代表大会代表建议、批评和意见办理的规定(2016-05-27)"),
    ("heldout", "地方性法规", "浙江", "浙江省人民代表大会常务委员会议事规则(2020-11-27)"),
    ("heldout", "地方性法规", "浙江", "浙江省各级人民代表大会常务委员会监督条例(2008-11-28)"),
    ("heldout", "地方性法规", "浙江", "浙江省乡镇人民代表大会工作条例(2016-07-29)"),
    ("heldout", "地方性法规", "山东", "山东省人民代表大会代表建议、批评和意见办理工作条例(2017-05-19)"),
    ("heldout", "地方性法规", "山东", "山东省人民代表大会常务委员会讨论决定重大事项的规定(2018-11-30)"),
    ("heldout", "地方性法规", "山东", "山东省各级人民代表大会常务委员会规范性文件备案审查规定(2017-07-28)"),
    ("heldout", "地方性法规", "山东", "济南市人民代表大会常务委员会讨论决定重大事项的规定(2019-07-26)"),
    ("heldout", "地方性法规", "山东", "青岛市人民代表大会代表建议、批评和意见工作条例(2021-07-29)"),
    ("heldout", "地方性法规", "重庆", "重庆市人民代表大会代表建议批评和意见工作条例(2017-11-30)"),
    ("heldout", "地方性法规", "重庆", "重庆市人民代表大会常务委员会议事规则(2023-03-30)"),
    ("dev", "地方性法规", "北京", "北京市各级人民代表大会常务委员会规范性文件备案审查条例(2024-09-27)"),
    ("dev", "地方性法规", "北京", "北京市人民代表大会代表建议、批评和意见办理条例(2014-01-22)"),
    ("dev", "地方性法规", "北京", "北京市人民代表大会常务委员会议事规则(2010-12-23)"),
    (
        "dev",
        "地方性法规",
        "北京",
        "北京市各级人民代表大会常务委员会听取和审议人民政府、人民法院和人民检察院专项工作报告办法",
    ),
    ("dev", "地方性法规", "北京", "关于市人民政府向市人民代表大会常务委员会报告重大事项的若干规定"),
    ("dev", "地方性法规", "上海", "上海市人民代表大会常务委员会规范性文件备案审查条例(2024-11-28)"),
    ("dev", "地方性法规", "上海", "上海市人民代表大会专门委员会工作条例(2020-09-25)"),
    ("dev", "地方性法规", "上海", "上海市人民代表大会议事规则"),
    ("dev", "地方性法规", "上海", "上海市人民建议征集若干规定(2021-06-23)"),
    ("dev", "地方性法规", "河南", "河南省人民代表大会代表建议、批评和意见办理办法(2017-07-28)"),
    ("dev", "地方性法规", "河南", "河南省人民代表大会常务委员会讨论、决定重大事项的规定"),
    ("dev", "地方性法规", "河南", "河南省实施《各级人民代表大会常务委员会监督法》办法(2015-10-22)"),
    ("dev", "地方性法规", "河南", "洛阳市人民代表大会及其常务委员会地方立法程序规定(2001-04-18)"),
    ("dev", "地方性法规", "广东", "广东省人民代表大会常务委员会议事规则(2023-03-30)"),
    ("dev", "地方性法规", "广东", "广东省人民代表大会议事规则(2022-01-22)"),
    ("dev", "地方性法规", "广东", "广东省各级人民代表大会常务委员会人事任免办法(2022-07-28)"),
    ("dev", "地方性法规", "广东", "深圳市人民代表大会常务委员会任免国家机关工作人员条例(2022-12-08)"),
    ("dev", "地方性法规", "北京", "北京市人民代表大会议事规则(2022-01-10)"),
    ("dev", "地方性法规", "北京", "北京市实施《全国人民代表大会和地方各级人民代表大会代表法》办法(2014-01-22)"),
    # heldout2 takes no laws: the mirror holds local regulations of no other province, and the national laws
    # that neither split uses are in the wrong-character model's training text (tools/train_proofread_lm.py).
]

# Government work reports (all heldout). year -> (date delivered, session, premier). 2008, 2010 and 2011 are
# left out: their lines in the source are mojibake; 2009 has spaces scattered through numbers ("30 万亿元").
REPORTS: dict[str, tuple[str, str, str]] = {
    "2012": ("2012-03-05", "第十一届全国人民代表大会第五次会议", "温家宝"),
    "2013": ("2013-03-05", "第十二届全国人民代表大会第一次会议", "温家宝"),
    "2014": ("2014-03-05", "第十二届全国人民代表大会第二次会议", "李克强"),
    "2015": ("2015-03-05", "第十二届全国人民代表大会第三次会议", "李克强"),
    "2016": ("2016-03-05", "第十二届全国人民代表大会第四次会议", "李克强"),
    "2017": ("2017-03-05", "第十二届全国人民代表大会第五次会议", "李克强"),
    "2018": ("2018-03-05", "第十三届全国人民代表大会第一次会议", "李克强"),
    "2019": ("2019-03-05", "第十三届全国人民代表大会第二次会议", "李克强"),
}

# Central Party documents and speeches, reprinted verbatim (from Xinhua / gov.cn, as each page says) in the
# weekly study column of 绍兴市第一中学's website, mirrored in SX_REPO as Item/<id>.aspx. All heldout.
# (item, genre, title, issuing body, date, indexes of paragraphs that are not the document, origin named by the
# page): 16383 opens with Xinhua's headline; 16583's adoption note lost the print's brackets, so it is left out.
PAGES: list[tuple[str, str, str, str, str, tuple[int, ...], str]] = [
    (
        "20137",
        "党的文件",
        "中共中央关于进一步全面深化改革　推进中国式现代化的决定",
        "中国共产党第二十届中央委员会第三次全体会议",
        "2024-07-18",
        (),
        "中国政府网",
    ),
    (
        "22230",
        "党的文件",
        "中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
        "中国共产党第二十届中央委员会第四次全体会议",
        "2025-10-23",
        (),
        "新华社",
    ),
    ("16890", "党的文件", "中共中央关于认真学习宣传贯彻党的二十大精神的决定", "中共中央", "2022-10-29", (), "新华社"),
    (
        "21022",
        "党的文件",
        "中共中央　国务院关于进一步深化农村改革　扎实推进乡村全面振兴的意见",
        "中共中央、国务院",
        "2025-01-01",
        (),
        "新华社",
    ),
    (
        "21664",
        "通知与党内法规",
        "中共中央、国务院印发《党政机关厉行节约反对浪费条例》（新华社通稿及条例全文）",
        "中共中央、国务院",
        "2025-05-02",
        (),
        "新华社",
    ),
    ("16583", "党内法规", "中国共产党章程", "中国共产党第二十次全国代表大会（部分修改）", "2022-10-22", (1,), "新华社"),
    (
        "16383",
        "党代会报告",
        "高举中国特色社会主义伟大旗帜　为全面建设社会主义现代化国家而团结奋斗（第一部分）",
        "习近平代表第十九届中央委员会在中国共产党第二十次全国代表大会上所作",
        "2022-10-16",
        (0,),
        "新华社直播实录",
    ),
    ("9545", "讲话", "在庆祝改革开放40周年大会上的讲话", "习近平", "2018-12-18", (), "页面未注明"),
    (
        "8698",
        "讲话",
        "在中国科学院第十九次院士大会、中国工程院第十四次院士大会上的讲话",
        "习近平",
        "2018-05-28",
        (),
        "页面未注明",
    ),
    ("9680", "讲话", "在纪念刘少奇同志诞辰120周年座谈会上的讲话", "习近平", "2018-11-23", (), "页面未注明"),
]
SOURCE_LINE = re.compile(r"^（来源：[^）]*）$")

# Work reports before 2012 (dev): year -> (split, date delivered, session, speaker). These are
# the only lines of the source from before 2012 free of mojibake and private-use characters, apart from the
# 1950s-1970s reports (1956 has placeholders for missing glyphs, 1959 lost words around its applause notes,
# 1964 is an abstract) which are left out as unlike today's text.
OLD_REPORTS: dict[str, tuple[str, str, str, str]] = {
    "1979": ("dev", "1979-06-18", "第五届全国人民代表大会第二次会议", "国务院总理华国锋"),
    "1980": ("dev", "1980-08-30", "第五届全国人民代表大会第三次会议", "国务院副总理兼国家计划委员会主任姚依林"),
    "1981": ("dev", "1981-11-30", "第五届全国人民代表大会第四次会议", "国务院总理赵紫阳"),
    # 1978, 1990 and 2009 are dev, not heldout2: the wrong-character and structure checks were already tuned
    # on every readable report before 2012 when heldout2 was drawn, so they cannot measure anything held out.
    "1978": ("dev", "1978-02-26", "第五届全国人民代表大会第一次会议", "国务院总理华国锋"),
    "1990": ("dev", "1990-03-20", "第七届全国人民代表大会第三次会议", "国务院总理李鹏"),
    "2009": ("dev", "2009-03-05", "第十一届全国人民代表大会第二次会议", "国务院总理温家宝"),
}
# The People's Daily database's column markers, e.g. "。（⑴⑶）" between two sentences of the 1980 report.
COLUMN_MARK = re.compile(r"（[\u2474-\u2487]+）|[\u2474-\u2487]{2,}")
CIRCLE_ZERO = re.compile(r"(?<=[〇一二三四五六七八九])○|○(?=[〇一二三四五六七八九○]*年)")

# More pages of the school site (dev and heldout2), each a document the first round did not take.
# (item, split, genre, title, issuing body, date, first and end paragraph, paragraphs skipped, origin named by
# the page). The bounds leave out the site's own header and trailer; 15907 (Zhejiang's 2022 Party congress
# report) is left out because the reprint has a Cyrillic "Ш" for the Roman numeral in "Ⅲ类水体".
PAGES2: list[tuple[str, str, str, str, str, str, int, int | None, tuple[int, ...], str]] = [
    (
        "14226",
        "dev",
        "党内法规",
        "中国共产党纪律处分条例（2018年修订）",
        "中共中央",
        "2018-10-01",
        0,
        None,
        (),
        "页面未注明",
    ),
    (
        "17855",
        "dev",
        "讲话",
        "在学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话",
        "习近平、蔡奇（总结讲话）",
        "2023-04-03",
        0,
        None,
        (),
        "共产党员网",
    ),
    ("13144", "dev", "讲话", "在党史学习教育动员大会上的讲话", "习近平", "2021-02-20", 2, None, (), "页面未注明"),
    ("14157", "dev", "讲话", "在纪念辛亥革命110周年大会上的讲话", "习近平", "2021-10-09", 0, None, (), "页面未注明"),
    (
        "14416",
        "dev",
        "党的文件",
        "中国共产党第十九届中央委员会第六次全体会议公报",
        "中国共产党第十九届中央委员会第六次全体会议",
        "2021-11-11",
        0,
        None,
        (),
        "页面未注明",
    ),
    (
        "17392",
        "dev",
        "党的文件",
        "中国共产党第二十届中央委员会第二次全体会议公报",
        "中国共产党第二十届中央委员会第二次全体会议",
        "2023-02-28",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "10011",
        "dev",
        "党的文件",
        "中共中央关于加强党的政治建设的意见",
        "中共中央",
        "2019-01-31",
        1,
        60,
        (2,),
        "共产党员网",
    ),
    (
        "15850",
        "heldout2",
        "党的文件",
        "中国共产党党内法规体系",
        "中共中央办公厅法规局",
        "2021-07",
        0,
        None,
        (),
        "共产党员网",
    ),
    (
        "17311",
        "heldout2",
        "党的文件",
        "中共中央　国务院关于做好2023年全面推进乡村振兴重点工作的意见",
        "中共中央、国务院",
        "2023-01-02",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "17897",
        "heldout2",
        "党的文件",
        "中共中央关于在全党深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育的意见",
        "中共中央",
        "2023-04",
        0,
        None,
        (),
        "共产党员网",
    ),
    (
        "16327",
        "heldout2",
        "党的文件",
        "关于加强新时代高技能人才队伍建设的意见（新华社通稿及意见全文）",
        "中共中央办公厅、国务院办公厅",
        "2022-10",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "21620",
        "heldout2",
        "党的文件",
        "党的十八大以来深入贯彻中央八项规定精神的成效和经验",
        "中央党的建设工作领导小组",
        "2025-06",
        0,
        None,
        (),
        "页面未注明",
    ),
    (
        "22231",
        "heldout2",
        "党的文件",
        "中国共产党第二十届中央委员会第四次全体会议公报",
        "中国共产党第二十届中央委员会第四次全体会议",
        "2025-10-23",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "20114",
        "heldout2",
        "党的文件",
        "中国共产党第二十届中央委员会第三次全体会议公报（转载页缺开头两段）",
        "中国共产党第二十届中央委员会第三次全体会议",
        "2024-07-18",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "19253",
        "heldout2",
        "党的文件",
        "中国共产党第二十届中央纪律检查委员会第三次全体会议公报",
        "中国共产党第二十届中央纪律检查委员会第三次全体会议",
        "2024-01-10",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "9643",
        "heldout2",
        "通知与党内法规",
        "中共中央办公厅印发《干部人事档案工作条例》（新华社通稿及条例全文）",
        "中共中央办公厅",
        "2018-11",
        0,
        None,
        (),
        "页面未注明",
    ),
    (
        "10167",
        "heldout2",
        "通知与党内法规",
        "中共中央印发《中国共产党党员教育管理工作条例》（新华社通稿及条例全文）",
        "中共中央",
        "2019-05",
        0,
        106,
        (),
        "页面未注明",
    ),
    (
        "13124",
        "heldout2",
        "通知与党内法规",
        "中共中央印发《中国共产党党和国家机关基层组织工作条例》（新华社通稿及条例全文）",
        "中共中央",
        "2020-01-05",
        4,
        100,
        (),
        "新华网",
    ),
    (
        "23239",
        "heldout2",
        "党内法规",
        "中国共产党发展党员工作细则（2026年修订）",
        "中共中央办公厅",
        "2026-05-11",
        0,
        None,
        (),
        "页面未注明",
    ),
    ("19382", "heldout2", "党内法规", "党史学习教育工作条例", "中共中央", "2024-02-05", 0, None, (), "新华社"),
    (
        "22154",
        "heldout2",
        "讲话",
        "关于《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》的说明",
        "习近平",
        "2025-10",
        0,
        None,
        (),
        "新华社",
    ),
    (
        "20263",
        "heldout2",
        "讲话",
        "在党的二十届三中全会第二次全体会议上的讲话",
        "习近平",
        "2024-07-18",
        0,
        None,
        (),
        "求是",
    ),
    (
        "17165",
        "heldout2",
        "讲话",
        "为实现党的二十大确定的目标任务而团结奋斗——在党的二十届一中全会上的讲话",
        "习近平",
        "2022-10-23",
        0,
        None,
        (3,),
        "新华社",
    ),
    (
        "15585",
        "heldout2",
        "讲话",
        "在庆祝中国共产主义青年团成立100周年大会上的讲话",
        "习近平",
        "2022-05-10",
        0,
        None,
        (),
        "页面未注明",
    ),
    (
        "22319",
        "heldout2",
        "讲话",
        "在纪念胡耀邦同志诞辰110周年座谈会上的讲话",
        "习近平",
        "2025-11-20",
        0,
        None,
        (),
        "新华社",
    ),
]
PAGE_TRAILER = re.compile(r"^[（(]?(?:信息)?来源：[^）)]*[）)]?$|^[（(]责编：[^）)]*[）)]$")
HEAD_NUMBER = re.compile(r"^(第[一二三四五六七八九十百零]+[编章节条])[ \u00a0]+")
DATELINE = re.compile(r"^(新华社[^\s，。]{2,12}电)[ \u00a0]+")
ADOPTION_NOTE = re.compile(r"^（[^（）]*(?:批准|发布|通过|修订)[^（）]*）$")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff\d）])[ \u00a0]+(?=[\u4e00-\u9fff\d（])")

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")
EVENT = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
ORGAN = re.compile(r"([^\s《\d年月日]*?人民代表大会(?:常务委员会)?)第[一二三四五六七八九十百]+次")
# Paragraphs of the scraped reports that are not the report.
NOT_REPORT = (
    re.compile(r"摄$"),  # photo caption
    re.compile(r"^（?新华社北京\d+月\d+日电）?$"),  # Xinhua dateline
    re.compile(r"^《\s*人民日报\s*》"),  # newspaper imprint
)
MERGED_ITEM = re.compile(r"(?<=[。；：])\s+(?=（[一二三四五六七八九十]+）|第[一二三四五六七八九十百零]+条)")
HALF_PARENS = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")
HALF_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff）])[,;:]|[,;:](?=[\u4e00-\u9fff（])")
FULL = {",": "，", ";": "；", ":": "："}
FULL_DECIMAL = re.compile(r"(?<=\d)．(?=\d)")
STRAY_SPACE = re.compile(r"(?<=\S)[ \u00a0]+(?=\S)")


@dataclass
class Doc:
    split: str
    genre: str
    name: str
    title: str
    body: str
    date: str
    source: str
    note: str = ""

    def text(self) -> str:
        return f"# 来源：{self.title}；{self.body}；{self.date}；{self.source}\n"


def git_show(git_dir: Path, commit: str, path: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(git_dir), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout
    return out.decode("utf-8")


def cjk_count(text: str) -> int:
    return sum(len(CJK.findall(line)) for line in text.splitlines() if not line.startswith("#"))


def adoption(notes: str) -> tuple[str, str, str]:
    """The organ and date of the latest adoption/amendment in the mirror's notes, and who approved it.

    The notes wrap lines mid-sentence and nest dates ("根据2014年12月4日……通过的《决定》修正"), so they are cut at
    every date and each piece is read on its own; a city's regulation is adopted by the city and approved by
    the province, and the approval is reported after the adopting organ.
    """
    organ = date = approved = ""
    starts = [m.start() for m in EVENT.finditer(notes)] + [len(notes)]
    for a, b in itertools.pairwise(starts):
        piece = notes[a:b]
        y, mo, d = EVENT.match(piece).groups()
        if not (o := ORGAN.search(piece)):
            continue
        when = f"{y}-{int(mo):02d}-{int(d):02d}"
        if "批准" in piece:
            approved = f"{when} {o.group(1)}"
        elif any(w in piece for w in ("通过", "修正", "修订")):
            organ, date, approved = o.group(1), when, ""
    return organ, date, approved


def half_to_full(text: str) -> tuple[str, int]:
    """ASCII , ; : ( ) that the mirror's scrape left between Chinese words, as the print's full-width marks."""
    count = 0

    def sub(rx: re.Pattern[str], repl, t: str) -> str:
        nonlocal count
        t, n = rx.subn(repl, t)
        count += n
        return t

    text = sub(HALF_PARENS, lambda m: f"（{m.group(1)}）", text)
    text = sub(HALF_PUNCT, lambda m: FULL[m.group(0)], text)
    return text, count


def decimal_points(text: str) -> tuple[str, int]:
    return FULL_DECIMAL.subn(".", text)


def law_path(folder: str, stem: str) -> str:
    if folder in ("宪法相关法", "行政法"):
        return f"{folder}/{stem}.md"
    return f"DLC/{folder}地方法规/地方性法规/{folder}/{stem}.md"


def law_doc(split: str, genre: str, folder: str, stem: str) -> tuple[Doc, list[str]]:
    path = law_path(folder, stem)
    raw = git_show(LAWS_GIT, LAWS_COMMIT, path)
    head, sep, rest = raw.partition("<!-- INFO END -->")
    if not sep:
        raise SystemExit(f"no INFO END marker in {path}")
    head_lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    title = head_lines[0].lstrip("#").strip()
    organ, date, approved = adoption("".join(head_lines[1:]))
    if not organ:
        raise SystemExit(f"no adopting organ found in {path}: {head_lines}")
    body = organ + (f"（{approved}批准）" if approved else "")
    title = re.sub(r"\s+", "", title)  # a two-line printed title, joined by the mirror with a space
    paras, merged, widened, narrowed = [title], 0, 0, 0
    for line in rest.splitlines():
        line = re.sub(r"<!--.*?-->", "", line).replace("**", "").strip()
        line = re.sub(r"^#+\s*", "", line)
        # the mirror sometimes glued the next item or article onto a paragraph with a space
        pieces = MERGED_ITEM.split(line)
        merged += len(pieces) - 1
        for piece in pieces:
            # "第一条 为了" / "第六章 附 则": the mirror turned the print's full-width spaces into ASCII ones
            piece, n = re.subn(r"[ \u00a0]+", "\u3000", piece.strip())
            widened += n
            piece, n = half_to_full(piece)
            narrowed += n
            if piece:
                paras.append(piece)
    notes = []
    if merged:
        notes.append(f"拆开被空格粘连的条、项 {merged} 处")
    if widened:
        notes.append(f"半角空格恢复为全角空格 {widened} 处")
    if narrowed:
        notes.append(f"中文语境中的半角标点改为全角 {narrowed} 处")
    name = Path(path).stem.replace("(", "_").replace(")", "")
    doc = Doc(
        split,
        genre,
        f"{genre}_{name}.txt",
        title,
        body,
        date,
        f"github {LAWS_REPO}@{LAWS_COMMIT[:7]} {path}",
        "；".join(notes),
    )
    return doc, paras


def report_docs() -> list[tuple[Doc, list[str]]]:
    raw = git_show(CJC_GIT, CJC_COMMIT, CJC_PATH)
    by_year = {}
    for line in raw.split("\n"):
        year, _, text = line.partition("\t")
        by_year[year] = text
    docs = []
    for year, (date, session, premier) in REPORTS.items():
        parts = re.split(r"\t|\u3000{2,}|\u3000\u00a0|\u00a0\u00a0", by_year[year])
        paras, dropped, spaces, decimals = [], 0, 0, 0
        for p in parts:
            p = p.strip(" \u3000\u00a0")
            if not p:
                continue
            if p == "附注：":  # 2012: Xinhua's glossary follows the report
                break
            if any(rx.search(p) for rx in NOT_REPORT):
                dropped += 1
                continue
            # The scrape glued the signature to the salutation in 2014: "国务院总理 李克强各位代表："
            pieces = [p]
            if p.endswith("各位代表：") and p != "各位代表：":
                pieces = [p[: -len("各位代表：")].strip(" \u3000\u00a0"), "各位代表："]
            for p in pieces:
                if p.startswith("国务院总理"):
                    # the signature's gap is layout, not a stray space: the print's full-width space
                    p = re.sub(r"[ \u00a0\u3000]+", "\u3000", p)
                else:
                    p, n = STRAY_SPACE.subn("", p)
                    spaces += n
                p, n = decimal_points(p)
                decimals += n
                paras.append(p)
        notes = []
        if dropped:
            notes.append(f"删去非报告段落 {dropped} 段")
        if spaces:
            notes.append(f"删去句内多余空格 {spaces} 处")
        if decimals:
            notes.append(f"报纸排版的全角小数点改为“.” {decimals} 处")
        note = "；".join(notes)
        doc = Doc(
            "heldout",
            "政府工作报告",
            f"政府工作报告_{year}.txt",
            f"{year}年政府工作报告",
            f"国务院（国务院总理{premier}在{session}上所作）",
            date,
            f"github {CJC_REPO}@{CJC_COMMIT[:7]} {CJC_PATH} 中 {year} 年一行（新华社播发稿）",
            note,
        )
        docs.append((doc, paras))
    return docs


def old_report_docs() -> list[tuple[Doc, list[str]]]:
    raw = git_show(CJC_GIT, CJC_COMMIT, CJC_PATH)
    by_year = dict(line.partition("\t")[::2] for line in raw.split("\n"))
    docs = []
    for year, (split, date, session, speaker) in OLD_REPORTS.items():
        parts = re.split(r"\t|\u3000{2,}|\u3000\u00a0|\u00a0\u00a0", by_year[year])
        parts = [p.strip(" \u3000\u00a0") for p in parts]
        parts = [p for p in parts if p]
        counts = dict.fromkeys(("label", "dropped", "spaces", "marks", "zeros", "narrowed"), 0)
        paras: list[str] = []
        for i, p in enumerate(parts):
            if i < 2 and (label := re.match(rf"{year}年(?:国务院)?政府工作报告", p)):
                # the website's page label, glued to the title and subtitle of the print
                counts["label"] += 1
                p = p[label.end() :]
            pieces = [p]
            if i < 2 and re.search(r"——[\d０-９]", p):
                title, dash, sub = p.partition("——")
                pieces = [title, dash + sub]
            elif p.startswith("国务院") and re.search(r".各位代表[！：]$", p):
                # the signature glued to the salutation: "国务院总理华国锋各位代表！"
                pieces = [p[: -len("各位代表！")], p[-len("各位代表！") :]]
            for piece in pieces:
                if not piece:
                    continue
                if any(rx.search(piece) for rx in NOT_REPORT):
                    counts["dropped"] += 1
                    continue
                piece, n = STRAY_SPACE.subn("", piece)
                counts["spaces"] += n
                piece, n = COLUMN_MARK.subn("", piece)
                counts["marks"] += n
                piece, n = CIRCLE_ZERO.subn("〇", piece)
                counts["zeros"] += n
                piece, n = half_to_full(piece)
                counts["narrowed"] += n
                paras.append(piece)
        labels = {
            "label": "删去网页标题“{year}年政府工作报告” {n} 处",
            "dropped": "删去非报告段落 {n} 段",
            "spaces": "删去句内多余空格 {n} 处",
            "marks": "删去数据库版面标记（如“（⑴⑶）”） {n} 处",
            "zeros": "年份中的“○”（U+25CB）改为“〇”（U+3007） {n} 处",
            "narrowed": "中文语境中的半角标点改为全角 {n} 处",
        }
        note = "；".join(labels[k].format(year=year, n=n) for k, n in counts.items() if n)
        doc = Doc(
            split,
            "政府工作报告",
            f"政府工作报告_{year}.txt",
            f"{year}年政府工作报告",
            f"国务院（{speaker}在{session}上所作）",
            date,
            f"github {CJC_REPO}@{CJC_COMMIT[:7]} {CJC_PATH} 中 {year} 年一行",
            note,
        )
        docs.append((doc, paras))
    return docs


def page2_spaces(p: str) -> tuple[str, int, int]:
    """The reprint's ASCII spaces: full-width where the print has a gap, removed inside a sentence."""
    p, widened = HEAD_NUMBER.subn("\\1\u3000", p)
    p, n = DATELINE.subn("\\1\u3000", p)
    widened += n
    if len(re.sub(r"[ \u00a0]", "", p)) <= 8 or ADOPTION_NOTE.match(p):
        # a short heading ("前  言") or the clauses of an adoption note: the print's full-width gaps
        p, n = re.subn(r"[ \u00a0]", "\u3000", p)
        widened += n
    p, removed = STRAY_SPACE.subn("", p)
    return p, widened, removed


def page2_docs() -> list[tuple[Doc, list[str]]]:
    docs = []
    for item, split, genre, title, organ, date, first, end, skip, origin in PAGES2:
        paras = page_paragraphs(item)
        paras = [p for i, p in enumerate(paras[:end]) if i >= first and i not in skip]
        while paras and PAGE_TRAILER.match(paras[-1]):
            paras.pop()
        joined: list[str] = []
        widened = removed = narrowed = 0
        for p in paras:
            p, w, r = page2_spaces(p)
            widened, removed = widened + w, removed + r
            p, n = half_to_full(p)
            narrowed += n
            # the print breaks an adoption note inside its brackets; one paragraph per line would leave them open
            if joined and joined[-1].count("（") > joined[-1].count("）"):
                joined[-1] += "\u3000" + p
            else:
                joined.append(p)
        notes = [f"取页面第 {first + 1} 段起" + (f"至第 {end} 段" if end else "至末尾") + "的正文（conTxt）"]
        if skip:
            notes.append("另去非正文段 " + "、".join(f"第 {i + 1} 段" for i in skip))
        notes.append("去 HTML 标签与文末来源行")
        if widened:
            notes.append(f"半角空格恢复为全角空格 {widened} 处")
        if removed:
            notes.append(f"删去句内多余空格 {removed} 处")
        if narrowed:
            notes.append(f"中文语境中的半角标点改为全角 {narrowed} 处")
        doc = Doc(
            split,
            genre,
            f"{genre}_{re.sub(r'[（）《》　、，—]', '', title)[:40]}.txt",
            title,
            organ,
            date,
            f"github {SX_REPO}@{SX_COMMIT[:7]} Item/{item}.aspx（绍兴市第一中学网站“学习专栏”转载，原载：{origin}）",
            "；".join(notes),
        )
        docs.append((doc, joined))
    return docs


def page_paragraphs(item: str) -> list[str]:
    raw = git_show(SX_GIT, SX_COMMIT, f"Item/{item}.aspx")
    body = raw.split('<div class="conTxt">', 1)[1]
    body = re.split(r"<!--endprint-->", body, maxsplit=1)[0]
    body = re.sub(r"(?is)<(script|style).*?</\1>", "", body)
    body = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</li>|</tr>", "\n", body)
    body = html.unescape(html.unescape(re.sub(r"<[^>]+>", "", body)))
    paras = [ln.strip(" \t\r\u3000\u00a0") for ln in body.split("\n")]
    return [p for p in paras if p]


def page_docs() -> list[tuple[Doc, list[str]]]:
    docs = []
    for item, genre, title, organ, date, skip, origin in PAGES:
        paras = [p for i, p in enumerate(page_paragraphs(item)) if i not in skip]
        while paras and SOURCE_LINE.match(paras[-1]):
            paras.pop()
        # the print breaks the adoption note inside its brackets; one paragraph per line would leave them open
        joined: list[str] = []
        spaced = 0
        for p in paras:
            # a title's gap between joint issuers or clauses ("中共中央 国务院关于……") is a full-width space in print
            p, n = re.subn(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "\u3000", p)
            spaced += n
            if joined and joined[-1].count("（") > joined[-1].count("）"):
                joined[-1] += "\u3000" + p
            else:
                joined.append(p)
        doc = Doc(
            "heldout",
            genre,
            f"{genre}_{re.sub(r'[（）《》　、，]', '', title)[:40]}.txt",
            title,
            organ,
            date,
            f"github {SX_REPO}@{SX_COMMIT[:7]} Item/{item}.aspx"
            f"（绍兴市第一中学网站“每周一学”等栏目转载，原载：{origin}）",
            "取页面正文（conTxt），去 HTML 标签与文末来源行"
            + (f"；标题中的半角空格改为全角 {spaced} 处" if spaced else ""),
        )
        docs.append((doc, joined))
    return docs


def build() -> dict[Path, str]:
    files: dict[Path, str] = {}
    rows = []
    items = [law_doc(*spec) for spec in LAWS] + report_docs() + page_docs() + old_report_docs() + page2_docs()
    for doc, paras in items:
        content = doc.text() + "\n".join(paras) + "\n"
        files[OUT / doc.split / doc.name] = content
        rows.append((doc, cjk_count(content)))
    files[OUT / "SOURCES.md"] = sources_md(rows)
    return files


def sources_md(rows: list[tuple[Doc, int]]) -> str:
    out = [
        "# 干净语料来源清单",
        "",
        "由 `tools/build_clean_corpus.py` 生成，勿手改。每个文件首行 `# 来源：标题；制定/发布机关；日期；取得途径`，",
        "正文逐字取自下列固定提交，仅做脚本文档串所列的格式处理（去 markdown 标记、按段落分行、删去非正文段落与",
        "抓取时混入的句内空格）。CJK 字数不含首行。",
        "",
        "`heldout/` 与 `heldout2/` 只供基准测试读取，不得据以调整引擎或训练模型；`heldout2/` 留待下一轮评测。",
        "",
    ]
    totals: dict[tuple[str, str], int] = {}
    for split in SPLITS:
        out += [
            f"## {split}/",
            "",
            "| 文件 | 标题 | 机关 | 日期 | 来源 | CJK 字数 | 处理 |",
            "|---|---|---|---|---|---:|---|",
        ]
        for doc, n in rows:
            if doc.split != split:
                continue
            totals[(split, doc.genre)] = totals.get((split, doc.genre), 0) + n
            out.append(
                f"| {doc.name} | {doc.title} | {doc.body} | {doc.date or '—'} | {doc.source} | {n} "
                f"| {doc.note or '—'} |"
            )
        out.append("")
    out += ["## 合计", "", "| 部分 | 体裁 | 文件数 | CJK 字数 |", "|---|---|---:|---:|"]
    for split in SPLITS:
        for (s, genre), n in totals.items():
            if s == split:
                count = sum(1 for d, _ in rows if d.split == s and d.genre == genre)
                out.append(f"| {split} | {genre} | {count} | {n} |")
        n_split = sum(n for (s, _), n in totals.items() if s == split)
        count = sum(1 for d, _ in rows if d.split == split)
        out.append(f"| **{split}** | 合计 | {count} | {n_split} |")
    out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the corpus on disk differs from a rebuild")
    args = parser.parse_args()
    files = build()
    if args.check:
        on_disk = {p for p in OUT.rglob("*") if p.is_file() and p.name != "README.md"}
        bad = [p for p, t in files.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        bad += sorted(on_disk - set(files))
        for p in bad:
            print(f"differs: {p.relative_to(ROOT)}")
        return 1 if bad else 0
    for sub in SPLITS:
        for old in (OUT / sub).glob("*.txt"):
            old.unlink()
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print((OUT / "SOURCES.md").read_text(encoding="utf-8").split("## 合计", 1)[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
