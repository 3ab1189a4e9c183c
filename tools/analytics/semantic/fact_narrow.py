"""A fact's SQL narrowed to one question: the columns it reads, the lookups those need, its filters inside.

Read whole, a fact costs every column and join and, for order lines, a window over every line
of every order before the question's dates apply (the database cannot move a filter below a
window on its own). Narrowed, it gives the same numbers from the rows and tables the question needs.
"""

import sqlglot
from sqlglot import exp

from tools.analytics.semantic.model import Fact


def column_names(tree: exp.Expr) -> set[str]:
    """The names of the columns an expression reads."""
    return {column.name for column in tree.find_all(exp.Column)}


def _keep_columns(select: exp.Select, needed: set[str]) -> None:
    kept = [p for p in select.expressions if p.alias_or_name in needed]
    select.set("expressions", kept or select.expressions[:1])  # a SELECT needs one column


def _unused_lookup(select: exp.Select, lookups: list[str]) -> exp.Join | None:
    joins: list[exp.Join] = select.args.get("joins") or []
    for join in joins:
        alias = join.this.alias_or_name
        if alias not in lookups:
            continue
        others = [node for node in select.iter_expressions() if node is not join]
        # An unqualified column might be the lookup's, so it keeps the lookup.
        if not any(c.table in (alias, "") for node in others for c in node.find_all(exp.Column)):
            return join
    return None


def _drop_unused_lookups(select: exp.Select, lookups: list[str]) -> None:
    """Leave out lookup joins nothing reads; dropping one can free the lookups it read from."""
    while (join := _unused_lookup(select, lookups)) is not None:
        select.set("joins", [j for j in select.args["joins"] if j is not join])


def _inside(select: exp.Select, condition: exp.Expr) -> exp.Expr:
    """The condition on the fact's output columns, written on the expressions that compute them."""
    sources = {p.alias_or_name: p.unalias() for p in select.expressions}

    def swap(node: exp.Expr) -> exp.Expr:
        if not isinstance(node, exp.Column):
            return node
        source = sources[node.name].copy()
        return source if isinstance(source, exp.Column) else exp.Paren(this=source)

    return condition.copy().transform(swap)


def _may_filter_early(fact: Fact, condition: exp.Expr) -> bool:
    if fact.filter_before_window is None:
        return True
    return column_names(condition) <= set(fact.filter_before_window)


def narrowed_fact(fact: Fact, needed: set[str], conditions: list[exp.Expr]) -> exp.Select:
    """The fact's SELECT with only the `needed` output columns, and the conditions it may apply inside.

    `conditions` are on the fact's output columns; each is also kept on the query over the fact,
    so one that cannot be applied inside (a line's SKU before the order's window) still applies.
    """
    select = sqlglot.parse_one(fact.sql, read="duckdb")
    assert isinstance(select, exp.Select)
    early = [_inside(select, c) for c in conditions if _may_filter_early(fact, c)]
    _keep_columns(select, needed)
    if early:
        select = select.where(exp.and_(*early))
    _drop_unused_lookups(select, fact.lookups)
    return select


def read_relations(select: exp.Select) -> dict[str, set[str]]:
    """For each relation the SELECT reads by name (table or CTE), the columns it reads of it."""
    aliases = {table.alias_or_name: table.name for table in select.find_all(exp.Table)}
    reads: dict[str, set[str]] = {name: set() for name in aliases.values()}
    for column in select.find_all(exp.Column):
        if column.table in aliases:
            reads[aliases[column.table]].add(column.name)
        elif not column.table:  # could be any relation's: keeping too much is safe, too little is not
            for columns in reads.values():
                columns.add(column.name)
    return reads
