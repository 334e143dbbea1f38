"""The 2021 edition of the national format (国办公开办函〔2021〕30号), declared once, as data.

Every row and column of tables 二, 三 and 四: its contract key, its verbatim official label (simplified
characters, fullwidth ``（）`` ``，`` ``：`` ``、``, Chinese quotes), its English name, its unit, and the merged-cell
layout of the official template. Everything else in govreport reads this module.
"""

from __future__ import annotations

from govreport import model
from govreport.editions._spec import (
    Block,
    Column,
    Edition,
    FieldSpec,
    Grid,
    GridCell,
    Group,
    Line,
    TableSpec,
)

NAME = "2021"
NOTICE = "国办公开办函〔2021〕30号"

# --- 二、主动公开政府信息情况 ---------------------------------------------------------------------------

PD = ("proactive_disclosure",)
ISSUANCE_COLUMNS = (
    Column(key="issued", label="本年制发件数", name_en="issued this year"),
    Column(key="repealed", label="本年废止件数", name_en="repealed this year"),
    Column(key="in_force", label="现行有效件数", name_en="in force"),
)
DECISIONS_COLUMNS = (Column(key="decisions", label="本年处理决定数量", name_en="decisions this year"),)
FEES_COLUMNS = (
    Column(
        key="amount_10k_yuan",
        label="本年收费金额（单位：万元）",
        name_en="fees collected this year (10,000 yuan)",
        kind="amount",
        unit="万元",
    ),
)
CONTENT_HEADER = "信息内容"

PD_BLOCKS = (
    Block(
        title="第二十条第（一）项",
        lines=(
            Line(path=(*PD, "rules"), label="规章", name_en="rules", columns=ISSUANCE_COLUMNS),
            Line(
                path=(*PD, "normative_documents"),
                label="行政规范性文件",
                name_en="normative documents",
                columns=ISSUANCE_COLUMNS,
            ),
        ),
    ),
    Block(
        title="第二十条第（五）项",
        lines=(
            Line(
                path=(*PD, "licensing"), label="行政许可", name_en="administrative licensing", columns=DECISIONS_COLUMNS
            ),
        ),
    ),
    Block(
        title="第二十条第（六）项",
        lines=(
            Line(
                path=(*PD, "penalties"), label="行政处罚", name_en="administrative penalties", columns=DECISIONS_COLUMNS
            ),
            Line(
                path=(*PD, "coercive_measures"),
                label="行政强制",
                name_en="administrative coercive measures",
                columns=DECISIONS_COLUMNS,
            ),
        ),
    ),
    Block(
        title="第二十条第（八）项",
        lines=(Line(path=(*PD, "fees"), label="行政事业性收费", name_en="administrative fees", columns=FEES_COLUMNS),),
    ),
)


def _pd_grid() -> Grid:
    rows: list[tuple[GridCell, ...]] = []
    for block in PD_BLOCKS:
        rows.append((GridCell(text=block.title, colspan=4, header=True, scope="colgroup"),))
        columns = block.lines[0].columns
        span = 3 // len(columns)
        rows.append(
            (
                GridCell(text=CONTENT_HEADER, header=True, scope="col"),
                *(GridCell(text=c.label, colspan=span, header=True, scope="col") for c in columns),
            )
        )
        rows.extend(
            (
                GridCell(text=line.label, header=True, scope="row"),
                *(GridCell(pointer=line.cell_pointer(c), colspan=span) for c in line.columns),
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
    grid=_pd_grid(),
    width=4,
)

# --- 三、收到和处理政府信息公开申请情况 -----------------------------------------------------------------

RQ = ("requests",)
REQUEST_COLUMNS = (
    Column(key="natural_persons", label="自然人", name_en="natural persons"),
    Column(key="commercial_enterprises", label="商业企业", name_en="commercial enterprises"),
    Column(key="research_institutions", label="科研机构", name_en="research institutions"),
    Column(key="social_welfare_organizations", label="社会公益组织", name_en="social welfare organisations"),
    Column(key="legal_service_institutions", label="法律服务机构", name_en="legal service institutions"),
    Column(key="other_organizations", label="其他", name_en="other organisations"),
    Column(key="total", label="总计", name_en="total"),
)
REQUEST_PARTS = REQUEST_COLUMNS[:-1]
REQUEST_TOTAL = REQUEST_COLUMNS[-1]
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"
LEGAL_PERSONS_HEADER = "法人或其他组织"


def _rl(path: tuple[str, ...], label: str, name_en: str) -> Line:
    return Line(path=(*RQ, *path), label=label, name_en=name_en, columns=REQUEST_COLUMNS)


OUT = ("outcomes",)
RECEIVED = _rl(("received",), "一、本年新收政府信息公开申请数量", "requests received this year")
CARRIED_OVER = _rl(("carried_over",), "二、上年结转政府信息公开申请数量", "requests carried over from last year")
OUTCOMES = Group(path=(*RQ, *OUT), label="三、本年度办理结果", name_en="outcomes this year")
GRANTED = _rl((*OUT, "granted"), "（一）予以公开", "granted")
PARTIALLY_GRANTED = _rl(
    (*OUT, "partially_granted"),
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "partially granted",
)
WITHHELD = Group(path=(*RQ, *OUT, "withheld"), label="（三）不予公开", name_en="withheld")
WITHHELD_LINES = tuple(
    _rl((*OUT, "withheld", key), label, name_en)
    for key, label, name_en in (
        ("state_secret", "1.属于国家秘密", "state secret"),
        ("prohibited_by_law", "2.其他法律行政法规禁止公开", "prohibited by other laws and regulations"),
        ("security_and_stability", "3.危及“三安全一稳定”", "endangers security and stability"),
        ("third_party_rights", "4.保护第三方合法权益", "protects third-party rights"),
        ("internal_affairs", "5.属于三类内部事务信息", "internal affairs information"),
        ("process_information", "6.属于四类过程性信息", "process information"),
        ("enforcement_files", "7.属于行政执法案卷", "administrative enforcement files"),
        ("administrative_queries", "8.属于行政查询事项", "administrative query matters"),
    )
)
UNAVAILABLE = Group(path=(*RQ, *OUT, "unavailable"), label="（四）无法提供", name_en="cannot be provided")
UNAVAILABLE_LINES = tuple(
    _rl((*OUT, "unavailable", key), label, name_en)
    for key, label, name_en in (
        ("not_held", "1.本机关不掌握相关政府信息", "not held by this agency"),
        ("needs_compilation", "2.没有现成信息需要另行制作", "would need to be compiled"),
        ("still_unclear", "3.补正后申请内容仍不明确", "still unclear after correction"),
    )
)
NOT_PROCESSED = Group(path=(*RQ, *OUT, "not_processed"), label="（五）不予处理", name_en="not processed")
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
OTHER_HANDLING = Group(path=(*RQ, *OUT, "other_handling"), label="（六）其他处理", name_en="other handling")
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


def _requests_grid() -> Grid:
    rows: list[tuple[GridCell, ...]] = [
        (
            GridCell(text=REQUESTS_NOTE, rowspan=3, colspan=3, header=True),
            GridCell(text=APPLICANTS_HEADER, colspan=7, header=True, scope="colgroup"),
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
    outcome_rows = len(OUTCOME_LINES) + 1
    rows.append(
        (
            GridCell(text=OUTCOMES.label, rowspan=outcome_rows, header=True, scope="rowgroup"),
            label(GRANTED, 2),
            *_values(GRANTED),
        )
    )
    rows.append((label(PARTIALLY_GRANTED, 2), *_values(PARTIALLY_GRANTED)))
    for group, lines in OUTCOME_GROUPS:
        for i, line in enumerate(lines):
            lead = (GridCell(text=group.label, rowspan=len(lines), header=True, scope="rowgroup"),) if i == 0 else ()
            rows.append((*lead, label(line, 1), *_values(line)))
    rows.append((label(OUTCOMES_TOTAL, 2), *_values(OUTCOMES_TOTAL)))
    rows.append((label(CARRIED_FORWARD, 3), *_values(CARRIED_FORWARD)))
    return tuple(rows)


REQUESTS = TableSpec(
    key="requests",
    section=3,
    heading="三、收到和处理政府信息公开申请情况",
    name_en="information disclosure requests",
    blocks=(Block(title=None, lines=REQUEST_LINES),),
    groups=(OUTCOMES, WITHHELD, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING),
    grid=_requests_grid(),
    width=10,
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
    path=(*RL, "administrative_review"), label="行政复议", name_en="administrative review", columns=REVIEW_COLUMNS
)
LITIGATION = Group(path=RL, label="行政诉讼", name_en="administrative litigation")
LITIGATION_DIRECT = Line(
    path=(*RL, "litigation_direct"),
    label="未经复议直接起诉",
    name_en="litigation without prior review",
    columns=REVIEW_COLUMNS,
)
LITIGATION_AFTER_REVIEW = Line(
    path=(*RL, "litigation_after_review"),
    label="复议后起诉",
    name_en="litigation after review",
    columns=REVIEW_COLUMNS,
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
)

# --- the document -------------------------------------------------------------------------------------

FIELDS = (
    FieldSpec(key="edition", label="格式版本", name_en="edition of the format", kind="edition", required=True),
    FieldSpec(key="agency", label="机关名称", name_en="agency", kind="text", required=True),
    FieldSpec(key="year", label="报告年度", name_en="statistics year", kind="year", required=True),
    FieldSpec(key="title", label="标题", name_en="title", kind="text", required=False),
    FieldSpec(key="preamble", label="引言", name_en="preamble", kind="prose", required=False),
    FieldSpec(key="overview", label="一、总体情况", name_en="overview", kind="prose", required=True, section=1),
    FieldSpec(
        key="problems_and_improvements",
        label="五、存在的主要问题及改进情况",
        name_en="problems and improvements",
        kind="prose",
        required=True,
        section=5,
    ),
    FieldSpec(
        key="other_matters",
        label="六、其他需要报告的事项",
        name_en="other matters",
        kind="prose",
        required=True,
        section=6,
    ),
    FieldSpec(key="source", label="来源", name_en="source metadata", kind="object", required=False),
)
SOURCE_FIELDS = (
    FieldSpec(key="url", label="来源网址", name_en="source address", kind="text", required=False),
    FieldSpec(key="retrieved", label="获取日期", name_en="retrieval date", kind="text", required=False),
    FieldSpec(key="issuing_office", label="编制机构", name_en="issuing office", kind="text", required=False),
    FieldSpec(key="contact", label="联系方式", name_en="contact", kind="text", required=False),
)

EDITION = Edition(
    name=NAME,
    notice=NOTICE,
    title_en="Annual report on government information disclosure work, 2021 format",
    fields=FIELDS,
    tables=(PROACTIVE_DISCLOSURE, REQUESTS, REVIEW_AND_LITIGATION),
    report_type=model.Report,
)
