// The answer editor: places and sources added, removed and reordered; a character
// counter beside each short field; the live preview of what users get on each channel.
(function () {
  "use strict";
  const form = document.getElementById("answer-form");
  if (!form) return;

  // GSM-7: the basic set counts 1, the extension set 2; anything else makes an SMS UCS-2.
  const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  const GSM_EXTENDED = "^{}\\[~]|€";
  // Bambara goes out on SMS in plain letters (common/sms_encoding.py plain_letters).
  const PLAIN = { "ɛ": "è", "ɔ": "ò", "ɲ": "ny", "ŋ": "ng", "Ɛ": "E", "Ɔ": "O", "Ɲ": "Ny", "Ŋ": "Ng" };
  function smsUnits(raw) {
    const text = Array.from(raw).map((ch) => PLAIN[ch] || ch).join("");
    let units = 0;
    for (const ch of text) {
      if (GSM_BASIC.includes(ch)) units += 1;
      else if (GSM_EXTENDED.includes(ch)) units += 2;
      else return { units: Array.from(text).length, limit: 70 };
    }
    return { units: units, limit: 160 };
  }
  function fieldLength(field) {
    if (field.tagName === "TEXTAREA" && field.name !== "core" && field.name !== "sms") {
      return field.value.split("\n").map((l) => l.trim()).join("").length;
    }
    return field.value.trim().split(/\s+/).join(" ").length;
  }
  function updateCounters() {
    for (const counter of form.querySelectorAll(".counter")) {
      const field = form.querySelector('[name="' + counter.dataset.for + '"]');
      if (!field) continue;
      let used = fieldLength(field);
      let budget = Number(counter.dataset.budget);
      if (field.name === "sms") {
        const measured = smsUnits(field.value.trim().split(/\s+/).join(" "));
        used = measured.units;
        budget = measured.limit;
      }
      counter.textContent = used + " / " + budget;
      counter.classList.toggle("over", used > budget);
    }
  }

  function renumber(list) {
    const name = list.dataset.list;
    list.querySelectorAll(":scope > [data-entry]").forEach((entry, i) => {
      for (const input of entry.querySelectorAll("[data-key]")) {
        input.name = name + "-" + i + "-" + input.dataset.key;
      }
    });
  }
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[type=button]");
    if (!button) return;
    const list = button.closest("[data-list]");
    if (!list) return;
    const entry = button.closest("[data-entry]");
    if (button.hasAttribute("data-add")) {
      const copy = list.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
      list.insertBefore(copy, button);
      const first = copy.querySelector("input");
      if (first) first.focus();
    } else if (button.hasAttribute("data-remove") && entry) {
      entry.remove();
    } else if (button.dataset.move && entry) {
      const sibling = button.dataset.move === "-1" ? entry.previousElementSibling : entry.nextElementSibling;
      if (sibling && sibling.hasAttribute("data-entry")) {
        if (button.dataset.move === "-1") list.insertBefore(entry, sibling);
        else list.insertBefore(sibling, entry);
      }
    }
    renumber(list);
    schedule();
  });

  function bubble(message) {
    const box = document.createElement("div");
    box.className = "bubble";
    const p = document.createElement("p");
    p.className = "pre";
    p.setAttribute("dir", "auto");
    p.textContent = message.text;
    box.appendChild(p);
    if (message.buttons && message.buttons.length) {
      const row = document.createElement("p");
      row.className = "buttons";
      for (const title of message.buttons) {
        const chip = document.createElement("span");
        chip.className = "chip";
        chip.setAttribute("dir", "auto");
        chip.textContent = title;
        row.appendChild(chip);
      }
      box.appendChild(row);
    }
    if (message.segments) {
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = form.dataset.smsLabel
        .replace("{n}", message.segments).replace("{size}", message.size);
      box.appendChild(meta);
    }
    return box;
  }
  function channelBoxes(title, views, open) {
    const box = document.createElement("details");
    box.className = "card channel part";
    if (open) box.open = true;
    const summary = document.createElement("summary");
    const heading = document.createElement("h3");
    heading.setAttribute("dir", "auto");
    heading.textContent = title;
    summary.appendChild(heading);
    box.appendChild(summary);
    for (const channel of document.getElementById("previews").dataset.channels.split(",")) {
      const label = document.createElement("p");
      label.className = "meta";
      label.textContent = document.querySelector('.channel[data-channel="' + channel + '"] h3').textContent;
      box.appendChild(label);
      for (const m of views[channel] || []) box.appendChild(bubble(m));
    }
    return box;
  }
  async function refresh() {
    const response = await fetch("/inbox/editor/preview", {
      method: "POST", body: new FormData(form), credentials: "same-origin",
    });
    if (!response.ok) return;
    const views = await response.json();
    // An answer that cannot be read yet (an empty title…) has no preview: say so.
    document.getElementById("preview-problems").hidden = !views.problems;
    for (const box of document.querySelectorAll(".channel[data-channel]")) {
      const summary = box.querySelector("summary");
      box.replaceChildren(summary);
      for (const m of views[box.dataset.channel] || []) box.appendChild(bubble(m));
    }
    const parts = document.getElementById("parts-preview");
    const opened = new Set(Array.from(parts.querySelectorAll("details[open] h3")).map((h) => h.textContent));
    parts.replaceChildren(...(views.parts || []).map((p) => channelBoxes(p.title, p.views, opened.has(p.title))));
  }
  let timer = null;
  function schedule() {
    updateCounters();
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }
  form.addEventListener("input", schedule);
  updateCounters();
})();
