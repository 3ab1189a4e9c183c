import json
from decimal import Decimal
from pathlib import Path

import pytest

from agents.names import REQUIRED_SLOTS
from tools.errors import BadInput
from tools.markets import all_markets
from tools.slots import Money, Slots, extract_budget, extract_markets, extract_regions, extract_slots


@pytest.mark.parametrize(
    ("text", "markets"),
    [
        # Chinese, run together with no spaces, longest name first (沙特阿拉伯, 马来西亚)
        ("帮我写德国站的文案并检查合规", ["DE"]),
        ("美区和英国站的listing", ["US", "GB"]),
        ("沙特阿拉伯和阿联酋的斋月投放", ["SA", "AE"]),
        ("在沙特卖香水", ["SA"]),
        ("迪拜的达人", ["AE"]),
        ("印尼、印度尼西亚、泰国、越南", ["ID", "TH", "VN"]),
        ("马来西亚Shopee和马来的达人", ["MY"]),
        ("巴西墨西哥日本韩国西班牙意大利法国", ["BR", "MX", "JP", "KR", "ES", "IT", "FR"]),
        ("德区TikTok", ["DE"]),
        ("用德语和日语写", ["DE", "JP"]),
        ("日韩市场", ["JP", "KR"]),
        # English names, abbreviations, cities
        ("Sell in Germany, then the States, then Saudi Arabia", ["DE", "US", "SA"]),
        ("KSA and UAE first, then the UK", ["SA", "AE", "GB"]),
        ("Ads for Dubai and Britain", ["AE", "GB"]),
        ("USA vs U.K. pricing", ["US", "GB"]),
        ("Launching in Ho Chi Minh City and Kuala Lumpur", ["VN", "MY"]),
        ("for the Korean and Japanese markets", ["KR", "JP"]),
        # native names
        ("Verkauf in Deutschland", ["DE"]),
        ("Vender en España y México", ["ES", "MX"]),
        ("البيع في السعودية والإمارات", ["SA", "AE"]),
        ("Jualan di Indonesia", ["ID"]),
        ("ขายใน ประเทศไทย", ["TH"]),
        ("Bán hàng tại Việt Nam", ["VN"]),
        ("日本と한국で販売", ["JP", "KR"]),
        ("Vendas no Brasil", ["BR"]),
        # mixed
        ("帮我写一个Amazon listing for 德国", ["DE"]),
        ("做一个返校季的投放计划 for US and Canada, 预算$15k", ["US"]),
        ("想找一些Brazil的gaming creators", ["BR"]),
    ],
)
def test_markets_are_found_in_every_language_in_order_of_mention(text: str, markets: list[str]) -> None:
    assert extract_markets(text) == markets


def test_repeated_mentions_count_once_at_their_first_position() -> None:
    assert extract_markets("France first; then Germany; France again, 法国 and Deutschland") == ["FR", "DE"]


def test_every_registry_name_is_recognised() -> None:
    for code, market in all_markets().items():
        assert extract_markets(f"selling to {market.name} now") == [code], market.name
        assert extract_markets(f"卖到{market.name_zh}去") == [code], market.name_zh


@pytest.mark.parametrize(
    ("text", "markets"),
    [
        ("sell on Amazon US and IT", ["US", "IT"]),
        ("US, DE, FR", ["US", "DE", "FR"]),
        ("US DE FR", ["US", "DE", "FR"]),
        ("Shopee MY and Lazada TH", ["MY", "TH"]),
        ("发到US站", ["US"]),
        ("in the US", ["US"]),
        ("US ROAS last month", ["US"]),
        ("TikTok ad text, 100 characters max, US", ["US"]),
        ("Amazon US $5000 budget", ["US"]),
        ("listings for JP and KR", ["JP", "KR"]),
    ],
)
def test_bare_upper_case_codes_count_in_a_market_context(text: str, markets: list[str]) -> None:
    assert extract_markets(text) == markets


@pytest.mark.parametrize(
    "text",
    [
        "Let us know what you think",  # lower-case pronoun
        "contact US",  # a word in capitals, no market context
        "Can you help us?",
        "our IT team needs a report",
        "ask the IT folks",
        "please check order ID 12345",
        "我的ID是123",
        "TikTok Shop ID: 889",
        "MY SHOP IS GREAT",
        "TALK TO US",
        "MY ID is 123",
        "a phone with 128 GB storage",
        "priced at US$500",
        "paid in US dollars",
        "Nestlé SA annual report",
    ],
)
def test_bare_codes_that_are_words_or_units_are_not_markets(text: str) -> None:
    assert extract_markets(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "意大利面的包装设计",  # pasta
        "巴西莓果粉",  # açaí
        "German shepherd dog leash",
        "Brazilian hair extensions",
        "French press coffee maker",
        "New Mexico chili",
        "在国内合法国外违法吗",  # 合法 + 国外, not 法国
        "帮我检查语法语病",  # 语法 + 语病, not 法语
        "11月11日本周六开始",  # a date followed by 本周, not Japan
        "Ukraine and Francesca",  # Latin names are whole words only
    ],
)
def test_names_inside_other_words_are_not_markets(text: str) -> None:
    assert extract_markets(text) == []


def test_a_date_before_a_market_name_does_not_hide_it() -> None:
    assert extract_markets("日本站11.11大促") == ["JP"]
    assert extract_markets("11.11日本站大促") == ["JP"]


@pytest.mark.parametrize(
    ("text", "regions", "markets"),
    [
        ("欧洲和中东市场", ["europe", "gulf"], []),
        ("东南亚、拉美", ["southeast_asia", "latin_america"], []),
        ("Europe, the Middle East and SEA", ["europe", "gulf", "southeast_asia"], []),
        ("LATAM rollout, then Latin America proper", ["latin_america"], []),
        ("EU consumer law", ["europe"], []),
        ("eu quero vender no Brasil", [], ["BR"]),  # Portuguese "eu" (I) is no region
        ("the sea is calm", [], []),
        ("欧美市场", ["europe"], ["US"]),
        ("North America and South America", ["north_america", "latin_america"], []),
    ],
)
def test_regions_are_separate_from_markets(text: str, regions: list[str], markets: list[str]) -> None:
    assert extract_regions(text) == regions
    assert extract_markets(text) == markets


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$5,000", "5000", "USD"),
        ("5000 USD", "5000", "USD"),
        ("budget of €2.5k", "2500", "EUR"),
        ("预算5万美元", "50000", "USD"),
        ("3万块", "30000", "CNY"),
        ("1.2万人民币", "12000", "CNY"),
        ("人民币1.2万", "12000", "CNY"),
        ("十万元", "100000", "CNY"),
        ("两千五百元", "2500", "CNY"),
        ("5千欧元", "5000", "EUR"),
        ("预算2万欧左右", "20000", "EUR"),
        ("2 mil reais", "2000", "BRL"),
        ("2 mil dollars", "2000000", "USD"),
        ("100万日元", "1000000", "JPY"),
        ("SAR 20,000", "20000", "SAR"),
        ("5.000 €", "5000", "EUR"),
        ("Rp 50.000.000", "50000000", "IDR"),
        ("₩30,000,000 over six weeks", "30000000", "KRW"),
        ("RM5000", "5000", "MYR"),
        ("MX$150,000", "150000", "MXN"),
        ("R$50,000", "50000", "BRL"),
        ("$1.5M", "1500000", "USD"),
        ("250k yen", "250000", "JPY"),
        ("200 million VND", "200000000", "VND"),
        ("5000刀", "5000", "USD"),
        ("预算1亿印尼盾", "100000000", "IDR"),
        ("预算3万5", "35000", "CNY"),  # colloquial 3万5 = 35,000
        ("预算5万一个月", "50000", "CNY"),  # 一个月 is a duration, not 5万1
    ],
)
def test_amounts_with_a_currency(text: str, amount: str, currency: str) -> None:
    assert extract_budget(text) == Money(amount=Decimal(amount), currency=currency)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("预算5万", "50000", "CNY"),
        ("预算十万", "100000", "CNY"),
        ("5万的推广预算", "50000", "CNY"),
        ("budget 5000", "5000", "USD"),
        ("a 5k budget", "5000", "USD"),
        ("预算5万，找10万粉丝的达人", "50000", "CNY"),
    ],
)
def test_a_bare_number_by_a_budget_word_takes_its_currency(text: str, amount: str, currency: str) -> None:
    assert extract_budget(text) == Money(amount=Decimal(amount), currency=currency)


def test_the_amount_next_to_the_budget_word_wins_over_earlier_prices() -> None:
    def usd(amount: int) -> Money:
        return Money(amount=Decimal(amount), currency="USD")

    assert extract_budget("售价$29.99的产品，预算$3000") == usd(3000)
    assert extract_budget("两个市场的年度营销预算，一共20万美元") == usd(200000)
    assert extract_budget("美国3万美元，总预算5万美元") == usd(50000)


def test_a_range_counts_as_its_upper_end() -> None:
    assert extract_budget("预算3-5万美元") == Money(amount=Decimal(50000), currency="USD")
    assert extract_budget("$5k-10k") == Money(amount=Decimal(10000), currency="USD")


@pytest.mark.parametrize(
    "text",
    [
        "10万粉丝的达人",
        "找粉丝10万以上的",
        "500 units of stock",
        "预算增加20%",
        "预算的30%给美国",
        "2024年11月11日",
        "1月1日元旦促销",
        "3块电池",
        "5 pounds of flour",
        "ROAS 3.5 last month",
        "上个月卖了5万美元",
        "revenue of $10k last month",
        "GMV $50k",
        "预算分给3个市场",
        "B2B orders",
        "we won 3 awards",
    ],
)
def test_counts_shares_dates_and_sales_are_not_budgets(text: str) -> None:
    assert extract_budget(text) is None


def test_extract_slots_combines_markets_regions_and_budget() -> None:
    slots = extract_slots("斋月期间在沙特和阿联酋，还有东南亚，怎么分配广告预算？总共5万人民币")
    assert slots == Slots(markets=["SA", "AE"], regions=["southeast_asia"],
                          budget=Money(amount=Decimal(50000), currency="CNY"))
    assert extract_slots("") == Slots()


def test_non_text_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(BadInput, match="string"):
        extract_slots(42)  # type: ignore[arg-type]


def test_routing_dataset_missing_slots_agree_with_extraction(repo: Path) -> None:
    lines = (repo / "evals/datasets/routing.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 180
    for row in rows:
        slots = extract_slots(row["text"])
        present = {"market": bool(slots.markets), "budget": slots.budget is not None}
        needed = {slot for name in row["specialists"] for slot in REQUIRED_SLOTS.get(name, [])}
        expected = [slot for slot in ("market", "budget") if slot in needed and not present[slot]]
        assert row["missing"] == expected, (row["id"], row["text"], slots)
