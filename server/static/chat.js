/* The chat page: key in sessionStorage, SSE over fetch, steps, tokens, citations, tables, charts. */
"use strict";
(() => {
  const TEXT = {
    en: { threads: "Threads", newThread: "New thread", keyLabel: "API key", keySave: "Save key",
      keyHint: "The key stays in this tab only (sessionStorage).", keyPlaceholder: "chk_…",
      messageLabel: "Your message", send: "Send", sources: "Sources", thinking: "Working…",
      messagePlaceholder: "Ask in Chinese or English. Enter sends, Shift+Enter adds a line.",
      lang: "中文", langLabel: "切换到中文", you: "You", tools: "tools", untitled: "New thread",
      badKey: "The API key was refused; enter it again.", failed: "Request failed", ready: "Ready",
      conversation: "Conversation" },
    zh: { threads: "会话", newThread: "新会话", keyLabel: "API 密钥", keySave: "保存密钥",
      keyHint: "密钥只保存在当前标签页（sessionStorage）。", keyPlaceholder: "chk_…",
      messageLabel: "输入消息", send: "发送", sources: "来源", thinking: "处理中…",
      messagePlaceholder: "中文或英文提问。回车发送，Shift+回车换行。",
      lang: "English", langLabel: "Switch to English", you: "我", tools: "工具", untitled: "新会话",
      badKey: "API 密钥被拒绝，请重新输入。", failed: "请求失败", ready: "就绪", conversation: "对话" },
  };
  const store = window.sessionStorage;
  const $ = (id) => document.getElementById(id);
  let lang = store.getItem("chuhai.lang") || (navigator.language.startsWith("zh") ? "zh" : "en");
  let threadId = store.getItem("chuhai.thread") || null;
  let busy = false;

  const t = (key) => TEXT[lang][key] || key;
  const threads = () => JSON.parse(store.getItem("chuhai.threads") || "[]");

  function applyLanguage() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    $("lang").textContent = t("lang");
    $("lang").setAttribute("aria-label", t("langLabel"));
    $("log").setAttribute("aria-label", t("conversation"));
    renderThreads();
  }

  function node(tag, attrs = {}, text) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // ---------- key ----------
  function showKeyForm(message) {
    $("key-form").hidden = false;
    if (message) status(message, true);
    $("api-key").focus();
  }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value.trim();
    if (!key) return;
    store.setItem("chuhai.key", key);
    $("api-key").value = "";
    $("key-form").hidden = true;
    status(t("ready"));
    $("message").focus();
  });

  // ---------- threads ----------
  function remember(id, title) {
    const list = threads().filter((item) => item.id !== id);
    const previous = threads().find((item) => item.id === id);
    list.unshift({ id, title: (previous && previous.title) || title.slice(0, 40) });
    store.setItem("chuhai.threads", JSON.stringify(list.slice(0, 50)));
    threadId = id;
    store.setItem("chuhai.thread", id);
    renderThreads();
  }

  function renderThreads() {
    const list = $("thread-list");
    list.replaceChildren();
    for (const item of threads()) {
      const li = node("li");
      const button = node("button", { type: "button", "data-thread": item.id }, item.title || t("untitled"));
      if (item.id === threadId) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => openThread(item.id));
      li.appendChild(button);
      list.appendChild(li);
    }
  }

  async function openThread(id) {
    threadId = id;
    store.setItem("chuhai.thread", id);
    renderThreads();
    $("log").replaceChildren();
    const response = await api(`/v1/chat/threads/${encodeURIComponent(id)}`, { method: "GET" });
    if (!response) return;
    const body = await response.json();
    for (const message of body.messages || []) {
      if (message.role === "user") newTurn(message.text);
      else $("log").lastElementChild?.querySelector(".answer")?.append(message.text);
    }
    $("message").focus();
  }

  $("new-thread").addEventListener("click", () => {
    threadId = null;
    store.removeItem("chuhai.thread");
    $("log").replaceChildren();
    renderThreads();
    $("message").focus();
  });

  // ---------- requests ----------
  function status(text, isError = false) {
    $("status").textContent = text;
    $("status").classList.toggle("error", isError);
  }

  async function api(path, init) {
    const key = store.getItem("chuhai.key");
    if (!key) { showKeyForm(); return null; }
    const headers = Object.assign({ Authorization: `Bearer ${key}` }, init.headers || {});
    const response = await fetch(path, Object.assign({}, init, { headers }));
    if (response.ok) return response;
    let message = `${t("failed")} (${response.status})`;
    try { message = (await response.json()).error.message || message; } catch (_) { /* not JSON */ }
    if (response.status === 401) { store.removeItem("chuhai.key"); showKeyForm(t("badKey")); }
    else status(message, true);
    return null;
  }

  function newTurn(text) {
    const turn = node("article", { class: "turn" });
    turn.appendChild(node("div", { class: "user", "aria-label": t("you") }, text));
    turn.appendChild(node("ul", { class: "steps", "aria-label": "steps" }));
    turn.appendChild(node("div", { class: "answer" }));
    $("log").appendChild(turn);
    return turn;
  }

  function showStep(turn, data) {
    const steps = turn.querySelector(".steps");
    const id = `step-${data.specialist}`;
    let item = steps.querySelector(`[data-step="${CSS.escape(id)}"]`);
    if (!item) { item = node("li", { "data-step": id }); steps.appendChild(item); }
    const tools = data.tools && data.tools.length ? ` (${t("tools")}: ${data.tools.join(", ")})` : "";
    if (data.status === "start") {
      item.className = "running";
      item.textContent = `${data.specialist}${tools}`;
    } else if (data.status === "end") {
      item.className = "done";
      const seconds = typeof data.seconds === "number" ? ` · ${data.seconds.toFixed(1)} s` : "";
      item.textContent = `${data.specialist}${tools}${seconds}`;
    } else {
      item.textContent = `${data.specialist}: ${data.status}`;
    }
  }

  function showResult(turn, result) {
    const answer = turn.querySelector(".answer");
    answer.replaceChildren();
    const citations = result.citations || [];
    // "[n]" markers become links to the n-th source.
    const parts = String(result.answer || "").split(/(\[\d+\])/);
    for (const part of parts) {
      const match = /^\[(\d+)\]$/.exec(part);
      const source = match && citations[Number(match[1]) - 1];
      if (source && source.url) answer.appendChild(node("a", { href: source.url, target: "_blank", rel: "noopener" }, part));
      else answer.append(part);
    }
    for (const output of Object.values(result.result || {})) {
      if (output && Array.isArray(output.columns) && Array.isArray(output.rows)) turn.appendChild(table(output));
      if (output && output.chart) {
        const svg = ChuhaiChart.render(output.chart);
        if (svg) turn.appendChild(svg);
      }
    }
    if (citations.length) {
      const box = node("section", { class: "citations", "aria-label": t("sources") });
      box.appendChild(node("h3", {}, t("sources")));
      const list = node("ol");
      citations.forEach((c) => {
        const li = node("li");
        const label = c.section ? `${c.title} — ${c.section}` : c.title || c.id;
        li.appendChild(c.url ? node("a", { href: c.url, target: "_blank", rel: "noopener", class: "citation" }, label)
          : node("span", {}, label));
        list.appendChild(li);
      });
      box.appendChild(list);
      turn.appendChild(box);
    }
  }

  function table(output) {
    const el = node("table");
    const head = node("tr");
    output.columns.forEach((c) => head.appendChild(node("th", { scope: "col" }, String(c.name || c))));
    el.appendChild(node("thead")).appendChild(head);
    const body = el.appendChild(node("tbody"));
    output.rows.slice(0, 200).forEach((row) => {
      const tr = node("tr");
      row.forEach((cell) => tr.appendChild(node("td", {}, cell === null ? "" : String(cell))));
      body.appendChild(tr);
    });
    return el;
  }

  async function* sseEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message", data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) name = line.slice(7);
          else if (line.startsWith("data: ")) data += line.slice(6);
        }
        yield { name, data: data ? JSON.parse(data) : {} };
      }
    }
  }

  async function send(text) {
    busy = true;
    $("send").disabled = true;
    status(t("thinking"));
    const turn = newTurn(text);
    try {
      const response = await api("/v1/chat", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(threadId ? { message: text, thread_id: threadId } : { message: text }) });
      if (!response) { turn.remove(); return; }
      for await (const event of sseEvents(response)) {
        if (event.name === "step") showStep(turn, event.data);
        else if (event.name === "token") turn.querySelector(".answer").append(event.data.text || "");
        else if (event.name === "result") { showResult(turn, event.data); remember(event.data.thread_id, text); }
        else if (event.name === "error") status(event.data.message || t("failed"), true);
        else if (event.name === "done") status(t("ready"));
      }
    } catch (error) {
      status(`${t("failed")}: ${error}`, true);
    } finally {
      busy = false;
      $("send").disabled = false;
      turn.scrollIntoView({ block: "end" });
      $("message").focus();
    }
  }

  $("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("message").value.trim();
    if (!text || busy) return;
    $("message").value = "";
    send(text);
  });

  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });

  $("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    store.setItem("chuhai.lang", lang);
    applyLanguage();
  });

  applyLanguage();
  if (!store.getItem("chuhai.key")) showKeyForm(); else $("message").focus();
  if (threadId) openThread(threadId);
})();
