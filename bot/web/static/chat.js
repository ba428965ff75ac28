// Local web chat: talks to POST /api/messages and shows each reply exactly as
// the chosen channel renders it. User text is always inserted as text, never
// as HTML.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const channelSelect = document.getElementById("channel");
  const languageSelect = document.getElementById("language");

  function newSender() {
    const id = "web-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
    localStorage.setItem("chat-sender", id);
    return id;
  }
  let sender = localStorage.getItem("chat-sender") || newSender();
  let cursor = Number(localStorage.getItem("chat-cursor") || 0);
  function setCursor(value) {
    if (value > cursor) {
      cursor = value;
      localStorage.setItem("chat-cursor", String(cursor));
    }
  }
  channelSelect.value = localStorage.getItem("chat-channel") || "web";
  log.dataset.channel = channelSelect.value;

  function bubble(kind, text) {
    const div = document.createElement("div");
    div.className = "bubble " + kind;
    div.setAttribute("dir", "auto");
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function showReply(data) {
    if (data.cursor) setCursor(data.cursor);
    document.documentElement.dir = data.direction || "ltr";
    if (data.language) {
      document.documentElement.lang = data.language;
      languageSelect.value = data.language;
    }
    for (const message of data.replies) {
      const div = bubble("bot", message.text);
      div.dataset.testid = "bot-message";
      if (message.audio) {
        const player = document.createElement("audio");
        player.controls = true;
        player.src = message.audio;
        div.appendChild(player);
      }
      if (message.sms) {
        const meta = document.createElement("div");
        meta.className = "meta";
        meta.textContent = "SMS · " + message.sms.encoding + " · " + message.sms.segments + " segment(s)";
        div.appendChild(meta);
      }
      if (message.buttons && message.buttons.length) {
        const row = document.createElement("div");
        row.className = "buttons";
        for (const b of message.buttons) {
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = b.title;
          button.addEventListener("click", () => send(b.payload, b.title));
          row.appendChild(button);
        }
        div.appendChild(row);
      }
    }
  }

  async function send(text, shown) {
    bubble("user", shown === undefined ? text : shown);
    try {
      const response = await fetch("/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: sender, text: text, channel: channelSelect.value }),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      showReply(await response.json());
    } catch (error) {
      const div = bubble("error", "Le message n'a pas pu être envoyé (" + error.message + "). Réessayez.");
      div.className = "error";
    }
  }

  // Messages from a person of the association arrive here (hand-off).
  async function poll() {
    try {
      const url = "/api/messages/updates?sender=" + encodeURIComponent(sender) +
        "&after=" + cursor + "&channel=" + channelSelect.value;
      const response = await fetch(url);
      if (response.ok) {
        const data = await response.json();
        for (const message of data.replies) {
          const div = bubble("bot", message.text);
          div.classList.add("staff");
          div.dataset.testid = "staff-message";
        }
        setCursor(data.cursor);
      }
    } catch (error) {
      // offline for a moment: the next poll catches up
    }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 2000);

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
    localStorage.setItem("chat-channel", channelSelect.value);
    log.dataset.channel = channelSelect.value;
  });
  languageSelect.addEventListener("change", () => {
    if (languageSelect.value) {
      const label = languageSelect.options[languageSelect.selectedIndex].text;
      send('/change_language{"language":"' + languageSelect.value + '"}', label);
    }
  });
  document.getElementById("reset").addEventListener("click", () => {
    sender = newSender();
    cursor = 0;
    localStorage.setItem("chat-cursor", "0");
    log.replaceChildren();
  });
})();
