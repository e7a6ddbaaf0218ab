"""The words a plan's table header is made of (序号, 重点任务, 牵头单位, 2025年目标 …): how a table is
told from text, wherever it comes from (a text's flattened cells, a workbook's rows)."""
from __future__ import annotations

import re

HEADER_WORDS = {
    "序号", "类别", "指标", "指标名称", "主要指标", "二级指标", "一级指标", "单位", "计量单位", "指标属性", "属性",
    "指标性质", "性质", "项目", "项目名称", "国家级项目名称", "任务", "工作任务", "主要任务", "重点任务",
    "任务内容", "工作内容", "具体任务", "牵头单位", "责任单位", "配合单位", "协办单位", "参与单位", "责任部门",
    "牵头部门", "配合部门", "完成时限", "时间节点", "完成时间", "时限", "进度安排", "名称", "目标", "目标任务",
    "建设地点", "主要建设内容和规模", "建设内容", "总投资(万元)", "总投资", "资金来源", "建设周期", "备注", "领域",
    "分类", "基期值", "目标值", "具体措施", "工作措施", "工作目标", "主要目标", "具体内容",
    "牵头股室", "牵头科室", "牵头处室", "责任股室", "责任科室", "责任处室", "配合股室", "配合科室", "配合处室",
    "协同单位", "责任领导", "分管领导",
}
FRAGMENTS = {  # halves of a header word split over two lines (一级 / 指标)
    "一级", "二级", "责任", "牵头", "配合", "完成", "项目", "主要", "工作", "指标", "名称", "单位", "时限"}
YEAR_COLUMN = re.compile(r"^((?:19|20)\d{2})年?(目标|基数|基期值|目标值|现状|状态|预期|目标任务|预期目标|值)?$")


def squeeze(text: str) -> str:
    """A cell compared as a header word: no spaces, full-width brackets as half-width."""
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def is_header_word(text: str) -> bool:
    word = squeeze(text)
    return word in HEADER_WORDS or bool(YEAR_COLUMN.match(word))
