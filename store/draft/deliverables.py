"""Deliverables: the clauses of a 工作要点 a clerk ticks although they print no date or number.

An annual work plan lists what the bureau will deliver that year: 出台…措施, 制定…方案, 修订《…》,
召开…大会, 开展“…”专项行动, 申报…中心, 争取…试点, 启动…编制, 创建…. Each is due at the end of the
plan's year. The rule is a verb list and the shape of the verb's object, explicitly:

- the clause starts with the verb, optionally after a lead-in that keeps it the bureau's own
  one-off act (系统谋划出台, 研究制定, 适时召开, 力争…); a clause led by someone else's act
  (推动各区县出台…, 指导县区创建…) or by an adverb of ongoing work (深入开展, 持续开展, 扎实开展,
  科学制定) is routine work, not a deliverable;
- the object has the verb's shape: a document (…方案/意见/措施/办法/规则/要点/标准/预案…, or 《title》)
  for 出台/制定/修订/印发/编制; a meeting or event for 召开/举办; a named campaign for 开展 (a quoted
  name, …专项行动, …主题教育, …评选); a centre, pilot or base for 申报/争取; a document being drafted
  for 启动…编制; anything for 创建/建成.

``split_items`` cuts ``完成A、B、C建设`` (long named objects sharing a verb and a tail) into one
deliverable each, as a clerk ticks them one by one.
"""
from __future__ import annotations

import re

_LEAD_IN = (r"(?:并|同时|要|还要|並|同時|還要)?"
            r"(?:系统谋划|统筹谋划|谋划|研究|加快|及时|适时|尽快|牵头|组织|力争|争取|确保|"
            r"系統謀劃|統籌謀劃|謀劃|及時|適時|盡快|牽頭|組織|爭取|確保|年内|年底前|年內|"
            r"(?:联合|聯合)[^，,]{0,12}?(?:部门|部門))?")
_DOCUMENT = (r"(?:方案|意见|措施|办法|规则|细则|要点|标准|规范|制度|政策|规划|计划|指引|指南|清单|目录|条例|规定|"
             r"纲要|预案|名录|导则|通知|意見|辦法|規則|細則|要點|標準|規範|規劃|計劃|清單|目錄|條例|規定|綱要|預案|"
             r"名錄|導則)")
_TRAIL = r"[》”\"）)]*$"
_QUOTED = r"[“\"][^”\"]{2,30}[”\"]"

# (verbs, the shape of the object that follows them)
_RULES: tuple[tuple[str, str], ...] = (
    (r"(?:出台|制定|修订|修改|印发|发布|编制|起草|编印|出臺|製定|修訂|印發|發佈|發布|編制|編印)",
     rf"(?:.{{2,}}{_DOCUMENT}|《.+》){_TRAIL}"),
    (r"(?:召开|举办|举行|承办|召開|舉辦|舉行|承辦)",
     rf".{{2,}}(?:会议|大会|座谈会|推进会|论坛|博览会|展会|活动|比赛|竞赛|大赛|评选|"
     rf"會議|大會|座談會|推進會|論壇|博覽會|展會|活動|比賽|競賽|大賽|評選){_TRAIL}"),
    (r"(?:组织开展|开展|启动|組織開展|開展|啟動)",
     rf"(?:{_QUOTED}(?:.{{0,6}}(?:行动|活动|行動|活動))?|.{{2,}}(?:专项|專項)(?:执法|整治|執法)?(?:行动|行動)|"
     rf".{{2,}}(?:主题教育|主題教育)|.{{2,}}(?:评选|評選)(?:活动|活動)?){_TRAIL}"),
    (r"(?:申报建设|申报|争取|申報建設|申報|爭取)",
     rf".{{2,}}(?:试点|中心|基地|示范区|示范城市|示范县|称号|試點|示範區|示範城市|示範縣|稱號){_TRAIL}"),
    (r"(?:启动|啟動)", rf".{{2,}}(?:编制|修订|起草|制定|編制|修訂|製定){_TRAIL}"),
    (r"(?:创建|建成|創建)", r".{2,}$"),
)
_DELIVERABLE = re.compile("|".join(f"(?:^{_LEAD_IN}{verbs}{shape})" for verbs, shape in _RULES))
_ITEMS = re.compile(r"^(?P<head>(?:推进|加快)?(?:完成|建成))(?P<items>[^，,；;]+?)(?P<tail>建设|改造|升级|验收)?$")
_MIN_ITEM = 6  # 省级、国家级 are qualifiers of one object; 中药公共技术服务平台质量检测实验室 is a thing


def is_deliverable(clause: str) -> bool:
    """Does this clause name something the bureau delivers (see the module's rule)?"""
    return _DELIVERABLE.match(clause.strip()) is not None


def split_items(clause: str) -> list[str]:
    """``推进完成甲实验室、乙中心、丙中心建设`` -> ``完成甲实验室建设``, ``完成乙中心建设``, …;
    the clause itself when its list is not of long named objects."""
    m = _ITEMS.match(clause.strip())
    if m is None or "、" not in m["items"] or "等" in m["items"]:  # A、B等: examples of a kind, one target
        return [clause]
    items = m["items"].split("、")
    if len(items) < 2 or any(len(item) < _MIN_ITEM for item in items):
        return [clause]
    verb = m["head"][-2:]
    return [f"{verb}{item}{m['tail'] or ''}" for item in items]
