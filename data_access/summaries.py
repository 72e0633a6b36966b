"""Maintains `assessment_point_results`, the compliance-point summary of `findings`.

Indicator queries read the summary (tens of rows per assessment) instead of the
question-level findings (hundreds per assessment); every writer of findings calls
`refresh_point_results` in the same transaction so the two never disagree.
The any-question rule, fact-gathering exclusion and renamed-code mapping live here once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text

_SELECT = """
SELECT f.assessment_id,
       COALESCE(cm.new_code, q.cp_code) AS cp_code,
       CASE WHEN MAX(CASE WHEN f.non_compliant THEN 1 ELSE 0 END) = 1
            THEN TRUE ELSE FALSE END AS non_compliant
FROM findings f
JOIN questions q ON q.code = f.question_code
LEFT JOIN code_mappings cm ON cm.level = 'compliance_point' AND cm.old_code = q.cp_code
WHERE q.fact_gathering = FALSE
  AND NOT (cm.id IS NOT NULL AND cm.new_code IS NULL)
  {where}
GROUP BY f.assessment_id, COALESCE(cm.new_code, q.cp_code)
"""

_INSERT = "INSERT INTO assessment_point_results (assessment_id, cp_code, non_compliant) "


def refresh_point_results(
    connection: Connection, assessment_ids: Iterable[int] | None = None
) -> None:
    """Recompute the summary for the given assessments (all of them when None)."""
    if assessment_ids is None:
        connection.execute(text("DELETE FROM assessment_point_results"))
        connection.execute(text(_INSERT + _SELECT.format(where="")))
        return
    ids = list(assessment_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        params = {"ids": chunk}
        connection.execute(
            text("DELETE FROM assessment_point_results WHERE assessment_id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            params,
        )
        connection.execute(
            text(_INSERT + _SELECT.format(where="AND f.assessment_id IN :ids")).bindparams(
                bindparam("ids", expanding=True)
            ),
            params,
        )
