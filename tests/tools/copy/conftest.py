"""Products shared by the copy tests: one with Chinese facts, one with English facts."""

import pytest

from tools.copy import ProductFacts


@pytest.fixture
def zh_product() -> ProductFacts:
    return ProductFacts(
        name="Acme X200 紫铜水管接头",
        brand="Acme",
        category="五金配件",
        description="采用优质紫铜制造，耐腐蚀，适用于家庭水管。",
        features=["紫铜材质，导热性好", "9/16英寸接口，安装方便", "防水密封圈，防漏设计"],
        specs={"尺寸": "9/16英寸", "长度": "10厘米", "重量": "1公斤", "工作温度": "-20~90℃", "包装": "2件装"},
        materials=["紫铜"],
        certifications=["CE", "RoHS"],
        claims=["防水", "防漏"],
        keywords=["水管接头", "铜接头"],
    )


@pytest.fixture
def en_product() -> ProductFacts:
    return ProductFacts(
        name="Brightway Stainless Steel Insulated Water Bottle",
        brand="Brightway",
        category="Kitchen",
        description="Double-wall vacuum insulated bottle that keeps drinks cold for 24 hours.",
        features=[
            "Keeps drinks cold 24 hours and hot 12 hours",
            "Leak-proof lid, BPA-free",
            "Fits most cup holders",
        ],
        specs={"Capacity": "750 ml", "Weight": "350 g", "Height": "26.5 cm", "Lid battery (mAh)": "1200"},
        materials=["18/8 stainless steel"],
        certifications=["LFGB"],
        claims=["BPA-free", "leak-proof"],
        keywords=["water bottle", "insulated flask"],
    )
