"""Shopify products export: variant rows repeat the Handle with blank product-level fields."""

from tools.analytics.importers import values
from tools.analytics.importers.context import Context
from tools.analytics.importers.models import ProductRow

PRODUCT_FIELDS = ("title", "vendor", "product_type")


def parse(ctx: Context) -> None:
    """One product row per variant SKU, product-level fields inherited from the handle's first row."""
    inherited: dict[str, dict[str, str | None]] = {}
    for record in ctx.records():
        handle = ctx.text(record, "handle")
        if not handle:
            ctx.parsed.reject(record.line, "missing Handle")
            continue
        own = {name: ctx.text(record, name) for name in PRODUCT_FIELDS}
        known = inherited.setdefault(handle, own)
        fields = {name: own[name] or known.get(name) for name in PRODUCT_FIELDS}
        sku = ctx.text(record, "variant_sku")
        if not sku:
            if any(own.values()):
                inherited[handle] = {**known, **{k: v for k, v in own.items() if v}}
            if not values.is_empty(ctx.cell(record, "variant_price")):
                ctx.parsed.reject(record.line, f"product {handle}: variant without a SKU")
            continue  # an image-only row
        try:
            price = ctx.money(record, "variant_price")
        except ValueError as exc:
            ctx.parsed.reject(record.line, f"product {handle}: {exc}")
            continue
        currency = ctx.text(record, "currency") or ctx.defaults.currency
        ctx.parsed.products.append(
            ProductRow(
                sku, handle, fields["title"], fields["vendor"], fields["product_type"], price, currency
            )
        )
        ctx.parsed.rows_ok += 1
