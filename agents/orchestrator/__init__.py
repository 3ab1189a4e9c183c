"""The LangGraph orchestrator: router → specialists in order → respond."""
