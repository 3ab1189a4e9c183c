"""The copywriter specialist: listings and ad copy per market and platform, checked in code and by compliance."""
