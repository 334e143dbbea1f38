"""The message templates of every finding code that is not a rule of an edition: loading (``json.*``,
``schema.*``), parsing (``parse.*``, ``layout.*``), upgrading (``upgrade.*``), diagnosis (``diagnosis.*``), the
command line and corpus runs (``input.*``, ``export.*``, ``internal.*``); and the notes a message gets for an
assumption its finding rests on (``assumption.*``).

One table, read by :meth:`govreport.findings.Finding.message_in` whatever has been imported, so a message never
depends on import order. Rule messages belong to the rules, declared with their edition. Templates are
:meth:`str.format` strings over a finding's fields (see :func:`govreport.findings.register_message`).
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

#: code → (Chinese template, English template)
MESSAGES: dict[str, tuple[str, str]] = {
    "json.syntax": (
        "不是合法的 JSON（{location}）：{detail_reason}",
        "not valid JSON ({location}): {detail_reason}",
    ),
    "json.encoding": (
        "不是 UTF-8 编码的文本：{detail_reason}",
        "not UTF-8 text: {detail_reason}",
    ),
    "json.published_format": (
        "{detail_format} 文件不是报告文档（JSON）；发布的报告页面（文本、HTML、PDF）请先用 govreport parse 读取",
        (
            "this is a {detail_format} file, not a report document (JSON); read a published report page (text, "
            "HTML, PDF) with govreport parse first"
        ),
    ),
    "json.too_large": (
        "文档过大：{actual} 个字符，上限 {expected}",
        "document too large: {actual} characters, limit {expected}",
    ),
    "json.too_deep": (
        "文档嵌套过深",
        "document nested too deeply",
    ),
    "json.duplicate_key": (
        "{pointer}：成员重复出现（JSON 对象的成员名必须唯一）",
        "{pointer}: the member appears more than once (member names must be unique)",
    ),
    "schema.type": (
        "{pointer}：类型错误，应为 {expected}，实为 {actual}",
        "{pointer}: wrong type, expected {expected}, got {actual}",
    ),
    "schema.required": (
        "{pointer}：缺少必需的成员",
        "{pointer}: required member is missing",
    ),
    "schema.additionalProperties": (
        "{pointer}：未知的成员（格式中没有此项）",
        "{pointer}: unknown member (not part of the format)",
    ),
    "schema.const": (
        "{pointer}：应为 {expected}，实为 {actual}",
        "{pointer}: expected {expected}, got {actual}",
    ),
    "schema.minLength": (
        "{pointer}：不能为空",
        "{pointer}: must not be empty",
    ),
    "schema.maxLength": (
        "{pointer}：过长，至多 {expected} 个字符，实为 {actual} 个",
        "{pointer}: too long, at most {expected} characters, got {actual}",
    ),
    "schema.range": (
        "{pointer}：超出范围，应为 {expected}，实为 {actual}",
        "{pointer}: out of range, expected {expected}, got {actual}",
    ),
    "schema.text": (
        "{pointer}：文本含有不成对的代理字符",
        "{pointer}: text contains an unpaired surrogate",
    ),
    "input.not_found": (
        "没有这个文件，也没有与之匹配的文件",
        "no such file, and no file matches it",
    ),
    "input.empty": (
        "目录中没有 *.json 文件",
        "the directory holds no *.json file",
    ),
    "input.unreadable": (
        "无法读取：{detail_reason}",
        "cannot be read: {detail_reason}",
    ),
    "input.not_a_report": (
        "不是一份报告：{detail_reason}",
        "not a report: {detail_reason}",
    ),
    "input.error": (
        "无法检查：{detail_reason}",
        "cannot be checked: {detail_reason}",
    ),
    "export.inexact": (
        "{subject}：金额 {actual} 的小数超过 {detail_places} 位，导出的表中留空（精确值见本条）",
        "{subject}: the amount {actual} has more than {detail_places} decimal places; left out of the exported table",
    ),
    "internal.error": (
        "govreport 内部错误（请报告此问题）：{detail_reason}",
        "internal error in govreport (please report it): {detail_reason}",
    ),
    "schema.invalid": (
        "{pointer}：不符合 JSON Schema 的 {detail_keyword} 约束",
        "{pointer}: fails the JSON Schema keyword {detail_keyword}",
    ),
    "parse.truncated": (
        "文档在{location}处截断，未读到：{detail_sections}",
        "the source is cut off at {location}; not read: {detail_sections}",
    ),
    "parse.stopped": (
        (
            "govreport 在第 {detail_page} 页（共 {detail_pages} 页）后停止读取：已达{detail_limit_zh}上限；"
            "未读到：{detail_sections}"
        ),
        (
            "govreport stopped reading after page {detail_page} of {detail_pages}: the {detail_limit} limit was "
            "reached (the source is not cut off); not read: {detail_sections}"
        ),
    ),
    "parse.not_a_number": (
        "{subject}（{location}）：单元格内容“{actual}”不是数字，记为缺失",
        "{subject} ({location}): the cell holds '{actual}', which is not a number; it is read as missing",
    ),
    "parse.formula": (
        "{subject}（{location}）：公式 {excerpt} 未计算（{detail_reason_zh}），记为缺失",
        "{subject} ({location}): the formula {excerpt} is not computed ({detail_reason}); the cell is missing",
    ),
    "parse.section_missing": (
        "未找到第{detail_section}部分（{detail_heading}）",
        "section {detail_section} ({detail_heading}) was not found",
    ),
    "parse.table_missing": (
        "未找到表格“{detail_table}”的任何一行（可能以图片发布）",
        "no row of the table '{detail_table}' was found (it may be published as an image)",
    ),
    "parse.realigned": (
        "{location}：该行只有 {detail_found} 个数值（应有 {detail_columns} 个），按行合计关系重新对齐：{subjects}",
        (
            "{location}: the row has {detail_found} values for {detail_columns} columns; "
            "re-aligned as the row totals prove: {subjects}"
        ),
    ),
    "parse.values_misfit": (
        (
            "{subject}（{location}）：该行有 {detail_found} 个数值，应有 {detail_columns} 列（数值丢失、相邻两数连写、"
            "一个数被拆开或重复）；合计关系留下 {detail_readings} 种读法，只读取各读法一致的 {detail_read} 个单元格，"
            "其余记为缺失"
        ),
        (
            "{subject} ({location}): the row has {detail_found} values for {detail_columns} columns (a value lost, "
            "two run together, one split or repeated); the totals leave {detail_readings} readings: only the "
            "{detail_read} cells they agree on were read, the others are missing"
        ),
    ),
    "parse.digits_split": (
        "{subject}（{location}）：连在一起的数字“{excerpt}”按合计关系只有一种拆分：{detail_candidates}",
        (
            "{subject} ({location}): the digits '{excerpt}' run together split into the cells in one way only: "
            "{detail_candidates}"
        ),
    ),
    "parse.digits_ambiguous": (
        (
            "{subject}（{location}）：连在一起的数字“{excerpt}”拆成 {detail_columns} 格，符合合计关系的拆分有 "
            "{detail_readings} 种（{detail_candidates}）；只读取各拆分一致的 {detail_read} 个单元格，其余记为缺失"
        ),
        (
            "{subject} ({location}): the digits '{excerpt}' run together split into {detail_columns} cells in "
            "{detail_readings} ways the totals allow ({detail_candidates}); only the {detail_read} cells they agree "
            "on were read, the others are missing"
        ),
    ),
    "parse.lookalike_read": (
        "{subject}（{location}）：单元格“{actual}”中有形似数字的字母（OCR），按勾稽关系读作 {expected}",
        (
            "{subject} ({location}): the cell '{actual}' holds letters that look like digits (OCR); the relations "
            "confirm it as {expected}"
        ),
    ),
    "parse.unplaced_value": (
        "{location}：数值 {actual} 无法确定所属单元格（{detail_context}）",
        "{location}: the value {actual} cannot be placed in a cell ({detail_context})",
    ),
    "parse.not_a_count": (
        "{subject}（{location}）：件数应为整数，实为 {actual}",
        "{subject} ({location}): a count must be a whole number, not {actual}",
    ),
    "parse.duplicate_row": (
        "{location}：重复的行“{excerpt}”，其数值未采用",
        "{location}: the row '{excerpt}' appears again; its values are not used",
    ),
    "parse.label_unknown": (
        "{location}：表格中无法识别的文字“{excerpt}”",
        "{location}: text in a table that is not a label of the format: '{excerpt}'",
    ),
    "parse.columns_2019": (
        "{location}：该子表使用2019年试行格式的列（“{excerpt}”），其数值不计入2021年格式的单元格",
        (
            "{location}: this sub-table has the 2019 trial format's columns ('{excerpt}'); "
            "its values are not read into the 2021 cells"
        ),
    ),
    "parse.edition_detected": (
        "{location}：按“{actual}”版（{detail_notice}）读取，依据：{detail_signs}（其他版本的标志：{detail_others}）",
        (
            "{location}: read as edition '{actual}' ({detail_notice}), from what it prints: {detail_signs} (signs of "
            "other editions: {detail_others})"
        ),
    ),
    "parse.unit_assumed": (
        "{subject}（{location}）：金额“{excerpt}”未注明单位，按{detail_unit}计",
        "{subject} ({location}): the amount '{excerpt}' names no unit; it is taken as {detail_unit}",
    ),
    "parse.label_variant": (
        "{location}：“{actual}”按“{expected}”识别",
        "{location}: '{actual}' read as '{expected}'",
    ),
    "parse.agency_missing": (
        "未能识别{subject}，已填入占位文字“{actual}”；请用 agency 参数提供",
        "the agency could not be read; the placeholder '{actual}' was written, pass agency= to set it",
    ),
    "parse.year_missing": (
        "未能识别{subject}，已填入占位年份 {actual}；请用 year 参数提供",
        "the statistics year could not be read; the placeholder {actual} was written, pass year= to set it",
    ),
    "parse.year_conflict": (
        (
            "{location}：{detail_other_zh}的年份 {expected} 与{detail_source_zh}的年份 {actual} 不一致，"
            "采用{detail_source_zh}的年份"
        ),
        (
            "{location}: the {detail_other_en} says {expected} but the {detail_source_en} says {actual}; the "
            "{detail_source_en}'s year is used"
        ),
    ),
    "parse.agency_conflict": (
        "{detail_other_zh}所写的机关“{actual}”与{detail_source_zh}所写的“{expected}”不同，采用{detail_source_zh}的",
        (
            "the {detail_other_en} names the agency '{actual}' but the {detail_source_en} names '{expected}'; the "
            "{detail_source_en}'s is used"
        ),
    ),
    "parse.agency_uncertain": (
        "{subject}“{actual}”仅见于{detail_source_zh}，未必准确；请核对，或用 agency 参数提供",
        "the agency '{actual}' is stated only by the {detail_source_en}, which may be wrong; check it or pass agency=",
    ),
    "parse.year_uncertain": (
        "{subject} {actual} 仅由{detail_source_zh}推得，未必准确；请核对，或用 year 参数提供",
        (
            "the statistics year {actual} is only inferred from the {detail_source_en}, which may be wrong; check "
            "it or pass year="
        ),
    ),
    "parse.hint_differs": (
        "参数提供的{detail_field}“{actual}”与文档中的“{expected}”不同，采用参数",
        "the {detail_field} given ('{actual}') differs from the source ('{expected}'); the given one is used",
    ),
    "layout.collapsed_row": (
        "{location}：“{detail_group}”印为一行（2019年格式），数值计入“{detail_line}”，其余两项记为 0：{subjects}",
        (
            "{location}: '{detail_group}' is printed as one row (2019 layout); "
            "its values went to '{detail_line}' and the two other sub-rows are 0: {subjects}"
        ),
    ),
    "assumption.blank_as_zero": (
        "（假定空白单元格为 0：{missing}）",
        " (assuming blank cells are 0: {missing})",
    ),
    "upgrade.lost": (
        "{subject}（{pointer}，{actual}）：新版格式中没有对应的单元格，未保留：{detail_reason}",
        "{pointer} ({subject}, {actual}): no cell of the newer edition counts this; dropped: {detail_reason_en}",
    ),
    "upgrade.unsourced": (
        "{subject}（{pointer}）：旧版格式中没有对应的数据，记为空（null）：{detail_reason}",
        "{pointer} ({subject}): nothing in the older edition counts this; left null: {detail_reason_en}",
    ),
    "upgrade.assumed": (
        "{subject}（{pointer}）：旧版格式没有此项，记为 0：{detail_reason}",
        "{pointer} ({subject}): the older edition has no such row; set to 0: {detail_reason_en}",
    ),
    "assumption.collapsed_row": (
        "（假定：合并印刷的一行按约定拆分）",
        " (assumed: the convention for a row printed as one)",
    ),
    "diagnosis.cell": (
        (
            "{subject}：印为 {actual}，应为 {expected}；改正这一格，不成立的等式即全部成立"
            "（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "{subject}: printed {actual}, should be {expected}; correcting this one cell makes every failing equation "
            "hold ({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.wrong_row_total": (
        (
            "{subject}：印为 {actual}，与同列另一行的 {detail_copied_from} 相同，疑为抄错了行的总计；"
            "应为 {expected}（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "{subject}: printed {actual}, the same as {detail_copied_from} in another row, probably a total "
            "copied from the wrong row; it should be {expected} "
            "({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.transposed_digits": (
        (
            "{subject}：印为 {actual}，应为 {expected}（两位数字颠倒）；改正这一格，不成立的等式即全部成立"
            "（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "{subject}: printed {actual}, should be {expected} (two digits transposed); correcting this one cell makes "
            "every failing equation hold ({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.shifted_row": (
        (
            "{subject}起的数值疑整体错位了一列；改正为：{detail_corrections}"
            "（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "the values from {subject} on look shifted by one column; corrected: {detail_corrections} "
            "({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.merged_digits": (
        (
            "{subject}印为 {actual}，疑为相邻两格的数字被读成一个数、其后各格左移了一列；"
            "改正为：{detail_corrections}（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "{subject} is printed {actual}: two neighbouring cells look read as one number and the rest moved one "
            "column left; corrected: {detail_corrections} "
            "({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.split_digits": (
        (
            "{subject}印为 {actual}，疑为一个数 {expected} 被拆成了两格、其后各格右移了一列；"
            "改正为：{detail_corrections}（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "{subject} is printed {actual}: the number {expected} looks split over two cells and the rest moved one "
            "column right; corrected: {detail_corrections} "
            "({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.cells": (
        (
            "两格有误：{detail_corrections}；改正后，不成立的等式即全部成立"
            "（{detail_explains}；同样小的解释共 {detail_explanations} 种）"
        ),
        (
            "two cells are wrong: {detail_corrections}; corrected, every failing equation holds "
            "({detail_explains}; equally small explanations: {detail_explanations})"
        ),
    ),
    "diagnosis.ambiguous": (
        (
            "有 {detail_explanations} 种同样小的改正都能使不成立的等式（{detail_explains}）全部成立，无法判定是哪一种，"
            "均列出：{detail_candidates}"
        ),
        (
            "{detail_explanations} equally small corrections each make every failing equation hold "
            "({detail_explains}); none can be picked, all are listed: {detail_candidates}"
        ),
    ),
    "diagnosis.unexplained": (
        "改正一格、两格、一行错位、数字粘连或拆分，都不能使不成立的等式（{detail_explains}）全部成立",
        (
            "no correction of one or two cells, a shifted row, or merged or split digits makes every failing equation "
            "hold ({detail_explains})"
        ),
    ),
    "diagnosis.inferred": (
        "{subject}：单元格缺失，但等式确定其值必为 {expected}（{detail_from}）",
        "{subject}: the cell is missing, but the equations determine that it must be {expected} ({detail_from})",
    ),
}
