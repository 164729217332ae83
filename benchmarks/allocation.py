"""Suggests allocations for a seeded, realistic instance, beside the greedy way, and checks both for broken rules.

    python benchmarks/allocation.py --cases 100000 --assessors 500

Prints `allocation cases=N assessors=M seconds=S objective=O bound=L gap_pct=G greedy_objective=GO
improvement_pct=I violations=V`, then what the objective is made of: `travel_saving_pct`, `cost_saving_pct`
and `red_allocated`/`greedy_red_allocated`. S times the optimiser alone; the bound is the LP relaxation of the
same model solved separately by HiGHS.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessflow.settings")


def main() -> None:
    import django

    django.setup()
    from assessflow.allocation import constraints, instances, optimiser

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--assessors", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    cases, team, matrix = instances.instance(cases=args.cases, assessors=args.assessors, seed=args.seed)
    weights = constraints.Weights()
    best = optimiser.solve(cases, team, weights, matrix)
    greedy = optimiser.greedy(cases, team, weights, matrix)
    bound = optimiser.lp_bound(cases, team, weights, matrix)
    broken = optimiser.violations(best, cases, team, weights) + optimiser.violations(greedy, cases, team, weights)
    gap = (bound - best.objective) / abs(bound) * 100 if bound else 0.0
    improvement = (best.objective - greedy.objective) / abs(greedy.objective) * 100 if greedy.objective else 0.0
    by_case, by_assessor = {c.id: c for c in cases}, {a.id: a for a in team}

    def total(solution, part: str) -> int:
        return sum(
            getattr(constraints.terms(by_case[c], by_assessor[a], weights, matrix), part)
            for c, a in solution.assignments.items()
        )

    def saving(part: str) -> float:
        theirs = total(greedy, part)
        return (theirs - total(best, part)) / theirs * 100 if theirs else 0.0

    def red(solution) -> int:
        return sum(1 for c in solution.assignments if by_case[c].priority == "red")

    print(
        f"allocation cases={len(cases)} assessors={len(team)} seconds={best.seconds:.2f} objective={best.objective} "
        f"bound={bound:.0f} gap_pct={gap:.4f} greedy_objective={greedy.objective} improvement_pct={improvement:.2f} "
        f"violations={len(broken)} travel_saving_pct={saving('travel'):.1f} cost_saving_pct={saving('cost'):.1f} "
        f"red_allocated={red(best)} greedy_red_allocated={red(greedy)}"
    )


if __name__ == "__main__":
    main()
