"""Writing demo orders as Shopify exports (the web shop, and TikTok Shop orders synced into Shopify)."""

import csv
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tools.analytics.demogen.config import DemoConfig
from tools.analytics.demogen.orders import DemoOrder

ORDER_HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]
PRODUCT_HEADER = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Image Src",
    "Image Position",
    "Status",
]
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"
SHOP_URL = "https://lumacamp.example"


def _status(order: DemoOrder) -> str:
    if order.cancelled:
        return "voided"
    if order.refund:
        return "refunded" if order.refund >= order.total else "partially_refunded"
    return "paid"


def _note(order: DemoOrder) -> str:
    """UTMs as Shopify stores them from the checkout: attribute lines or a landing-page URL."""
    if not order.utm:
        return ""
    source, medium, campaign = order.utm
    if order.click:
        handle = order.lines[0].product.handle
        click = f"{order.click[0]}={order.click[1]}"
        query = f"utm_source={source}&utm_medium={medium}&utm_campaign={campaign}&{click}"
        return f"landing_page: {SHOP_URL}/products/{handle}?{query}"
    return f"utm_source: {source}\nutm_medium: {medium}\nutm_campaign: {campaign}"


def _order_rows(order: DemoOrder, zone: ZoneInfo, source: str, number: int) -> list[dict[str, str]]:
    created = order.created.astimezone(zone)
    first = {
        "Name": order.order_id,
        "Email": order.email or "",
        "Financial Status": _status(order),
        "Paid at": created.strftime(TIME_FORMAT),
        "Fulfillment Status": "fulfilled",
        "Accepts Marketing": "yes",
        "Currency": order.currency,
        "Subtotal": f"{order.subtotal:.2f}",
        "Shipping": f"{order.shipping:.2f}",
        "Taxes": f"{order.tax:.2f}",
        "Total": f"{order.total:.2f}",
        "Discount Code": order.discount_code or "",
        "Discount Amount": f"{order.discount:.2f}",
        "Shipping Method": "Standard",
        "Created at": created.strftime(TIME_FORMAT),
        "Billing Name": f"Customer {number}",
        "Billing Zip": f"'{number % 90000 + 10000:05d}",
        "Billing Country": order.market,
        "Shipping Name": f"Customer {number}",
        "Shipping Zip": f"'{number % 90000 + 10000:05d}",
        "Shipping Province": order.region or "",
        "Shipping Country": order.market,
        "Shipping Phone": f"'+00 {number:09d}",
        "Note Attributes": _note(order),
        "Cancelled at": (created + timedelta(hours=3)).strftime(TIME_FORMAT) if order.cancelled else "",
        "Payment Method": "Shopify Payments",
        "Refunded Amount": f"{order.refund:.2f}",
        "Id": str(5_000_000_000 + number),
        "Risk Level": "Low",
        "Source": source,
        "Tags": "TikTok Shop" if source == "tiktok" else "",
    }
    rows = []
    for index, line in enumerate(order.lines):
        row = first if index == 0 else {"Name": order.order_id}
        row |= {
            "Lineitem quantity": str(line.quantity),
            "Lineitem name": line.product.title,
            "Lineitem price": f"{line.unit_price:.2f}",
            "Lineitem sku": line.product.sku,
            "Lineitem requires shipping": "true",
            "Lineitem taxable": "true",
            "Lineitem fulfillment status": "fulfilled",
            "Vendor": "Lumacamp",
            "Lineitem discount": f"{line.discount:.2f}",
        }
        rows.append(row)
    return rows


def write_shopify_orders(
    path: Path, orders: list[DemoOrder], config: DemoConfig, tiktok: bool = False
) -> Path:
    """A Shopify orders export; TikTok Shop orders keep the buyer's local time, as the app syncs them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ORDER_HEADER, restval="", lineterminator="\r\n")
        writer.writeheader()
        for number, order in enumerate(orders, start=1):
            zone = ZoneInfo(config.timezones[order.market] if tiktok else config.shop_timezone)
            writer.writerows(_order_rows(order, zone, "tiktok" if tiktok else "web", number))
    return path


def write_shopify_products(path: Path, config: DemoConfig) -> Path:
    """A Shopify products export: a product row, an image-only row, and a second colour for chairs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, PRODUCT_HEADER, restval="", lineterminator="\r\n")
        writer.writeheader()
        for product in config.catalog:
            image = f"https://cdn.example/{product.handle}"
            writer.writerow(
                {
                    "Handle": product.handle,
                    "Title": product.title,
                    "Vendor": config.brand,
                    "Body (HTML)": f"<p>{product.title} by {config.brand}.</p>",
                    "Type": product.product_type,
                    "Published": "TRUE",
                    "Option1 Name": "Title",
                    "Option1 Value": "Default Title",
                    "Variant SKU": product.sku,
                    "Variant Price": f"{product.price_usd:.2f}",
                    "Status": "active",
                    "Image Src": f"{image}-1.jpg",
                    "Image Position": "1",
                }
            )
            writer.writerow({"Handle": product.handle, "Image Src": f"{image}-2.jpg", "Image Position": "2"})
            if product.product_type == "Chairs":
                writer.writerow(
                    {
                        "Handle": product.handle,
                        "Option1 Value": "Sand",
                        "Variant SKU": f"{product.sku}-SD",
                        "Variant Price": f"{product.price_usd:.2f}",
                    }
                )
    return path
