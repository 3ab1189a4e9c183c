"""Terminal rendering of answers and the streaming chat loop."""

from typing import Any

from rich.console import Console
from rich.markdown import Markdown

from agents.service import AskResponse, ChatEvent, Copilot


def print_citations(console: Console, citations: list[dict[str, Any]]) -> None:
    for number, citation in enumerate(citations, 1):
        console.print(f"  [dim][{number}] {citation['title']} — {citation['section']}  {citation['url']}[/]")


def print_answer(console: Console, response: AskResponse) -> None:
    console.print(Markdown(response.answer))
    if response.citations:
        console.print()
        print_citations(console, response.citations)
    console.print(f"[dim]thread {response.thread_id} · {', '.join(response.specialists) or 'ask-back'} · "
                  f"{response.usage.prompt_tokens}+{response.usage.completion_tokens} tokens · "
                  f"{response.usage.seconds:.1f} s[/]")


def _print_step(console: Console, event: ChatEvent) -> None:
    data = event.data
    status = data.get("status")
    if status == "start":
        tools = f" (tools: {', '.join(data['tools'])})" if data.get("tools") else ""
        console.print(f"[cyan]▶ {data['specialist']}[/]{tools}")
    elif status == "end":
        console.print(f"\n[cyan]■ {data['specialist']}[/] [dim]{data.get('seconds', 0):.1f} s, "
                      f"{data.get('prompt_tokens', 0)}+{data.get('completion_tokens', 0)} tokens[/]")
    else:
        console.print(f"[yellow]• {data['specialist']}: {status}[/]")


def chat_loop(console: Console, copilot: Copilot, tenant: str, thread: str | None) -> None:
    console.print("[bold]Chuhai 出海[/] — ask in Chinese or English. /new starts a new thread, /quit leaves.")
    while True:
        try:
            text = console.input("[bold green]you › [/]").strip()
        except EOFError:
            return
        if text in {"/quit", "/exit"}:
            return
        if text == "/new":
            thread = None
            continue
        if not text:
            continue
        for event in copilot.stream(text, thread, tenant):
            if event.event == "step":
                _print_step(console, event)
            elif event.event == "token":
                console.print(event.data["text"], end="", soft_wrap=True, highlight=False)
            elif event.event == "result":
                response = AskResponse.model_validate(event.data)
                thread = response.thread_id
                console.print()
                print_answer(console, response)
