"""Suggested allocations as a min-cost flow (OR-Tools), a greedy baseline, and an independent bound (HiGHS).

Cases that differ only in priority and days waiting are interchangeable between assessors
(those terms do not depend on who takes the case), so they share one class node: the
network has one arc per case, one per class and eligible assessor, and one per assessor,
instead of one per case and assessor. A case with continuity or a conflict of interest is
a class of its own. The flow is integral and optimal; `lp_bound` solves the same model's
LP relaxation separately with HiGHS, and `exact` the full integer programme for small
instances, so tests and the benchmark can check the solver rather than trust it.
"""

import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np
from ortools.graph.python import min_cost_flow

from .constraints import RULES, Assessor, Case, Weights, broken_rule, cost_pence, spread_caps, terms, travel_minutes

Matrix = dict[tuple[str, str], int]


@dataclass
class Solution:
    assignments: dict[int, int] = field(default_factory=dict)  # case id -> assessor id
    blocked: dict[int, str] = field(default_factory=dict)  # case id -> the rule that blocks it
    objective: int = 0
    seconds: float = 0.0


@dataclass
class _Network:
    caps: dict[int, int]  # fair shares; capacity is each assessor's own
    classes: list[list[Case]]  # cases of each class
    arcs: list[tuple[int, int, int]]  # (class index, assessor index, pair value)
    blocked: dict[int, str]


def _class_key(case: Case):
    if case.known_assessors or case.conflicts:
        return ("case", case.id)
    return (case.work_type, case.area, case.skills_needed, case.handed_contract)


def _blocking_rule(case: Case, assessors: list[Assessor]) -> str:
    reached = (
        max((RULES.index(r) if (r := broken_rule(case, a)) else len(RULES)) for a in assessors) if assessors else 0
    )
    return RULES[reached] if reached < len(RULES) else "capacity"


def _network(cases: list[Case], assessors: list[Assessor], weights: Weights, matrix: Matrix) -> _Network:
    caps = spread_caps(assessors, len(cases), weights.spread_tolerance_pct)
    by_area: dict[str, list[int]] = defaultdict(list)
    for index, assessor in enumerate(assessors):
        for area in assessor.areas:
            by_area[area].append(index)
    grouped: dict[object, list[Case]] = defaultdict(list)
    for case in cases:
        grouped[_class_key(case)].append(case)
    classes, arcs, blocked = [], [], {}
    for members in grouped.values():
        sample = members[0]
        eligible = [
            (i, terms(sample, assessors[i], weights, matrix))
            for i in by_area.get(sample.area, ())
            if assessors[i].capacity > 0 and broken_rule(sample, assessors[i]) is None
        ]
        if not eligible:
            rule = _blocking_rule(sample, assessors)
            blocked.update((c.id, rule) for c in members)
            continue
        index = len(classes)
        classes.append(members)
        # Priority and waiting ride on the case's own arc; the pair's terms on the class's arcs.
        arcs += [(index, i, t.continuity - t.travel - t.cost) for i, t in eligible]
    return _Network(caps, classes, arcs, blocked)


def _case_value(case: Case, weights: Weights) -> int:
    return weights.priority(case.priority) + weights.per_day_waiting * case.days_waiting


@dataclass
class _Arcs:
    tails: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    capacities: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)

    def add(self, tail: int, head: int, capacity: int, cost: int) -> int:
        self.tails.append(tail), self.heads.append(head), self.capacities.append(capacity), self.costs.append(cost)
        return len(self.tails) - 1

    def solve(self, supplies: np.ndarray) -> tuple[np.ndarray, int]:
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            np.array(self.tails, dtype=np.int32),
            np.array(self.heads, dtype=np.int32),
            np.array(self.capacities, dtype=np.int64),
            np.array(self.costs, dtype=np.int64),
        )
        flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
        if flow.solve() != flow.OPTIMAL:
            raise RuntimeError("The allocation network has no optimal flow")
        return flow.flows(np.arange(len(self.tails), dtype=np.int32)), int(flow.optimal_cost())


def solve(
    cases: list[Case],
    assessors: list[Assessor],
    weights: Weights,
    matrix: Matrix | None = None,
    progress: Callable[[str], None] | None = None,
) -> Solution:
    """The allocation that maximises the council's objective with every hard rule and capacity held."""
    started = time.perf_counter()
    network = _network(cases, assessors, weights, matrix or {})
    solution = Solution(blocked=dict(network.blocked))
    n_cases = sum(len(m) for m in network.classes)
    if progress:
        progress("solving")
    if n_cases:
        _solve_network(network, assessors, weights, n_cases, solution)
    solution.seconds = time.perf_counter() - started
    return solution


def _solve_network(network: _Network, assessors: list[Assessor], weights: Weights, n_cases: int, solution: Solution):
    source, sink, first_class = 0, 1, 2
    first_assessor = first_class + len(network.classes)
    arcs = _Arcs()
    case_arcs = [
        (arcs.add(source, first_class + index, 1, -_case_value(case, weights)), index, case)
        for index, members in enumerate(network.classes)
        for case in members
    ]
    class_arcs = [
        arcs.add(first_class + index, first_assessor + a, len(network.classes[index]), -pair)
        for index, a, pair in network.arcs
    ]
    for a, assessor in enumerate(assessors):
        share = network.caps[assessor.id]
        arcs.add(first_assessor + a, sink, share, 0)
        arcs.add(first_assessor + a, sink, assessor.capacity - share, weights.over_share_penalty)
    arcs.add(source, sink, n_cases, 0)  # left unallocated this time
    supplies = np.zeros(first_assessor + len(assessors), dtype=np.int64)
    supplies[source], supplies[sink] = n_cases, -n_cases
    flows, cost = arcs.solve(supplies)
    best_pair: dict[int, int] = {}
    for index, _, pair in network.arcs:
        best_pair[index] = max(pair, best_pair.get(index, pair))
    taken: dict[int, list[Case]] = defaultdict(list)
    for arc_index, index, case in case_arcs:
        if flows[arc_index]:
            taken[index].append(case)
        else:
            worth_it = _case_value(case, weights) + best_pair[index] > 0
            solution.blocked[case.id] = "capacity" if worth_it else "weights"
    # Cases of a class are interchangeable between its assessors: hand them out by the flow's counts.
    for arc_index, (index, a, _) in zip(class_arcs, network.arcs, strict=True):
        for _ in range(flows[arc_index]):
            solution.assignments[taken[index].pop().id] = assessors[a].id
    solution.objective = -cost


def _over_share(solution: Solution, assessors: list[Assessor], weights: Weights, n_cases: int) -> int:
    share = spread_caps(assessors, n_cases, weights.spread_tolerance_pct)
    load: dict[int, int] = defaultdict(int)
    for assessor_id in solution.assignments.values():
        load[assessor_id] += 1
    return weights.over_share_penalty * sum(max(0, load[a.id] - share[a.id]) for a in assessors)


def objective(solution: Solution, cases: list[Case], assessors: list[Assessor], weights: Weights, matrix: Matrix):
    """The allocation's score: every case's terms, less the penalty for work beyond assessors' fair shares."""
    by_case, by_assessor = {c.id: c for c in cases}, {a.id: a for a in assessors}
    total = sum(terms(by_case[c], by_assessor[a], weights, matrix).total for c, a in solution.assignments.items())
    return total - _over_share(solution, assessors, weights, len(cases))


def greedy(cases: list[Case], assessors: list[Assessor], weights: Weights, matrix: Matrix | None = None) -> Solution:
    """How allocation is done by hand: highest priority and longest wait first, each to the cheapest eligible
    assessor with room (then the nearest)."""
    started = time.perf_counter()
    matrix = matrix or {}
    share = spread_caps(assessors, len(cases), weights.spread_tolerance_pct)
    left = {a.id: a.capacity for a in assessors}
    by_area: dict[str, list[Assessor]] = defaultdict(list)
    for assessor in assessors:
        for area in assessor.areas:
            by_area[area].append(assessor)
    ranked: dict[object, list[Assessor]] = {}
    solution = Solution()
    for case in sorted(cases, key=lambda c: (-weights.priority(c.priority), -c.days_waiting, c.id)):
        key = _class_key(case)
        if key not in ranked:
            eligible = [a for a in by_area.get(case.area, ()) if broken_rule(case, a) is None]
            ranked[key] = sorted(
                eligible, key=lambda a: (cost_pence(a, case, weights), travel_minutes(a, case, weights, matrix), a.id)
            )
        # Within fair shares first, as a manager sharing out work would; beyond them only if no one else can.
        chosen = next((a for a in ranked[key] if share[a.id] > a.capacity - left[a.id]), None) or next(
            (a for a in ranked[key] if left[a.id] > 0), None
        )
        if chosen is None:
            solution.blocked[case.id] = "capacity" if ranked[key] else _blocking_rule(case, assessors)
            continue
        left[chosen.id] -= 1
        solution.assignments[case.id] = chosen.id
    solution.objective = objective(solution, cases, assessors, weights, matrix)
    solution.seconds = time.perf_counter() - started
    return solution


def _quiet_highs() -> highspy.Highs:
    """HiGHS prints a banner from C++ when it is created, whatever its options: keep it off our stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            model = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    model.setOptionValue("output_flag", False)
    return model


def _highs(costs, lower, upper, rows_lower, rows_upper, starts, indices, values, integer: bool = False) -> float:
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(costs), len(rows_lower)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = np.array(costs, float), np.array(lower, float), np.array(upper, float)
    lp.row_lower_, lp.row_upper_ = np.array(rows_lower, float), np.array(rows_upper, float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = np.array(starts, np.int32), np.array(indices, np.int32)
    lp.a_matrix_.value_ = np.array(values, float)
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(costs)
    model = _quiet_highs()
    model.passModel(lp)
    model.run()
    return -model.getInfo().objective_function_value


def _assessor_rows(assessors: list[Assessor], shares: dict[int, int], first_row: int):
    """Each assessor's two rows (capacity, share) and their `over` columns: work beyond the share, at a cost."""
    n_a = len(assessors)
    lower = [0.0] * (2 * n_a)
    upper = [float(a.capacity) for a in assessors] + [float(shares[a.id]) for a in assessors]
    over = [(first_row + n_a + i, max(0, a.capacity - shares[a.id])) for i, a in enumerate(assessors)]
    return lower, upper, over


def _model(n_rows: int, columns: list[tuple[float, float, list[tuple[int, float]]]], rows, integer=False) -> float:
    """Maximise: columns are (score, upper bound, [(row, coefficient)]); rows are (lower, upper) bounds."""
    costs, starts, indices, values = [], [0], [], []
    for score, _, entries in columns:
        costs.append(-score)
        for row, coefficient in entries:
            indices.append(row), values.append(coefficient)
        starts.append(len(indices))
    if not costs:
        return 0.0
    uppers = [u for _, u, _ in columns]
    return _highs(costs, [0.0] * len(costs), uppers, rows[0], rows[1], starts, indices, values, integer=integer)


def lp_bound(cases: list[Case], assessors: list[Assessor], weights: Weights, matrix: Matrix | None = None) -> float:
    """The LP relaxation of the same model, solved by HiGHS: no allocation can score more than this."""
    network = _network(cases, assessors, weights, matrix or {})
    n_classes = len(network.classes)
    lower, upper, over = _assessor_rows(assessors, network.caps, n_classes)
    n_a = len(assessors)
    columns = [
        (_case_value(case, weights), 1.0, [(index, 1.0)])  # the case is allocated
        for index, members in enumerate(network.classes)
        for case in members
    ]
    columns += [  # cases of a class to an assessor: out of the class, into the assessor's two rows
        (pair, highspy.kHighsInf, [(index, -1.0), (n_classes + a, 1.0), (n_classes + n_a + a, 1.0)])
        for index, a, pair in network.arcs
    ]
    columns += [(-weights.over_share_penalty, float(room), [(row, -1.0)]) for row, room in over]
    return _model(n_classes + 2 * n_a, columns, ([0.0] * n_classes + lower, [0.0] * n_classes + upper))


def exact(cases: list[Case], assessors: list[Assessor], weights: Weights, matrix: Matrix | None = None) -> float:
    """The full integer programme, one variable per eligible case and assessor: for checking small instances."""
    matrix = matrix or {}
    shares = spread_caps(assessors, len(cases), weights.spread_tolerance_pct)
    n_c, n_a = len(cases), len(assessors)
    lower, upper, over = _assessor_rows(assessors, shares, n_c)
    columns = [
        (terms(case, a, weights, matrix).total, 1.0, [(ci, 1.0), (n_c + ai, 1.0), (n_c + n_a + ai, 1.0)])
        for ci, case in enumerate(cases)
        for ai, a in enumerate(assessors)
        if a.capacity > 0 and broken_rule(case, a) is None
    ]
    columns += [(-weights.over_share_penalty, float(room), [(row, -1.0)]) for row, room in over]
    value = _model(n_c + 2 * n_a, columns, ([0.0] * n_c + lower, [1.0] * n_c + upper), integer=True)
    return max(value, 0.0)


def violations(solution: Solution, cases: list[Case], assessors: list[Assessor], weights: Weights) -> list[str]:
    """Every hard rule or capacity the allocation breaks; empty when it breaks none."""
    by_case, by_assessor = {c.id: c for c in cases}, {a.id: a for a in assessors}
    load: dict[int, int] = defaultdict(int)
    problems = []
    for case_id, assessor_id in solution.assignments.items():
        rule = broken_rule(by_case[case_id], by_assessor[assessor_id])
        if rule:
            problems.append(f"case {case_id} to assessor {assessor_id} breaks the {rule} rule")
        load[assessor_id] += 1
    problems += [
        f"assessor {a} has {n} against a capacity of {by_assessor[a].capacity}"
        for a, n in load.items()
        if n > by_assessor[a].capacity
    ]
    return problems
