"""The 2021 edition of the national format (国办公开办函〔2021〕30号), declared once, as data.

Every row and column of tables 二, 三 and 四: its contract key, its verbatim official label (simplified
characters, fullwidth ``（）`` ``，`` ``：`` ``、``, Chinese quotes), its English name, its unit, and the merged-cell
layout of the official template. Everything else in govreport reads this module.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govreport.editions._rules import (
    Claim,
    ClaimRule,
    EmptyRule,
    Equation,
    EquationRule,
    Expectation,
    Messages,
    PresenceRule,
    RangeRule,
    StatementRule,
    SubstanceRule,
    Term,
)
from govreport.editions._spec import (
    Block,
    Column,
    Edition,
    FieldSpec,
    Grid,
    GridCell,
    Group,
    Line,
    Sign,
    TableSpec,
)
from govreport.findings import Severity

NAME = "2021"
NOTICE = "国办公开办函〔2021〕30号"

# --- 二、主动公开政府信息情况 ---------------------------------------------------------------------------

PD = ("proactive_disclosure",)
ISSUANCE_COLUMNS = (
    # the 2019 trial format's words, and the pieces of headers that narrow PDF columns wrap
    Column(
        key="issued", label="本年制发件数", name_en="issued this year", aliases=("本年新制发数量", "制发数量", "本年新")
    ),
    Column(key="repealed", label="本年废止件数", name_en="repealed this year", aliases=("废止数量",)),
    Column(key="in_force", label="现行有效件数", name_en="in force", aliases=("现行有效件", "现行有效数量")),
)
DECISIONS_COLUMNS = (
    Column(key="decisions", label="本年处理决定数量", name_en="decisions this year", aliases=("处理决定数量",)),
)
FEES_COLUMNS = (
    Column(
        key="amount_10k_yuan",
        label="本年收费金额（单位：万元）",
        name_en="fees collected this year (10,000 yuan)",
        kind="amount",
        unit="万元",
        aliases=("收费金额（单位：万元）", "本年收费金额（万元）", "本年收费金额"),
    ),
)
CONTENT_HEADER = "信息内容"
CONTENT_HEADER_ALIASES = ("项目",)
#: Column headers of the 2019 trial format's table 二 (国办公开办函〔2019〕60号): items made and published, item
#: counts and their change, instead of documents issued and repealed.
COLUMNS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "本年增减",
    "采购项目数量",
)
UNIT_NOTE = "单位：件"

PD_BLOCKS = (
    Block(
        title="第二十条第（一）项",
        lines=(
            Line(path=(*PD, "rules"), label="规章", name_en="rules", columns=ISSUANCE_COLUMNS, row_type="IssuanceRow"),
            Line(
                path=(*PD, "normative_documents"),
                label="行政规范性文件",
                name_en="normative documents",
                columns=ISSUANCE_COLUMNS,
                row_type="IssuanceRow",
                aliases=("规范性文件",),
            ),
        ),
    ),
    Block(
        title="第二十条第（五）项",
        lines=(
            Line(
                path=(*PD, "licensing"),
                label="行政许可",
                name_en="administrative licensing",
                columns=DECISIONS_COLUMNS,
                row_type="DecisionsRow",
            ),
        ),
    ),
    Block(
        title="第二十条第（六）项",
        lines=(
            Line(
                path=(*PD, "penalties"),
                label="行政处罚",
                name_en="administrative penalties",
                columns=DECISIONS_COLUMNS,
                row_type="DecisionsRow",
            ),
            Line(
                path=(*PD, "coercive_measures"),
                label="行政强制",
                name_en="administrative coercive measures",
                columns=DECISIONS_COLUMNS,
                row_type="DecisionsRow",
            ),
        ),
    ),
    Block(
        title="第二十条第（八）项",
        lines=(
            Line(
                path=(*PD, "fees"),
                label="行政事业性收费",
                name_en="administrative fees",
                columns=FEES_COLUMNS,
                row_type="FeesRow",
            ),
        ),
    ),
)


def pd_grid(blocks: tuple[Block, ...], width: int = 4) -> Grid:
    """The official layout of section 二: per block a title row, a header row and its lines, on ``width`` columns;
    the value columns share the columns after the first, the last one taking what is left."""
    rows: list[tuple[GridCell, ...]] = []
    for block in blocks:
        rows.append((GridCell(text=block.title, colspan=width, header=True, scope="colgroup"),))
        columns = block.lines[0].columns
        spans = [1] * (len(columns) - 1) + [width - len(columns)]
        rows.append(
            (
                GridCell(text=CONTENT_HEADER, header=True, scope="col", aliases=CONTENT_HEADER_ALIASES),
                *(
                    GridCell(text=c.label, colspan=n, header=True, scope="col")
                    for c, n in zip(columns, spans, strict=True)
                ),
            )
        )
        rows.extend(
            (
                GridCell(text=line.label, header=True, scope="row"),
                *(GridCell(pointer=line.cell_pointer(c), colspan=n) for c, n in zip(line.columns, spans, strict=True)),
            )
            for line in block.lines
        )
    return tuple(rows)


PROACTIVE_DISCLOSURE = TableSpec(
    key="proactive_disclosure",
    section=2,
    heading="二、主动公开政府信息情况",
    name_en="proactive disclosure",
    blocks=PD_BLOCKS,
    groups=(),
    grid=pd_grid(PD_BLOCKS),
    width=4,
    type_name="ProactiveDisclosure",
    aliases=("主动公开情况",),
    heading_keywords=("主动公开",),
    notes=(UNIT_NOTE, "单位：万元"),
    superseded=COLUMNS_2019,
)

# --- 三、收到和处理政府信息公开申请情况 -----------------------------------------------------------------

RQ = ("requests",)
LEGAL_PERSONS_HEADER = "法人或其他组织"
REQUEST_COLUMNS = (
    Column(key="natural_persons", label="自然人", name_en="natural persons"),
    Column(
        key="commercial_enterprises", label="商业企业", name_en="commercial enterprises", group=LEGAL_PERSONS_HEADER
    ),
    Column(key="research_institutions", label="科研机构", name_en="research institutions", group=LEGAL_PERSONS_HEADER),
    Column(
        key="social_welfare_organizations",
        label="社会公益组织",
        name_en="social welfare organisations",
        group=LEGAL_PERSONS_HEADER,
    ),
    Column(
        key="legal_service_institutions",
        label="法律服务机构",
        name_en="legal service institutions",
        group=LEGAL_PERSONS_HEADER,
    ),
    Column(key="other_organizations", label="其他", name_en="other organisations", group=LEGAL_PERSONS_HEADER),
    Column(key="total", label="总计", name_en="total"),
)
REQUEST_PARTS = REQUEST_COLUMNS[:-1]
REQUEST_TOTAL = REQUEST_COLUMNS[-1]
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"


def _rl(path: tuple[str, ...], label: str, name_en: str) -> Line:
    return Line(path=(*RQ, *path), label=label, name_en=name_en, columns=REQUEST_COLUMNS, row_type="RequestRow")


OUT = ("outcomes",)
RECEIVED = _rl(("received",), "一、本年新收政府信息公开申请数量", "requests received this year")
CARRIED_OVER = _rl(("carried_over",), "二、上年结转政府信息公开申请数量", "requests carried over from last year")
OUTCOMES = Group(path=(*RQ, *OUT), label="三、本年度办理结果", name_en="outcomes this year", type_name="Outcomes")
GRANTED = _rl((*OUT, "granted"), "（一）予以公开", "granted")
PARTIALLY_GRANTED = _rl(
    (*OUT, "partially_granted"),
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "partially granted",
)
WITHHELD = Group(path=(*RQ, *OUT, "withheld"), label="（三）不予公开", name_en="withheld", type_name="Withheld")
WITHHELD_LINES = tuple(
    attrs.evolve(_rl((*OUT, "withheld", key), label, name_en), aliases=aliases)
    for key, label, name_en, aliases in (
        ("state_secret", "1.属于国家秘密", "state secret", ()),
        # a typo seen in published reports
        (
            "prohibited_by_law",
            "2.其他法律行政法规禁止公开",
            "prohibited by other laws and regulations",
            ("2.其他法律行政止公开",),
        ),
        ("security_and_stability", "3.危及“三安全一稳定”", "endangers security and stability", ()),
        ("third_party_rights", "4.保护第三方合法权益", "protects third-party rights", ()),
        ("internal_affairs", "5.属于三类内部事务信息", "internal affairs information", ()),
        ("process_information", "6.属于四类过程性信息", "process information", ()),
        ("enforcement_files", "7.属于行政执法案卷", "administrative enforcement files", ()),
        ("administrative_queries", "8.属于行政查询事项", "administrative query matters", ()),
    )
)
UNAVAILABLE = Group(
    path=(*RQ, *OUT, "unavailable"), label="（四）无法提供", name_en="cannot be provided", type_name="Unavailable"
)
UNAVAILABLE_LINES = tuple(
    _rl((*OUT, "unavailable", key), label, name_en)
    for key, label, name_en in (
        ("not_held", "1.本机关不掌握相关政府信息", "not held by this agency"),
        ("needs_compilation", "2.没有现成信息需要另行制作", "would need to be compiled"),
        ("still_unclear", "3.补正后申请内容仍不明确", "still unclear after correction"),
    )
)
NOT_PROCESSED = Group(
    path=(*RQ, *OUT, "not_processed"), label="（五）不予处理", name_en="not processed", type_name="NotProcessed"
)
NOT_PROCESSED_LINES = tuple(
    _rl((*OUT, "not_processed", key), label, name_en)
    for key, label, name_en in (
        ("petitions_and_complaints", "1.信访举报投诉类申请", "petitions, reports and complaints"),
        ("repeated_requests", "2.重复申请", "repeated requests"),
        ("publications_requested", "3.要求提供公开出版物", "publications requested"),
        ("excessive_requests", "4.无正当理由大量反复申请", "excessive requests without good reason"),
        (
            "confirmation_requests",
            "5.要求行政机关确认或重新出具已获取信息",
            "confirmation or reissue of information already obtained",
        ),
    )
)
OTHER_HANDLING = Group(
    path=(*RQ, *OUT, "other_handling"),
    label="（六）其他处理",
    name_en="other handling",
    type_name="OtherHandling",
    collapse_into="other",
    aliases=("其他处理",),
)
OTHER_HANDLING_LINES = tuple(
    _rl((*OUT, "other_handling", key), label, name_en)
    for key, label, name_en in (
        (
            "no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "applicant did not correct in time",
        ),
        (
            "fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "applicant did not pay the fee in time",
        ),
        ("other", "3.其他", "other"),
    )
)
OUTCOMES_TOTAL = _rl((*OUT, "total"), "（七）总计", "total outcomes")
CARRIED_FORWARD = _rl(("carried_forward",), "四、结转下年度继续办理", "carried forward to next year")

#: The 21 outcome rows that （七）总计 adds up, in table order.
OUTCOME_LINES = (
    GRANTED,
    PARTIALLY_GRANTED,
    *WITHHELD_LINES,
    *UNAVAILABLE_LINES,
    *NOT_PROCESSED_LINES,
    *OTHER_HANDLING_LINES,
)
#: The sub-row groups of 三、本年度办理结果 with their lines, in table order.
OUTCOME_GROUPS = (
    (WITHHELD, WITHHELD_LINES),
    (UNAVAILABLE, UNAVAILABLE_LINES),
    (NOT_PROCESSED, NOT_PROCESSED_LINES),
    (OTHER_HANDLING, OTHER_HANDLING_LINES),
)
REQUEST_LINES = (RECEIVED, CARRIED_OVER, *OUTCOME_LINES, OUTCOMES_TOTAL, CARRIED_FORWARD)


def _values(line: Line) -> tuple[GridCell, ...]:
    return tuple(GridCell(pointer=line.cell_pointer(c)) for c in line.columns)


#: An outcome row of table 三 as the template draws it: a line on its own (label over two columns), or a group
#: label (rowspan) beside its lines.
OutcomeRow = Line | tuple[Group, tuple[Line, ...]]


def requests_grid(outcome_rows: tuple[OutcomeRow, ...]) -> Grid:
    """The official layout of table 三 with the outcome rows ``outcome_rows`` between 二 and （七）总计."""
    rows: list[tuple[GridCell, ...]] = [
        (
            GridCell(text=REQUESTS_NOTE, rowspan=3, colspan=3, header=True),
            GridCell(text=APPLICANTS_HEADER, colspan=7, header=True, scope="colgroup", aliases=("申请人",)),
        ),
        (
            GridCell(text=REQUEST_COLUMNS[0].label, rowspan=2, header=True, scope="col"),
            GridCell(text=LEGAL_PERSONS_HEADER, colspan=5, header=True, scope="colgroup"),
            GridCell(text=REQUEST_TOTAL.label, rowspan=2, header=True, scope="col"),
        ),
        tuple(GridCell(text=c.label, header=True, scope="col") for c in REQUEST_COLUMNS[1:6]),
    ]

    def label(line: Line, colspan: int) -> GridCell:
        return GridCell(text=line.label, colspan=colspan, header=True, scope="row")

    rows.append((label(RECEIVED, 3), *_values(RECEIVED)))
    rows.append((label(CARRIED_OVER, 3), *_values(CARRIED_OVER)))
    body: list[tuple[GridCell, ...]] = []
    for item in outcome_rows:
        if isinstance(item, Line):
            body.append((label(item, 2), *_values(item)))
            continue
        group, lines = item
        for i, line in enumerate(lines):
            lead = (GridCell(text=group.label, rowspan=len(lines), header=True, scope="rowgroup"),) if i == 0 else ()
            body.append((*lead, label(line, 1), *_values(line)))
    body.append((label(OUTCOMES_TOTAL, 2), *_values(OUTCOMES_TOTAL)))
    outcomes = GridCell(text=OUTCOMES.label, rowspan=len(body), header=True, scope="rowgroup")
    rows.append((outcomes, *body[0]))
    rows.extend(body[1:])
    rows.append((label(CARRIED_FORWARD, 3), *_values(CARRIED_FORWARD)))
    return tuple(rows)


REQUESTS = TableSpec(
    key="requests",
    section=3,
    heading="三、收到和处理政府信息公开申请情况",
    name_en="information disclosure requests",
    blocks=(Block(title=None, lines=REQUEST_LINES),),
    groups=(OUTCOMES, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING),
    grid=requests_grid((GRANTED, PARTIALLY_GRANTED, *OUTCOME_GROUPS)),
    width=10,
    type_name="Requests",
    aliases=("收到和处理政府信息公开申请情况", "依申请公开情况", "收到和处理政府信息公开申请"),
    heading_keywords=("申请",),
    notes=(UNIT_NOTE,),
)

# --- 四、政府信息公开行政复议、行政诉讼情况 -------------------------------------------------------------

RL = ("review_and_litigation",)
REVIEW_COLUMNS = (
    Column(key="upheld", label="结果维持", name_en="upheld"),
    Column(key="corrected", label="结果纠正", name_en="corrected"),
    Column(key="other", label="其他结果", name_en="other result"),
    Column(key="pending", label="尚未审结", name_en="pending"),
    Column(key="total", label="总计", name_en="total"),
)
REVIEW_PARTS = REVIEW_COLUMNS[:-1]
REVIEW_TOTAL = REVIEW_COLUMNS[-1]
ADMINISTRATIVE_REVIEW = Line(
    path=(*RL, "administrative_review"),
    label="行政复议",
    name_en="administrative review",
    columns=REVIEW_COLUMNS,
    row_type="ReviewRow",
)
LITIGATION = Group(path=RL, label="行政诉讼", name_en="administrative litigation")
LITIGATION_DIRECT = Line(
    path=(*RL, "litigation_direct"),
    label="未经复议直接起诉",
    name_en="litigation without prior review",
    columns=REVIEW_COLUMNS,
    row_type="ReviewRow",
)
LITIGATION_AFTER_REVIEW = Line(
    path=(*RL, "litigation_after_review"),
    label="复议后起诉",
    name_en="litigation after review",
    columns=REVIEW_COLUMNS,
    row_type="ReviewRow",
)
REVIEW_LINES = (ADMINISTRATIVE_REVIEW, LITIGATION_DIRECT, LITIGATION_AFTER_REVIEW)


def _review_grid() -> Grid:
    n = len(REVIEW_COLUMNS)
    return (
        (
            GridCell(text=ADMINISTRATIVE_REVIEW.label, colspan=n, header=True, scope="colgroup"),
            GridCell(text=LITIGATION.label, colspan=2 * n, header=True, scope="colgroup"),
        ),
        (
            *(GridCell(text=c.label, rowspan=2, header=True, scope="col") for c in REVIEW_COLUMNS),
            GridCell(text=LITIGATION_DIRECT.label, colspan=n, header=True, scope="colgroup"),
            GridCell(text=LITIGATION_AFTER_REVIEW.label, colspan=n, header=True, scope="colgroup"),
        ),
        tuple(GridCell(text=c.label, header=True, scope="col") for _ in range(2) for c in REVIEW_COLUMNS),
        tuple(cell for line in REVIEW_LINES for cell in _values(line)),
    )


REVIEW_AND_LITIGATION = TableSpec(
    key="review_and_litigation",
    section=4,
    heading="四、政府信息公开行政复议、行政诉讼情况",
    name_en="administrative review and litigation",
    blocks=(Block(title=None, lines=REVIEW_LINES),),
    groups=(LITIGATION,),
    grid=_review_grid(),
    width=3 * len(REVIEW_COLUMNS),
    type_name="ReviewAndLitigation",
    aliases=(
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况",
        "行政复议、行政诉讼情况",
    ),
    heading_keywords=("复议", "诉讼"),
    notes=(UNIT_NOTE,),
)

# --- the document -------------------------------------------------------------------------------------

SOURCE_FIELDS = (
    FieldSpec(key="url", label="来源网址", name_en="source address", kind="text", required=False),
    FieldSpec(key="retrieved", label="获取日期", name_en="retrieval date", kind="text", required=False),
    FieldSpec(key="issuing_office", label="编制机构", name_en="issuing office", kind="text", required=False),
    FieldSpec(key="contact", label="联系方式", name_en="contact", kind="text", required=False),
)

FIELDS = (
    FieldSpec(key="edition", label="格式版本", name_en="edition of the format", kind="edition", required=True),
    FieldSpec(key="agency", label="机关名称", name_en="agency", kind="text", required=True),
    FieldSpec(key="year", label="报告年度", name_en="statistics year", kind="year", required=True),
    FieldSpec(key="title", label="标题", name_en="title", kind="text", required=False),
    FieldSpec(key="preamble", label="引言", name_en="preamble", kind="prose", required=False),
    FieldSpec(
        key="overview",
        label="一、总体情况",
        name_en="overview",
        kind="prose",
        required=True,
        section=1,
        aliases=("总体情况概述", "概述"),
        heading_keywords=("总体",),
    ),
    FieldSpec(
        key="problems_and_improvements",
        label="五、存在的主要问题及改进情况",
        name_en="problems and improvements",
        kind="prose",
        required=True,
        section=5,
        aliases=(
            "政府信息公开工作存在的主要问题及改进情况",
            "存在问题及改进情况",
            "存在的主要问题及改进措施",
            "存在的问题及改进情况",
            "主要问题及改进情况",
        ),
        heading_keywords=("问题", "改进"),
    ),
    FieldSpec(
        key="other_matters",
        label="六、其他需要报告的事项",
        name_en="other matters",
        kind="prose",
        required=True,
        section=6,
        aliases=("其他事项", "其他需要报告的事项", "其他需要说明的事项"),
        heading_keywords=("其他", "事项"),
    ),
    FieldSpec(
        key="source",
        label="来源",
        name_en="source metadata",
        kind="object",
        required=False,
        fields=SOURCE_FIELDS,
        type_name="Source",
    ),
)
# --- the rules (format-2021.md §3) ----------------------------------------------------------------------

BALANCE_RULE = EquationRule(
    id="requests.balance",
    severity=Severity.ERROR,
    origin="stated",
    clause=REQUESTS_NOTE,
    clause_en="the table's own note: items one plus two equal items three plus four, in every column",
    equations=[
        Equation(
            actual=(OUTCOMES_TOTAL.cell_pointer(c), CARRIED_FORWARD.cell_pointer(c)),
            expected=(RECEIVED.cell_pointer(c), CARRIED_OVER.cell_pointer(c)),
        )
        for c in REQUEST_COLUMNS
    ],
    messages=Messages(
        zh="{column}列不平衡：一、本年新收 + 二、上年结转 = {expected}，（七）总计 + 四、结转下年度继续办理 = "
        "{actual}，相差 {difference}",
        en="column {column} does not balance: received + carried over = {expected}, but outcomes total + carried "
        "forward = {actual} (difference {difference})",
    ),
)


def outcome_total_rule(outcome_lines: tuple[Line, ...]) -> EquationRule:
    """``requests.outcome_total`` over the outcome rows ``outcome_lines`` of an edition's table 三."""
    return EquationRule(
        id="requests.outcome_total",
        severity=Severity.ERROR,
        origin="derived",
        clause="（二）部分公开（区分处理的，只计这一情形，不计其他情形）：每件申请只计入一种办理结果，（七）总计为各项之和",
        clause_en=f"each request counts in exactly one outcome, so （七）总计 is the sum of the {len(outcome_lines)} "
        "outcome rows",
        equations=[
            Equation(
                actual=(OUTCOMES_TOTAL.cell_pointer(c),),
                expected=tuple(line.cell_pointer(c) for line in outcome_lines),
            )
            for c in REQUEST_COLUMNS
        ],
        messages=Messages(
            zh="{column}列：（七）总计应为各办理结果之和 {expected}，实为 {actual}，相差 {difference}",
            en="column {column}: outcomes total should be the sum of the outcome rows, {expected}, but is {actual} "
            "(difference {difference})",
        ),
    )


OUTCOME_TOTAL_RULE = outcome_total_rule(OUTCOME_LINES)


def row_total_rule(request_lines: tuple[Line, ...]) -> EquationRule:
    """``requests.row_total`` over the rows ``request_lines`` of an edition's table 三."""
    return EquationRule(
        id="requests.row_total",
        severity=Severity.ERROR,
        origin="derived",
        clause="总计列为自然人与法人或其他组织各列之和",
        clause_en="the 总计 column is the sum of the six applicant columns",
        equations=[
            Equation(
                actual=(line.cell_pointer(REQUEST_TOTAL),),
                expected=tuple(line.cell_pointer(c) for c in REQUEST_PARTS),
            )
            for line in request_lines
        ],
        messages=Messages(
            zh="{row}：总计应为各申请人之和 {expected}，实为 {actual}，相差 {difference}",
            en="{row}: the total should be the sum of the applicant columns, {expected}, but is {actual} "
            "(difference {difference})",
        ),
    )


ROW_TOTAL_RULE = row_total_rule(REQUEST_LINES)

REVIEW_TOTAL_RULE = EquationRule(
    id="review_litigation.total",
    severity=Severity.ERROR,
    origin="derived",
    clause="行政复议、未经复议直接起诉、复议后起诉各组：总计为结果维持、结果纠正、其他结果、尚未审结之和",
    clause_en="in each of the three groups, 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    equations=[
        Equation(
            actual=(line.cell_pointer(REVIEW_TOTAL),),
            expected=tuple(line.cell_pointer(c) for c in REVIEW_PARTS),
        )
        for line in REVIEW_LINES
    ],
    messages=Messages(
        zh="{row}：总计应为 {expected}（结果维持 + 结果纠正 + 其他结果 + 尚未审结），实为 {actual}，相差 {difference}",
        en="{row}: the total should be {expected} (upheld + corrected + other + pending), but is {actual} "
        "(difference {difference})",
    ),
)

NON_NEGATIVE_RULE = RangeRule(
    id="values.non_negative",
    severity=Severity.ERROR,
    origin="derived",
    clause="件数为非负整数；收费金额为非负数",
    clause_en="every count is a whole number ≥ 0; the fee is a decimal ≥ 0",
    minimum=0,
)

MISSING_RULE = PresenceRule(
    id="cells.missing",
    severity=Severity.WARNING,
    origin="parse",
    clause="单元格空白、为“/”“-”“—”或不是数字",
    clause_en="a cell is blank, '/', '-', '—' or otherwise not a number in the source",
)

CARRIED_OVER_RULE = EquationRule(
    id="continuity.carried_over",
    severity=Severity.WARNING,
    origin="derived",
    clause="本年“二、上年结转”等于上年“四、结转下年度继续办理”",
    clause_en="this year's 二、上年结转 equals last year's 四、结转下年度继续办理, per column",
    equations=[
        Equation(
            actual=(CARRIED_OVER.cell_pointer(c),),
            expected=(Term(CARRIED_FORWARD.cell_pointer(c), previous=True),),
        )
        for c in REQUEST_COLUMNS
    ],
    messages=Messages(
        zh="{column}列：二、上年结转为 {actual}，上年报告的四、结转下年度继续办理为 {expected}，相差 {difference}",
        en="column {column}: carried over is {actual}, but last year's report carried forward {expected} "
        "(difference {difference})",
    ),
)

IN_FORCE_RULE = EquationRule(
    id="continuity.in_force",
    severity=Severity.WARNING,
    origin="derived",
    clause="第二十条第（一）项：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（修订会打破此关系）",
    clause_en="per row of 第二十条第（一）项: in force(Y) = in force(Y−1) + issued(Y) − repealed(Y); "
    "revisions break it",
    equations=[
        Equation(
            actual=(line.cell_pointer("in_force"),),
            expected=(
                Term(line.cell_pointer("in_force"), previous=True),
                line.cell_pointer("issued"),
                Term(line.cell_pointer("repealed"), coefficient=-1),
            ),
        )
        for line in PD_BLOCKS[0].lines
    ],
    messages=Messages(
        zh="{row}：现行有效件数应为上年 + 本年制发 − 本年废止 = {expected}，实为 {actual}，相差 {difference}",
        en="{row}: in force should be last year's + issued − repealed = {expected}, but is {actual} "
        "(difference {difference})",
    ),
)

EMPTY_RULE = EmptyRule(
    id="cells.empty",
    severity=Severity.WARNING,
    origin="parse",
    clause="整张表格或整组列（如“法人或其他组织”）的单元格全部空白",
    clause_en="a whole table, or a whole group of columns (法人或其他组织), is missing or blank: one finding for it, "
    "besides the cells.missing finding of each cell",
    messages=Messages(
        zh="{detail_part}：整体缺失，全部 {detail_cells} 个单元格为空",
        en="{detail_part_en}: missing as a whole, all {detail_cells} cells are blank",
    ),
)

# --- the prose: what its numbers say about the tables ----------------------------------------------------
#
# Prose patterns are regular expressions in which {n} stands for a stated count, {a} for an amount of money with its
# unit (元 or 万元), {x} for a character that neither ends a clause nor is a digit, {xc} for the same but no comma
# either, and {s} for any character that does not end a clause (in the f-strings below they are written doubled).
# They are written in simplified characters and also match traditional ones. Every claim is read in every prose
# section; a number goes to the first claim (in catalogue order) that places it. When a pattern could be read two
# ways it is written to say nothing: a false warning is worse than a missed one.

#: The prose sections every claim is read in, section 一 first: it is where reports state most of these numbers
#: (and the first section is where :mod:`govreport.strategies` writes a claim's sentences).
PROSE_SECTIONS = ("overview", *(f.key for f in FIELDS if f.kind == "prose" and f.key != "overview"))
# A sentence that speaks of another period (去年, 上半年, or a year other than the report's) says nothing about
# this year's tables; 上年结转 is this year's 二 and stays.
_OTHER_PERIOD = r"(?:去|前|上一?)年(?!度?(?:结转|转结|遗留|未办结))|历年|以来|[上下]半年|季度"
_YEAR = r"(?P<year>\d{4})\s*年"
# A sentence starting with 其中 details the one before, whose period it shares.
_CONTINUATION = r"\s*其中"
# Approximate numbers and changes are not counts of this year's table.
_VAGUE = "约|近|逾|超过|余|左右|以上|以下|不到|不足|增加|减少|增长|下降|上升|同比|环比|较上|比上|较去|比去"
_CASES = r"\s*(?:件|宗|份)"
_REQUEST = "(?:公开申请|依申请公开|依申请|申请公开)"
_RECEIVED_VERBS = "收到|受理|接收|接到|新收"
_HANDLED_VERBS = "办理|答复|处理|办结"
# A number next to an outcome word counts that outcome (同意公开答复 9 件), not the requests.
# A colon inside the excerpt spans a heading (依申请公开情况：…) and 案件 are cases, not requests.
_NOT_A_REQUEST_COUNT = (
    "复议|诉讼|同意|予以公开|部分公开|不予|无法提供|其他处理|结转|转入|驳回|撤回|其中|许可|审批|案件|建议|提案|"
    "各(?![类项种])|均|分别|：|:|" + _VAGUE
)
_RECEIVED = (RECEIVED.cell_pointer(REQUEST_TOTAL),)
_RECEIVED_AND_CARRIED = (RECEIVED.cell_pointer(REQUEST_TOTAL), CARRIED_OVER.cell_pointer(REQUEST_TOTAL))
_HANDLED = (OUTCOMES_TOTAL.cell_pointer(REQUEST_TOTAL),)
# A count of requests received, answered or handled may count this year's new requests, those plus the ones
# carried over (答复 often includes them), or the outcomes.
_REQUEST_SUMS = (_RECEIVED, _RECEIVED_AND_CARRIED, _HANDLED)
_NEXT_YEAR = "(?:下一?年度?|次年|明年)"
_NOT_CARRIED = "下一?年|次年|明年|予以公开|同意|部分公开|不予|无法提供|其他处理|撤回|复议|诉讼|各|均|分别|" + _VAGUE


def _request_counts() -> tuple[Claim, ...]:
    """Requests received (收到、受理…) or handled (办理、答复…), the verb before the request (受理政府信息公开申请 N 件)
    or after it (政府信息公开申请共受理 N 件)."""
    forms = (
        (
            _RECEIVED_VERBS,
            0,
            "requests received",
            (
                "全年共收到政府信息公开申请{n}件。",
                "本年度新收政府信息公开申请{n}件。",
                "全年共受理政府信息公开申请{n}件。",
            ),
            ("本年度政府信息公开申请共受理{n}件。",),
        ),
        (
            _HANDLED_VERBS,
            2,
            "requests handled",
            ("全年共办结政府信息公开申请{n}件，均在法定期限内予以答复。",),
            ("本年度依申请公开办结{n}件。", "各类政府信息公开申请全年共办结{n}件。"),
        ),
    )
    return tuple(
        Claim(
            pattern=pattern,
            equals=_REQUEST_SUMS,
            expected=expected,
            exclude=_NOT_A_REQUEST_COUNT,
            name_en=name,
            examples=examples,
        )
        for verbs, expected, name, verb_first, noun_first in forms
        for pattern, examples in (
            (rf"(?:{verbs}){{xc}}{{0,25}}?{_REQUEST}{{x}}{{0,12}}?{{n}}{_CASES}", verb_first),
            (rf"{_REQUEST}{{xc}}{{0,12}}?(?:{verbs}){{x}}{{0,12}}?{{n}}{_CASES}", noun_first),
        )
    )


def _prose_rule(*, id: str, clause: str, clause_en: str, claims: tuple[Claim, ...], messages: Messages) -> ClaimRule:  # noqa: A002 - the declarations' own word
    """A claim rule of this edition: a warning, read in every prose section, with the edition's period guards."""
    return ClaimRule(
        id=id,
        severity=Severity.WARNING,
        origin="derived",
        clause=clause,
        clause_en=clause_en,
        sections=PROSE_SECTIONS,
        other_period=_OTHER_PERIOD,
        year_pattern=_YEAR,
        continuation=_CONTINUATION,
        claims=claims,
        messages=messages,
    )


REQUEST_COUNT_RULE = _prose_rule(
    id="narrative.request_count",
    clause="报告正文所述申请件数（本年新收、上年结转、办理总数、结转下年度）应与表三总计列一致",
    clause_en="a request count stated in the prose (received, carried over, handled, carried forward) matches "
    "table 三's 总计 column: received may be 一, 一 + 二 or （七）总计",
    claims=(
        Claim(
            pattern=rf"(?:上一?年度?|去年)(?:结转|转结|遗留|未办结){{xc}}{{0,16}}?{{n}}{_CASES}",
            equals=((CARRIED_OVER.cell_pointer(REQUEST_TOTAL),),),
            exclude=_NOT_CARRIED,
            name_en="requests carried over",
            examples=("上年结转政府信息公开申请{n}件。",),
        ),
        Claim(
            pattern=rf"(?:结转|转入|转至|转到|转|顺延至|延至)(?:到|至|入)?{_NEXT_YEAR}{{xc}}{{0,12}}?{{n}}{_CASES}",
            equals=((CARRIED_FORWARD.cell_pointer(REQUEST_TOTAL),),),
            exclude=_VAGUE,
            name_en="requests carried forward",
            examples=("结转下年度继续办理{n}件。",),
        ),
        Claim(
            pattern=rf"{{n}}{_CASES}{{xc}}{{0,6}}?(?:结转|转入|转至|转)(?:到|至|入)?{_NEXT_YEAR}",
            equals=((CARRIED_FORWARD.cell_pointer(REQUEST_TOTAL),),),
            exclude=_VAGUE,
            name_en="requests carried forward",
            examples=("另有{n}件结转下一年度办理。",),
        ),
        Claim(
            pattern=rf"(?P<zero>无|没有|不存在)(?P<what>需?(?:结转|转入|转至)(?:到|至)?{_NEXT_YEAR}"
            rf"|{_NEXT_YEAR}(?:结转|转结))",
            equals=((CARRIED_FORWARD.cell_pointer(REQUEST_TOTAL),),),
            name_en="no request carried forward",
            examples=("所有申请均已办结，无下年度结转。",),
        ),
        *_request_counts(),
        Claim(
            pattern=rf"(?:{_RECEIVED_VERBS}){{xc}}{{0,4}}?{{n}}\s*(?:件|份|宗|个){{xc}}{{0,8}}?{_REQUEST}",
            equals=_REQUEST_SUMS,
            expected=0,
            exclude=_NOT_A_REQUEST_COUNT,
            name_en="requests received",
            examples=("全年共收到{n}份政府信息公开申请。",),
        ),
    ),
    messages=Messages(
        zh="{subject}称“{excerpt}”（{actual} 件），与表三不符：{detail_cells}为 {expected}，相差 {difference}",
        en="in the {subject}, “{excerpt}” ({actual}) does not match table 三: {detail_cells_en} is {expected} "
        "(difference {difference})",
    ),
)

_OUTCOME_NOISE = "建议|提案|复文|文件|规章|主动|复议|诉讼|各|均|分别|" + _VAGUE
# An outcome word after these, in one sentence, is about proposals or documents, not requests (建议提案予以公开).
_NOT_A_REQUEST_OUTCOME = "建议|提案|复文|主动公开|规章|规范性文件|政策"


def _total(lines: Sequence[Line]) -> tuple[str, ...]:
    return tuple(line.cell_pointer(REQUEST_TOTAL) for line in lines)


def _outcome(words: str, lines: Sequence[Line], name_en: str, example: str, *, exclude: str = "") -> Claim:
    """A count of one outcome of table 三 (its 总计, summed over a group's rows), in a paragraph about requests."""
    return Claim(
        pattern=rf"{words}{{xc}}{{0,8}}?{{n}}{_CASES}",
        equals=(_total(lines),),
        exclude=exclude + _OUTCOME_NOISE,
        context="申请",
        not_after=_NOT_A_REQUEST_OUTCOME,
        name_en=name_en,
        examples=(example,),
    )


_GRANTED_WORDS = "(?<!不)(?:予以公开|同意公开|全部公开|准予公开)"


def outcome_count_rule(
    *,
    withheld: Sequence[Line],
    unavailable: Sequence[Line],
    not_processed: Sequence[Line],
    other_handling: Sequence[Line],
) -> ClaimRule:
    """The claims of the outcomes of table 三, over an edition's rows: a group's count is the 总计 of its rows (the
    2019 edition has one row for （六）其他处理, 2021 three)."""
    return _prose_rule(
        id="narrative.outcomes",
        clause="报告正文所述各项办理结果件数（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理）应与表三一致",
        clause_en="an outcome count stated in the prose matches table 三: 予以公开 (同意公开) is （一）, a group's "
        "count is the sum of its rows (不予公开 is the eight rows of （三）)",
        claims=(
            Claim(
                pattern=rf"{_GRANTED_WORDS}(?:及|和|与|或|、|以及)部分公开{{xc}}{{0,8}}?{{n}}{_CASES}",
                equals=(_total((GRANTED, PARTIALLY_GRANTED)),),
                exclude=_OUTCOME_NOISE,
                context="申请",
                not_after=_NOT_A_REQUEST_OUTCOME,
                name_en="granted or partially granted",
                examples=("办结的申请中，予以公开及部分公开{n}件。",),
            ),
            _outcome(_GRANTED_WORDS, (GRANTED,), "granted", "办结的申请中，同意公开答复{n}件。", exclude="部分|"),
            _outcome(
                "(?<!公开及)(?<!公开和)(?<!公开与)(?<!公开或)(?<!公开、)部分公开",
                (PARTIALLY_GRANTED,),
                "partially granted",
                "办结的申请中，部分公开{n}件。",
            ),
            _outcome("不予公开", withheld, "withheld", "办结的申请中，不予公开{n}件。"),
            _outcome("无法提供", unavailable, "cannot be provided", "办结的申请中，无法提供{n}件。"),
            _outcome("不予处理", not_processed, "not processed", "办结的申请中，不予处理{n}件。"),
            _outcome("其他处理", other_handling, "other handling", "办结的申请中，其他处理{n}件。"),
        ),
        messages=Messages(
            zh="{subject}称“{excerpt}”（{actual} 件），与表三不符：{detail_cells}为 {expected}，相差 {difference}",
            en="in the {subject}, “{excerpt}” ({actual}) does not match table 三: {detail_cells_en} is {expected} "
            "(difference {difference})",
        ),
    )


OUTCOME_COUNT_RULE = outcome_count_rule(
    withheld=WITHHELD_LINES,
    unavailable=UNAVAILABLE_LINES,
    not_processed=NOT_PROCESSED_LINES,
    other_handling=OTHER_HANDLING_LINES,
)

_REVIEW = ADMINISTRATIVE_REVIEW.cell_pointer(REVIEW_TOTAL)
_DIRECT = LITIGATION_DIRECT.cell_pointer(REVIEW_TOTAL)
_AFTER_REVIEW = LITIGATION_AFTER_REVIEW.cell_pointer(REVIEW_TOTAL)
_LITIGATION = (_DIRECT, _AFTER_REVIEW)
# Cases are counted in 件, 起 or 宗 (次 counts trainings and meetings about them).
_CASE_UNITS = r"\s*(?:件|起|宗)"
_RESULT_WORDS = "纠错|纠正|败诉|胜诉|维持|撤销|确认违法|驳回|审结|审理|结果|其他"
_NOT_A_CASE_COUNT = _RESULT_WORDS + "|各|均|分别|培训|会议|讲座|学习|案例|" + _VAGUE
# "未发生行政复议纠错" denies corrections, not reviews: a negation counts as zero cases only when no outcome word
# follows the kind.
_NOT_AN_OUTCOME = "(?!{x}{0,6}(?:纠错|纠正|败诉|撤销|确认违法|被告|维持))"
_NEGATION = "(?P<zero>未|没有|无|零){xc}{0,20}"
_DENIAL = "(?P<zero>未发生|没有发生|未出现|未有|无|不存在){xc}{0,20}?"
# An outcome word after the kind, in the same sentence, with no other kind between (行政复议2件，其中维持1件).
_AFTER_REVIEW_WORD = "行政复议(?:(?!诉讼|起诉)[^。；;！!？?\n]){0,30}?"
_AFTER_LAWSUIT_WORD = "(?:行政诉讼|起诉)(?:(?!复议)[^。；;！!？?\n]){0,30}?"
_RESULTS = (
    ("(?:结果)?维持", "upheld", "维持"),
    ("(?:结果)?(?:被)?(?:纠正|纠错)", "corrected", "被纠错"),
    ("其他结果", "other", "其他结果"),
    ("(?:尚未审结|未审结|正在审理|审理中)", "pending", "尚未审结"),
)


def _review_results() -> tuple[Claim, ...]:
    claims = []
    for words, key, example in _RESULTS:
        claims.append(
            Claim(
                pattern=rf"{_AFTER_REVIEW_WORD}{words}{{xc}}{{0,4}}?{{n}}{_CASE_UNITS}",
                equals=((ADMINISTRATIVE_REVIEW.cell_pointer(key),),),
                exclude="各|均|分别|" + _VAGUE,
                name_en=f"reviews {key}",
                examples=(f"本年度行政复议{example}{{n}}件。",),
            )
        )
        claims.append(
            Claim(
                pattern=rf"{_AFTER_LAWSUIT_WORD}{words.replace('纠正|纠错', '纠正|纠错|败诉')}"
                rf"{{xc}}{{0,4}}?{{n}}{_CASE_UNITS}",
                equals=((LITIGATION_DIRECT.cell_pointer(key), LITIGATION_AFTER_REVIEW.cell_pointer(key)),),
                exclude="各|均|分别|" + _VAGUE,
                name_en=f"lawsuits {key}",
                examples=(f"本年度行政诉讼{example}{{n}}件。",),
            )
        )
    return tuple(claims)


# The two kinds of case: the word, what a count of it may follow, the cells that count it, and the words of the
# other kind (which a count of this kind must not mention).
_KINDS = (
    (
        "行政复议",
        "行政复议",
        ((_REVIEW,),),
        "reviews",
        "诉讼|起诉|",
        ("全年发生政府信息公开行政复议{n}件。", "本年度共办理政府信息公开行政复议案件{n}件。"),
        ("全年未发生政府信息公开行政复议。",),
    ),
    (
        "行政诉讼",
        "(?:行政诉讼|起诉)",
        (_LITIGATION,),
        "lawsuits",
        "复议|",
        ("全年发生政府信息公开行政诉讼{n}件。", "因政府信息公开被提起行政诉讼{n}件。"),
        ("全年未发生政府信息公开行政诉讼。", "全年未发生因政府信息公开引起的行政诉讼。"),
    ),
)


def _case_counts() -> tuple[Claim, ...]:
    """The number of reviews and of lawsuits: after the kind (行政复议 N 件), before it (N 件…行政复议), denied
    (未发生…行政复议)."""

    def count(
        pattern: str, cells: tuple[tuple[str, ...], ...], name: str, other: str, examples: tuple[str, ...]
    ) -> Claim:
        return Claim(pattern=pattern, equals=cells, exclude=other + _NOT_A_CASE_COUNT, name_en=name, examples=examples)

    after = [
        count(f"{words}{{xc}}{{0,10}}?{{n}}{_CASE_UNITS}", cells, name, other, stated)
        for _, words, cells, name, other, stated, _ in _KINDS
    ]
    before = [
        count(
            f"{{n}}{_CASE_UNITS}{{xc}}{{0,12}}?{kind}{_NOT_AN_OUTCOME}",
            cells,
            name,
            other,
            (f"本机关有{{n}}件涉及政府信息公开工作的{kind}。",),
        )
        for kind, _, cells, name, other, _, _ in _KINDS
    ]
    denied = [
        Claim(
            pattern=f"{_NEGATION}(?P<what>{kind}){_NOT_AN_OUTCOME}", equals=cells, name_en=f"no {name}", examples=none
        )
        for kind, _, cells, name, _, _, none in _KINDS
    ]
    return (*after, *before, *denied)


REVIEW_LITIGATION_RULE = _prose_rule(
    id="narrative.review_litigation",
    clause="报告正文所述行政复议、行政诉讼件数及其结果（维持、纠正、其他、未审结）应与表四一致",
    clause_en="review and litigation counts stated in the prose, and their results (upheld, corrected, other, "
    "pending), match table 四; a count of corrected or lost cases is compared with 结果纠正, not with the total",
    claims=(
        *_review_results(),
        Claim(
            pattern=rf"{_DENIAL}行政复议{{x}}{{0,3}}?(?P<what>被?(?:纠错|纠正))",
            equals=((ADMINISTRATIVE_REVIEW.cell_pointer("corrected"),),),
            name_en="no review corrected",
            examples=("全年未发生政府信息公开行政复议纠错。",),
        ),
        Claim(
            pattern=rf"{_DENIAL}(?:行政诉讼|起诉){{x}}{{0,3}}?(?P<what>败诉|被纠错|被纠正)",
            equals=((LITIGATION_DIRECT.cell_pointer("corrected"), LITIGATION_AFTER_REVIEW.cell_pointer("corrected")),),
            name_en="no lawsuit lost",
            examples=("全年未发生政府信息公开行政诉讼败诉。",),
        ),
        Claim(
            pattern=rf"行政复议(?:和|及|与|或|、|以及)(?:被?提起)?行政诉讼{{xc}}{{0,10}}?{{n}}{_CASE_UNITS}",
            equals=((_REVIEW, *_LITIGATION),),
            exclude=_NOT_A_CASE_COUNT,
            name_en="reviews and lawsuits",
            examples=("因政府信息公开被申请行政复议和提起行政诉讼共{n}件。",),
        ),
        Claim(
            pattern=rf"(?:未经复议)?直接(?:提起)?(?:行政)?(?:诉讼|起诉){{xc}}{{0,10}}?{{n}}{_CASE_UNITS}",
            equals=((_DIRECT,),),
            exclude=_NOT_A_CASE_COUNT,
            name_en="lawsuits without prior review",
            examples=("未经复议直接起诉{n}件。",),
        ),
        Claim(
            pattern=rf"复议后(?:提起)?(?:行政)?(?:诉讼|起诉){{xc}}{{0,10}}?{{n}}{_CASE_UNITS}",
            equals=((_AFTER_REVIEW,),),
            exclude=_NOT_A_CASE_COUNT,
            name_en="lawsuits after review",
            examples=("复议后起诉{n}件。",),
        ),
        *_case_counts(),
    ),
    messages=Messages(
        zh="{subject}称“{excerpt}”（{actual} 件），与表四不符：{detail_cells}为 {expected}",
        en="in the {subject}, “{excerpt}” ({actual}) does not match table 四: {detail_cells_en} is {expected}",
    ),
)

_FEE = "(?:信息)?处理费"
# A fee schedule (100元/件), a part of the total (其中…) or a refund is not the fee collected.
_NOT_THE_FEE = "标准|每件|每页|按件|按量|退还|减免|应收|" + _VAGUE
_NOT_PER_ITEM = r"(?!\s*[/每])"

PROCESSING_FEE_CLAIM_RULE = _prose_rule(
    id="narrative.processing_fee",
    clause="报告正文对信息处理费收取金额的表述应前后一致（金额以元或万元计，精确比较；“未收取”即为0元）",
    clause_en="the format has no cell for the 信息处理费: every amount the prose states for it (in 元 or 万元, "
    "compared exactly; 未收取 is 0) must equal the first one stated",
    # No examples: a quantity with no cell is compared only between statements, so one sentence alone says
    # nothing to check it by (the tests state the fee with sentences of their own).
    claims=(
        Claim(
            pattern=rf"(?:收取|收缴|共收|实收)了?{{xc}}{{0,8}}?{_FEE}{{xc}}{{0,6}}?{{a}}{_NOT_PER_ITEM}",
            quantity="processing_fee",
            exclude=_NOT_THE_FEE,
            not_after="其中",
            name_en="processing fee collected",
        ),
        Claim(
            pattern=rf"{_FEE}{{xc}}{{0,6}}?(?:收入|收取|金额|共计|合计|总计|为|：|:){{xc}}{{0,4}}?{{a}}{_NOT_PER_ITEM}",
            quantity="processing_fee",
            exclude=_NOT_THE_FEE,
            not_after="其中",
            name_en="processing fee collected",
        ),
        Claim(
            pattern=rf"(?P<zero>未|没有|无|未曾)(?:发生|产生)?(?:收取|收缴|收)(?:任何)?{{xc}}{{0,8}}?{_FEE}",
            quantity="processing_fee",
            not_after="其中",
            name_en="no processing fee collected",
        ),
        Claim(
            pattern=r"(?P<zero>未|没有|无)(?:发生|产生|涉及){xc}{0,12}?(?:收费|处理费)",
            quantity="processing_fee",
            exclude="行政事业性",
            not_after="其中",
            name_en="no processing fee collected",
        ),
    ),
    messages=Messages(
        zh="{subject}称“{excerpt}”（信息处理费 {actual} 元），与先前所述“{detail_first}”（{expected} 元）不一致",
        en="in the {subject}, “{excerpt}” (a processing fee of {actual} yuan) contradicts “{detail_first}” "
        "({expected} yuan), stated first",
    ),
)

_FEE_WORDS = "未收取|未收|不收取|没有收取|免收|免予收取"
PROCESSING_FEE_RULE = StatementRule(
    id="other_matters.processing_fee",
    severity=Severity.WARNING,
    origin="format",
    clause="六、其他需要报告的事项：报告《政府信息公开信息处理费管理办法》规定的信息处理费收取情况",
    clause_en="section 六 reports the information processing fees collected (国办函〔2020〕109号), an amount or 未收取",
    section="other_matters",
    states="the 信息处理费 collected (an amount in 元, or 未收取)",
    examples=(
        "本年度按照《政府信息公开信息处理费管理办法》共收取信息处理费{n}元。",
        "本年度未收取信息处理费。",
        "全年未发生政府信息公开收费事项。",
    ),
    pattern=rf"处理费{{s}}{{0,40}}?(?:\d+(?:\.\d+)?\s*(?:万?元)|{_FEE_WORDS}|零|为0|0元)"
    rf"|(?:{_FEE_WORDS}|收取){{s}}{{0,30}}?处理费"
    rf"|(?:未|没有|无){{s}}{{0,4}}(?:发生|产生){{s}}{{0,16}}?收费",
    messages=Messages(
        zh="六、其他需要报告的事项未说明信息处理费的收取情况（金额或“未收取”）",
        en="section 六 does not say what information processing fee was collected (an amount or 未收取)",
    ),
)


# Section 五 and 六 say something: "无" where the format asks for substance is a finding (info; ignore
# sections.substance to turn it off).
_NOTHING = (
    r"(?:本(?:机关|单位|部门|局|委|办|年度|年)|今年|全年|\d{4}年度?)*"
    r"(?:暂|均|并|亦)?(?:无|没有|未有)(?:其他|其它)?(?:需要?|应|须|要)?(?:报告|说明|汇报)?的?(?:其他|其它)?"
    r"(?:事项|问题|情况|内容|事宜)?(?:需要?(?:报告|说明))?"
    r"|(?:暂)?不涉及"
)

SECTION_SUBSTANCE_RULE = SubstanceRule(
    id="sections.substance",
    severity=Severity.INFO,
    origin="format",
    clause="五、存在的主要问题及改进情况；六、其他需要报告的事项：格式要求如实报告，不能只写“无”",
    clause_en="sections 五 and 六 report something: a section that is empty or only a formula (无, 暂无, "
    "无其他需要报告的事项) says nothing of what the format asks for",
    sections=(
        Expectation(
            section="problems_and_improvements",
            expects="工作中存在的主要问题及改进情况（通常分“存在的主要问题”和“改进情况”两部分）",
            expects_en="the main problems of the year's work and how they were or will be addressed",
        ),
        Expectation(
            section="other_matters",
            expects="信息处理费的收取情况（金额或“未收取”），以及落实上级年度政务公开工作要点、"
            "人大代表建议和政协提案办理结果公开等需要报告的事项",
            expects_en="the 信息处理费 collected (an amount or 未收取), and the other matters the format asks for, "
            "such as the annual work priorities and the publication of the handling of deputies' proposals",
        ),
    ),
    formula=_NOTHING,
)

RULES = (
    BALANCE_RULE,
    OUTCOME_TOTAL_RULE,
    ROW_TOTAL_RULE,
    REVIEW_TOTAL_RULE,
    NON_NEGATIVE_RULE,
    MISSING_RULE,
    EMPTY_RULE,
    CARRIED_OVER_RULE,
    IN_FORCE_RULE,
    REQUEST_COUNT_RULE,
    OUTCOME_COUNT_RULE,
    REVIEW_LITIGATION_RULE,
    PROCESSING_FEE_CLAIM_RULE,
    PROCESSING_FEE_RULE,
    SECTION_SUBSTANCE_RULE,
)

#: What a report of this edition prints and a 2019 trial-format report does not (edition detection): the column
#: headers of table 二's （一） and （五）/（六）, and the sub-rows of （六）其他处理.
SIGNS = (
    *(Sign(text=c.label) for c in (*ISSUANCE_COLUMNS, *DECISIONS_COLUMNS)),
    *(Sign(text=line.label) for line in OTHER_HANDLING_LINES[:2]),
)

EDITION = Edition(
    name=NAME,
    notice=NOTICE,
    title_en="Annual report on government information disclosure work, 2021 format",
    fields=FIELDS,
    tables=(PROACTIVE_DISCLOSURE, REQUESTS, REVIEW_AND_LITIGATION),
    rules=RULES,
    model="govreport.model:Report",
    previous="2019",
    signs=SIGNS,
)
