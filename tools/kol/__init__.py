"""KOL matching: the creator directory, importers, the demo directory, search, scoring and selection."""

from tools.kol.demo import GroundTruth, generate_demo_creators, load_demo_creators
from tools.kol.directory import CreatorDirectory, shared_db_path, tenant_db_path
from tools.kol.embeddings import Embed, hashing_embedder
from tools.kol.fraud import FraudAssessment, FraudFlag, assess_fraud
from tools.kol.importer import import_creators
from tools.kol.matching import check_request, match_creators
from tools.kol.models import (
    Creator,
    ImportResult,
    Match,
    MatchRequest,
    MatchResponse,
    Money,
    Product,
    RowProblem,
    creator_id_for,
)
from tools.kol.selection import Candidate, select_portfolio
from tools.kol.store import open_creator_db, read_creators, upsert_creators

__all__ = [
    "Candidate",
    "Creator",
    "CreatorDirectory",
    "Embed",
    "FraudAssessment",
    "FraudFlag",
    "GroundTruth",
    "ImportResult",
    "Match",
    "MatchRequest",
    "MatchResponse",
    "Money",
    "Product",
    "RowProblem",
    "assess_fraud",
    "check_request",
    "creator_id_for",
    "generate_demo_creators",
    "hashing_embedder",
    "import_creators",
    "load_demo_creators",
    "match_creators",
    "open_creator_db",
    "read_creators",
    "select_portfolio",
    "shared_db_path",
    "tenant_db_path",
    "upsert_creators",
]
