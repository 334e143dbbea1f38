"""The 2019 trial edition of the national format (国办公开办函〔2019〕60号), declared once, as data.

Reports for the statistics years 2019 and 2020 used it. It differs from the 2021 edition in table 二 and in one row
of table 三 (``format-2021.md`` §5, ``contract-2019.md``); what is the same is imported from the 2021 declaration,
and only what differs is declared here:

- 第二十条第（一）项 counts documents 本年新制作 / 本年新公开 / 对外公开总数量, and its second row reads 规范性文件;
- （五） and （六） have the columns 上一年项目数量 / 本年增/减 (which may be negative) / 处理决定数量, and （五） has a
  second row 其他对外管理服务事项;
- （八） counts fee items (上一年项目数量 / 本年增/减) instead of an amount;
- a fifth sub-table 第二十条第（九）项 政府集中采购: 采购项目数量 / 采购总金额 (an amount in 元);
- in table 三, （六）其他处理 is one row (23 rows, 161 cells).

The upgrade to the 2021 edition (:data:`UPGRADE_TO_2021`) is declared here too, cell by cell.
"""

from __future__ import annotations

from govreport.editions import e2021
from govreport.editions._rules import Messages, RangeRule
from govreport.editions._spec import Block, Column, Edition, Line, Sign, TableSpec
from govreport.editions._upgrade import Carry, Collapse, Entry, Lose, NoSource, Upgrade
from govreport.editions.e2021 import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    GRANTED,
    NOT_PROCESSED,
    NOT_PROCESSED_LINES,
    OUTCOMES,
    OUTCOMES_TOTAL,
    PARTIALLY_GRANTED,
    PD,
    RECEIVED,
    REQUEST_COLUMNS,
    REVIEW_AND_LITIGATION,
    UNAVAILABLE,
    UNAVAILABLE_LINES,
    WITHHELD,
    WITHHELD_LINES,
    outcome_count_rule,
    outcome_total_rule,
    pd_grid,
    requests_grid,
    row_total_rule,
)
from govreport.findings import Severity

NAME = "2019"
NOTICE = "国办公开办函〔2019〕60号"

# --- 二、主动公开政府信息情况 ---------------------------------------------------------------------------

PUBLICATION_COLUMNS = (
    Column(key="produced", label="本年新制作数量", name_en="newly made this year"),
    Column(key="published", label="本年新公开数量", name_en="newly published this year"),
    Column(key="total_published", label="对外公开总数量", name_en="published in total"),
)
PREVIOUS_YEAR_ITEMS = Column(key="previous_year_items", label="上一年项目数量", name_en="items last year", unit="项")
CHANGE = Column(key="change", label="本年增/减", name_en="change this year", kind="signed_count", unit="项")
ITEMS_COLUMNS = (
    PREVIOUS_YEAR_ITEMS,
    CHANGE,
    Column(key="decisions", label="处理决定数量", name_en="decisions"),
)
FEE_ITEMS_COLUMNS = (PREVIOUS_YEAR_ITEMS, CHANGE)
PROCUREMENT_COLUMNS = (
    Column(key="projects", label="采购项目数量", name_en="procurement projects", unit="项"),
    Column(
        key="amount_yuan",
        label="采购总金额",
        name_en="total procurement amount (yuan)",
        kind="amount",
        unit="元",
    ),
)


def _items(key: str, label: str, name_en: str) -> Line:
    return Line(path=(*PD, key), label=label, name_en=name_en, columns=ITEMS_COLUMNS, row_type="ItemsRow")


RULES_LINE = Line(
    path=(*PD, "rules"), label="规章", name_en="rules", columns=PUBLICATION_COLUMNS, row_type="PublicationRow"
)
NORMATIVE_DOCUMENTS = Line(
    path=(*PD, "normative_documents"),
    label="规范性文件",
    name_en="normative documents",
    columns=PUBLICATION_COLUMNS,
    row_type="PublicationRow",
    aliases=("行政规范性文件",),
)
LICENSING = _items("licensing", "行政许可", "administrative licensing")
OTHER_MANAGEMENT_SERVICES = _items("other_management_services", "其他对外管理服务事项", "other external services")
PENALTIES = _items("penalties", "行政处罚", "administrative penalties")
COERCIVE_MEASURES = _items("coercive_measures", "行政强制", "administrative coercive measures")
FEES = Line(
    path=(*PD, "fees"),
    label="行政事业性收费",
    name_en="administrative fees",
    columns=FEE_ITEMS_COLUMNS,
    row_type="FeeItemsRow",
)
PROCUREMENT = Line(
    path=(*PD, "procurement"),
    label="政府集中采购",
    name_en="government centralised procurement",
    columns=PROCUREMENT_COLUMNS,
    row_type="ProcurementRow",
)

PD_BLOCKS = (
    Block(title="第二十条第（一）项", lines=(RULES_LINE, NORMATIVE_DOCUMENTS)),
    Block(title="第二十条第（五）项", lines=(LICENSING, OTHER_MANAGEMENT_SERVICES)),
    Block(title="第二十条第（六）项", lines=(PENALTIES, COERCIVE_MEASURES)),
    Block(title="第二十条第（八）项", lines=(FEES,)),
    Block(title="第二十条第（九）项", lines=(PROCUREMENT,)),
)

PROACTIVE_DISCLOSURE = TableSpec(
    key="proactive_disclosure",
    section=2,
    heading=e2021.PROACTIVE_DISCLOSURE.heading,
    name_en="proactive disclosure",
    blocks=PD_BLOCKS,
    groups=(),
    grid=pd_grid(PD_BLOCKS),
    width=4,
    type_name="ProactiveDisclosure",
)

# --- 三、收到和处理政府信息公开申请情况: （六）其他处理 is one row ------------------------------------------

OTHER_HANDLING = Line(
    path=e2021.OTHER_HANDLING.path,
    label=e2021.OTHER_HANDLING.label,
    name_en=e2021.OTHER_HANDLING.name_en,
    columns=REQUEST_COLUMNS,
    row_type="RequestRow",
)
#: The 19 outcome rows that （七）总计 adds up, in table order.
OUTCOME_LINES = (
    GRANTED,
    PARTIALLY_GRANTED,
    *WITHHELD_LINES,
    *UNAVAILABLE_LINES,
    *NOT_PROCESSED_LINES,
    OTHER_HANDLING,
)
REQUEST_LINES = (RECEIVED, CARRIED_OVER, *OUTCOME_LINES, OUTCOMES_TOTAL, CARRIED_FORWARD)

REQUESTS = TableSpec(
    key="requests",
    section=3,
    heading=e2021.REQUESTS.heading,
    name_en="information disclosure requests",
    blocks=(Block(title=None, lines=REQUEST_LINES),),
    groups=(OUTCOMES, WITHHELD, UNAVAILABLE, NOT_PROCESSED),
    grid=requests_grid(
        (
            GRANTED,
            PARTIALLY_GRANTED,
            (WITHHELD, WITHHELD_LINES),
            (UNAVAILABLE, UNAVAILABLE_LINES),
            (NOT_PROCESSED, NOT_PROCESSED_LINES),
            OTHER_HANDLING,
        )
    ),
    width=10,
    type_name="Requests",
)

# --- the rules: those of 2021 over the 2019 rows; no continuity.in_force (2019 has no 现行有效件数) ----------

NON_NEGATIVE_RULE = RangeRule(
    id="values.non_negative",
    severity=Severity.ERROR,
    origin="derived",
    clause="件数、项目数量为非负整数（本年增/减除外）；采购总金额为非负数",
    clause_en="every count is a whole number ≥ 0 (except the change 本年增/减, which may be negative); the "
    "procurement amount is a decimal ≥ 0",
    minimum=0,
)

RULES = (
    e2021.BALANCE_RULE,
    outcome_total_rule(OUTCOME_LINES),
    row_total_rule(REQUEST_LINES),
    e2021.REVIEW_TOTAL_RULE,
    NON_NEGATIVE_RULE,
    e2021.MISSING_RULE,
    e2021.EMPTY_RULE,
    e2021.CARRIED_OVER_RULE,
    e2021.REQUEST_COUNT_RULE,
    outcome_count_rule(
        withheld=WITHHELD_LINES,
        unavailable=UNAVAILABLE_LINES,
        not_processed=NOT_PROCESSED_LINES,
        other_handling=(OTHER_HANDLING,),
    ),
    e2021.REVIEW_LITIGATION_RULE,
    e2021.PROCESSING_FEE_CLAIM_RULE,
    e2021.PROCESSING_FEE_RULE,
    e2021.SECTION_SUBSTANCE_RULE,
)

# --- what a report of this edition prints and a 2021 report does not (edition detection) ---------------

#: The column headers of table 二 that the 2021 format replaced, the sub-table （九） it dropped, and （六）其他处理
#: printed as one row right before （七）总计 (which 2021 reports print too, by the collapsed-row convention: it
#: counts only with another sign).
SIGNS = (
    *(Sign(text=c.label) for c in (*PUBLICATION_COLUMNS, PREVIOUS_YEAR_ITEMS, CHANGE, *PROCUREMENT_COLUMNS)),
    Sign(text=PD_BLOCKS[4].title or ""),
    Sign(text=OTHER_MANAGEMENT_SERVICES.label),
    Sign(text=OTHER_HANDLING.label, then=OUTCOMES_TOTAL.label, supporting=True),
)

EDITION = Edition(
    name=NAME,
    notice=NOTICE,
    title_en="Annual report on government information disclosure work, 2019 trial format",
    fields=e2021.FIELDS,
    tables=(PROACTIVE_DISCLOSURE, REQUESTS, REVIEW_AND_LITIGATION),
    rules=RULES,
    model="govreport.model_2019:Report",
    signs=SIGNS,
)

# --- the upgrade to the 2021 edition, cell by cell -------------------------------------------------------

_DOCUMENTS_DIFFER = Messages(
    zh="2019年格式统计本年新制作、本年新公开和对外公开总数量，2021年格式统计本年制发、本年废止和现行有效件数：没有一列的定义相同",
    en="the 2019 format counts documents newly made, newly published and published in total; the 2021 format "
    "counts documents issued, repealed and in force: no column is defined the same way",
)
_NO_DOCUMENT_COUNTS = Messages(
    zh="2019年格式不统计本年制发、本年废止和现行有效件数",
    en="the 2019 format does not count documents issued, repealed or in force",
)
_SAME_DECISIONS = Messages(
    zh="处理决定数量与本年处理决定数量是同一个数：统计年度内作出的处理决定",
    en="处理决定数量 and 本年处理决定数量 count the same thing: the decisions made in the statistics year",
)
_NO_ITEM_COUNTS = Messages(
    zh="2021年格式不统计上一年项目数量和本年增/减",
    en="the 2021 format counts neither last year's items nor their change",
)
_NO_OTHER_SERVICES = Messages(
    zh="2021年格式的第二十条第（五）项只有行政许可一行，没有其他对外管理服务事项",
    en="the 2021 format's 第二十条第（五）项 has the row 行政许可 only, not 其他对外管理服务事项",
)
_FEE_ITEMS = Messages(
    zh="2019年格式统计行政事业性收费的项目数量，2021年格式统计收费金额",
    en="the 2019 format counts administrative fee items, the 2021 format the amount collected",
)
_NO_FEE_AMOUNT = Messages(
    zh="2019年格式不统计行政事业性收费的金额",
    en="the 2019 format does not report the amount of administrative fees collected",
)
_NO_PROCUREMENT = Messages(
    zh="2021年格式没有第二十条第（九）项政府集中采购",
    en="the 2021 format has no 第二十条第（九）项 (government centralised procurement)",
)
_COLLAPSED = Messages(
    zh="2019年格式的（六）其他处理是一行：按2021年格式的约定，数值计入“3.其他”，另两项记为0",
    en="the 2019 format prints （六）其他处理 as one row: by the 2021 convention its value goes to 3.其他 and the "
    "two other sub-rows are 0",
)


def _upgrade_entries() -> tuple[Entry, ...]:
    new = e2021.PD_BLOCKS
    entries: list[Entry] = []
    for old_line, new_line in zip(PD_BLOCKS[0].lines, new[0].lines, strict=True):
        entries.extend(Lose(source=old_line.cell_pointer(c), reason=_DOCUMENTS_DIFFER) for c in old_line.columns)
        entries.extend(NoSource(target=new_line.cell_pointer(c), reason=_NO_DOCUMENT_COUNTS) for c in new_line.columns)
    for line in (LICENSING, OTHER_MANAGEMENT_SERVICES, PENALTIES, COERCIVE_MEASURES):
        for c in line.columns:
            if line is OTHER_MANAGEMENT_SERVICES:
                entries.append(Lose(source=line.cell_pointer(c), reason=_NO_OTHER_SERVICES))
            elif c.key == "decisions":
                ptr = line.cell_pointer(c)
                entries.append(Carry(source=ptr, target=ptr, note=_SAME_DECISIONS))
            else:
                entries.append(Lose(source=line.cell_pointer(c), reason=_NO_ITEM_COUNTS))
    entries.extend(Lose(source=FEES.cell_pointer(c), reason=_FEE_ITEMS) for c in FEES.columns)
    entries.extend(
        NoSource(target=line.cell_pointer(c), reason=_NO_FEE_AMOUNT) for line in new[3].lines for c in line.columns
    )
    entries.extend(Lose(source=PROCUREMENT.cell_pointer(c), reason=_NO_PROCUREMENT) for c in PROCUREMENT.columns)
    sub_rows = {line.key: line for line in e2021.OTHER_HANDLING_LINES}
    into = sub_rows[e2021.OTHER_HANDLING.collapse_into or ""]
    for line in (*REQUESTS.lines, *REVIEW_AND_LITIGATION.lines):
        for c in line.columns:
            ptr = line.cell_pointer(c)
            if line is OTHER_HANDLING:
                zeros = tuple(sub.cell_pointer(c) for sub in sub_rows.values() if sub is not into)
                entries.append(Collapse(source=ptr, target=into.cell_pointer(c), zeros=zeros, reason=_COLLAPSED))
            else:
                entries.append(Carry(source=ptr, target=ptr))
    return tuple(entries)


UPGRADE_TO_2021 = Upgrade(
    source=NAME,
    target=e2021.NAME,
    entries=_upgrade_entries(),
    summary=Messages(
        zh="表三、表四逐格保留（（六）其他处理按约定计入“3.其他”）；表二只保留三行的处理决定数量，其余无法对应",
        en="tables 三 and 四 carry over cell by cell (（六）其他处理 goes to 3.其他 by the convention); of table 二 "
        "only the decisions of three rows carry over, the rest has no counterpart",
    ),
)
