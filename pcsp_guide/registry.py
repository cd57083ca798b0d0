"""Every pcsp fence, in one list: the Markdown extension registers these, the docs list these."""

from __future__ import annotations

from pcsp_guide.checklist import IMPLEMENTATION_CHECKLIST
from pcsp_guide.fences import CLEAR_DEVICE, OUTCOME, PLAN_EDITOR
from pcsp_guide.plan_example import PLAN_EXAMPLE
from pcsp_guide.quotes import FRAMEWORK
from pcsp_guide.team import CHECK_OUR_PLANS, OVER_TIME, SELF_ASSESSMENT, TOGETHER
from pcsp_guide.widget import Fence

FENCES: tuple[Fence, ...] = (
    OUTCOME, PLAN_EXAMPLE, FRAMEWORK,  # the trainers' three
    PLAN_EDITOR, SELF_ASSESSMENT, TOGETHER, OVER_TIME, IMPLEMENTATION_CHECKLIST, CLEAR_DEVICE, CHECK_OUR_PLANS,
)
