// Live preview of an answer being edited, as SMS, WhatsApp and Telegram show it.
(function () {
  "use strict";
  const form = document.getElementById("answer-form");
  if (!form) return;
  let timer = null;
  async function refresh() {
    const response = await fetch("/inbox/editor/preview", {
      method: "POST", body: new FormData(form), credentials: "same-origin",
    });
    if (!response.ok) return;
    const views = await response.json();
    for (const [channel, messages] of Object.entries(views)) {
      const box = document.querySelector('.preview[data-channel="' + channel + '"]');
      const title = box.querySelector("h2");
      box.replaceChildren(title);
      for (const m of messages) {
        const p = document.createElement("p");
        p.className = "pre";
        p.setAttribute("dir", "auto");
        p.textContent = m.text;
        box.appendChild(p);
        if (m.segments) {
          const meta = document.createElement("p");
          meta.className = "meta";
          meta.textContent = m.encoding + " · " + m.segments + " SMS";
          box.appendChild(meta);
        }
      }
    }
  }
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
