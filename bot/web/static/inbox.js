// Live updates of the staff inbox over server-sent events. Everything users
// wrote is inserted with textContent, never as HTML.
(function () {
  "use strict";
  const queue = document.getElementById("queue");
  const conversation = document.querySelector(".conversation");
  const saved = document.getElementById("saved");
  if (saved) {
    saved.addEventListener("change", () => {
      if (saved.value) document.getElementById("reply-text").value = saved.value;
    });
  }

  async function refreshQueue() {
    const response = await fetch("/inbox/queue.json", { credentials: "same-origin" });
    if (!response.ok) return;
    const items = await response.json();
    const labels = JSON.parse(queue.dataset.labels);
    const known = new Set([...queue.children].map((li) => li.dataset.id));
    queue.replaceChildren();
    let fresh = false;
    for (const item of items) {
      const li = document.createElement("li");
      li.className = item.reason + " " + item.state;
      li.dataset.id = String(item.id);
      const link = document.createElement("a");
      link.href = "/inbox/c/" + item.id;
      link.textContent = "#" + item.id;
      li.appendChild(link);
      const parts = [
        labels[item.reason] || item.reason,
        (item.language || "?") + " · " + item.channel,
        labels.topic + ": " + (item.topic || "-"),
        item.waiting_minutes + " " + labels.minutes,
        item.assignee ? labels.assigned + " " + item.assignee : labels.waiting,
      ];
      for (const part of parts) {
        const span = document.createElement("span");
        span.textContent = part;
        li.appendChild(span);
      }
      queue.appendChild(li);
      if (!known.has(String(item.id))) fresh = true;
    }
    document.getElementById("empty").hidden = items.length > 0;
    if (fresh) {
      document.title = "(" + items.length + ") " + document.title.replace(/^\(\d+\) /, "");
      if (window.Notification && Notification.permission === "granted") {
        new Notification(labels.waiting + ": " + items.length);
      }
    }
  }

  async function refreshConversation() {
    const id = conversation.dataset.id;
    const response = await fetch("/inbox/c/" + id + "/messages.json", { credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    document.getElementById("state").textContent = data.state;
    const list = document.getElementById("transcript");
    const last = Number(conversation.dataset.last || 0);
    for (const m of data.messages) {
      if (m.id <= last) continue;
      const li = document.createElement("li");
      li.className = "msg " + m.author;
      li.setAttribute("dir", "auto");
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = (m.staff || m.author) + " · " + m.at + (m.kind !== "text" ? " · " + m.kind : "");
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = m.text;
      li.append(who, text);
      if (m.failed) {
        const failed = document.createElement("span");
        failed.className = "failed";
        failed.textContent = conversation.dataset.notDelivered;
        li.insertBefore(failed, text);
      }
      if (m.media) {
        const url = "/inbox/media/" + m.id;
        let media;
        if (m.kind === "image") {
          media = document.createElement("img");
          media.className = "media";
          media.src = url;
        } else if (m.kind === "voice" || m.kind === "audio") {
          media = document.createElement("audio");
          media.controls = true;
          media.src = url;
        } else {
          media = document.createElement("a");
          media.href = url;
          media.textContent = url;
        }
        li.appendChild(media);
      }
      list.appendChild(li);
      conversation.dataset.last = String(m.id);
    }
  }

  if (window.Notification && Notification.permission === "default") {
    document.addEventListener("click", () => Notification.requestPermission(), { once: true });
  }
  const source = new EventSource("/inbox/events");
  source.onmessage = (event) => {
    const data = JSON.parse(event.data);
    if (queue) refreshQueue();
    if (conversation && String(data.handoff_id) === conversation.dataset.id) refreshConversation();
  };
})();
