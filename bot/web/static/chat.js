// The web chat: talks to POST /api/messages and shows each reply as the chosen
// channel renders it. Everything a message says is inserted as text nodes,
// never as HTML; only web addresses and phone numbers become links (https:
// and tel: only). The conversation is kept on this device (localStorage) and
// removed with the user's data.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const welcome = document.getElementById("welcome");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const menu = document.getElementById("menu");
  const channelSelect = document.getElementById("channel");
  const STRINGS = JSON.parse(document.body.dataset.strings);
  const KEEP = 300; // messages kept on the device

  const store = {
    get: (key, fallback) => localStorage.getItem("chat-" + key) || fallback,
    set: (key, value) => localStorage.setItem("chat-" + key, value),
  };
  // The chat's id is its only key: whoever knows it reads the staff's replies
  // and can erase the conversation. 128 bits from the browser's cryptographic
  // generator (available on http too), never Math.random.
  function newSender() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const id = "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    store.set("sender", id);
    return id;
  }
  let sender = store.get("sender", "") || newSender();
  let cursor = Number(store.get("cursor", "0"));
  const saved = store.get("language", "");
  let language = saved || document.documentElement.lang;
  let history = JSON.parse(store.get("log", "[]"));
  channelSelect.value = store.get("channel", "web");
  log.dataset.channel = channelSelect.value;

  function setCursor(value) {
    if (value > cursor) {
      cursor = value;
      store.set("cursor", String(cursor));
    }
  }

  // The whole interface follows the conversation's language.
  function applyLanguage(code, chosen) {
    if (!STRINGS[code]) return;
    language = code;
    if (chosen) store.set("language", code);
    const strings = STRINGS[code];
    document.documentElement.lang = code;
    document.documentElement.dir = code === "ar" ? "rtl" : "ltr";
    document.title = strings.title;
    for (const element of document.querySelectorAll("[data-s]")) {
      element.textContent = strings[element.dataset.s];
    }
    input.placeholder = strings.placeholder;
    input.setAttribute("aria-label", strings.placeholder);
    for (const button of document.querySelectorAll("button.language")) {
      button.setAttribute("aria-pressed", String(chosen && button.dataset.lang === code));
    }
  }

  // Links, phone numbers and commands in a message's text.
  const URL = String.raw`https?:\/\/[^\s<>"'«»]+`;
  const PHONE = String.raw`(?:\+|00)\d[\d ]{6,16}\d|(?<![\d.\/-])0\d(?:[ .-]?\d){7,10}(?![\d.\/-])`;
  const COMMAND = String.raw`(?<![\w\/:.])\/[a-z_]{3,}`;
  const SITE_PAGES = ["/privacy"]; // pages of this site named in messages
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  function dial(phone) {
    return "tel:" + phone.replace(/^00/, "+").replace(/[^\d+]/g, "");
  }
  function link(href, text, className) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    a.className = className;
    a.dir = "ltr";
    if (href.startsWith("http")) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }
  function richText(parent, text, calls, linked) {
    const called = (calls || []).filter((c) => c.phone).map((c) => ({
      phone: c.phone,
      tel: /^tel:\+?\d+$/.test(c.tel || "") ? c.tel : dial(c.phone),
    }));
    const known = called.map((c) => String.raw`(?<![\d+])` + escapeRegExp(c.phone) + String.raw`(?!\d)`);
    const pattern = new RegExp(
      "(" + [...known, URL].join("|") + ")|(" + PHONE + ")|(" + COMMAND + ")", "g");
    let at = 0;
    for (const match of text.matchAll(pattern)) {
      let found = match[0];
      if (match[1] && found.startsWith("http")) {
        found = found.replace(/[.,;:!?)\]]+$/, "");
      }
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      if (match[1] && found.startsWith("http")) {
        parent.appendChild(link(found, found, "web-link"));
      } else if (match[1] && linked.has(found)) {
        parent.appendChild(document.createTextNode(found)); // a number to call is linked once
      } else if (match[1] || match[2]) {
        linked.add(found);
        const call = called.find((c) => c.phone === found);
        const tel = call ? call.tel : dial(found);
        parent.appendChild(link(tel, found, "call"));
      } else if (SITE_PAGES.includes(found)) {
        parent.appendChild(link(found + "?lang=" + language, found, "site-link"));
      } else {
        const command = document.createElement("bdi");
        command.dir = "ltr";
        command.className = "command";
        command.textContent = found;
        parent.appendChild(command);
      }
      at = match.index + found.length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // Blank lines part paragraphs (a small gap, not a whole empty line on a phone).
  function paragraphs(parent, text, calls) {
    const linked = new Set(); // numbers already linked in this message
    for (const part of text.split(/\n[ \t]*\n+/)) {
      const p = document.createElement("p");
      richText(p, part.trim(), calls, linked);
      parent.appendChild(p);
    }
  }

  // One message on screen. ``entry`` is what is kept on the device.
  function show(entry) {
    welcome.hidden = true;
    const div = document.createElement("div");
    div.className = "bubble " + (entry.who === "user" ? "user" : "bot");
    div.dir = "auto";
    if (entry.who === "staff") {
      div.classList.add("staff");
      div.dataset.testid = "staff-message";
      const by = document.createElement("div");
      by.className = "by";
      const strings = STRINGS[language] || STRINGS.fr;
      by.textContent = entry.by ? strings.staff_named.replace("{name}", entry.by) : strings.staff;
      div.appendChild(by);
    }
    const text = document.createElement("div");
    text.className = "text";
    if (entry.who === "user") text.textContent = entry.text;
    else paragraphs(text, entry.text, entry.calls);
    div.appendChild(text);
    if (entry.audio) {
      const player = document.createElement("audio");
      player.controls = true;
      player.src = entry.audio;
      div.appendChild(player);
    }
    if (entry.sms) {
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = "SMS · " + entry.sms.encoding + " · " + entry.sms.segments + " segment(s)";
      div.appendChild(meta);
    }
    if (entry.buttons && entry.buttons.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      for (const b of entry.buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.dataset.payload = b.payload;
        button.addEventListener("click", () => send(b.payload, b.title));
        row.appendChild(button);
      }
      div.appendChild(row);
    }
    log.appendChild(div);
    return div;
  }

  function keep(entry) {
    history.push(entry);
    history = history.slice(-KEEP);
    store.set("log", JSON.stringify(history));
  }

  function showAndKeep(entry) {
    keep(entry);
    return show(entry);
  }

  function entryOf(message, who) {
    return {
      who: who,
      text: message.text,
      buttons: (message.buttons || []).map((b) => ({ title: b.title, payload: b.payload })),
      calls: message.calls || [],
      audio: message.audio || null,
      sms: message.sms || null,
      by: message.by || null,
    };
  }

  // A reply starts at the top of the screen: its beginning and buttons, not its end.
  // Its buttons stay in sight (sticky) while its text is read.
  function showFromStart(bubbles) {
    if (!bubbles.length) return;
    const withButtons = bubbles.filter((b) => b.querySelector(".buttons"));
    if (withButtons.length) {
      for (const old of log.querySelectorAll(".latest")) old.classList.remove("latest");
      withButtons[withButtons.length - 1].classList.add("latest");
    }
    log.scrollTop = bubbles[0].offsetTop - 8; // offsetTop is within #log (position: relative)
  }

  function forget() {
    for (const key of ["log", "cursor", "language"]) localStorage.removeItem("chat-" + key);
    history = [];
    sender = newSender();
    cursor = 0;
    for (const bubble of log.querySelectorAll(".bubble, .error")) bubble.remove();
  }

  function showReply(data) {
    if (data.cursor) setCursor(data.cursor);
    if (data.language) applyLanguage(data.language, true);
    const erased = (data.kinds || []).includes("deleted");
    if (erased) forget();
    const bubbles = [];
    for (const message of data.replies) {
      const entry = entryOf(message, "bot");
      const div = erased ? show(entry) : showAndKeep(entry);
      div.dataset.testid = div.dataset.testid || "bot-message";
      bubbles.push(div);
    }
    showFromStart(bubbles);
  }

  async function send(text, shown) {
    showAndKeep({ who: "user", text: shown === undefined ? text : shown });
    log.scrollTop = log.scrollHeight;
    try {
      const response = await fetch("/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: sender, text: text, channel: channelSelect.value }),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      showReply(await response.json());
    } catch (error) {
      const div = document.createElement("div");
      div.className = "error";
      div.textContent = (STRINGS[language] || STRINGS.fr).failed;
      log.appendChild(div);
      log.scrollTop = log.scrollHeight;
    }
  }

  // Messages from a person of the association, and notices, arrive here.
  async function poll() {
    try {
      const url = "/api/messages/updates?sender=" + encodeURIComponent(sender) +
        "&after=" + cursor + "&channel=" + channelSelect.value;
      const response = await fetch(url);
      if (response.ok) {
        const data = await response.json();
        const bubbles = data.replies.map((message) =>
          showAndKeep(entryOf(message, message.author === "staff" ? "staff" : "bot")));
        setCursor(data.cursor);
        showFromStart(bubbles);
      }
    } catch (error) {
      // offline for a moment: the next poll catches up
    }
    setTimeout(poll, 2000);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  channelSelect.addEventListener("change", () => {
    menu.open = false;
    store.set("channel", channelSelect.value);
    log.dataset.channel = channelSelect.value;
  });
  for (const button of document.querySelectorAll("button.language")) {
    button.addEventListener("click", () => {
      menu.open = false;
      applyLanguage(button.dataset.lang, true);
      send('/change_language{"language":"' + button.dataset.lang + '"}', button.textContent);
    });
  }
  const strings = () => STRINGS[language] || STRINGS.fr;
  document.getElementById("topics").addEventListener("click", () => {
    menu.open = false;
    send("/start", strings().topics);
  });
  document.getElementById("person").addEventListener("click", () => {
    menu.open = false;
    send("/human_agent", strings().person);
  });
  document.getElementById("delete").addEventListener("click", () => {
    menu.open = false;
    send("/delete", strings().delete);
  });

  applyLanguage(language, Boolean(saved));
  for (const entry of history) show(entry);
  if (history.length) log.scrollTop = log.scrollHeight;
  setTimeout(poll, 2000);
})();
