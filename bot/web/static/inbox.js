// The staff inbox in the browser: live refresh of the page's fragments (htmx)
// when the server-sent event stream says something changed, the draft and
// scroll kept, saved replies inserted at the cursor, and an alert (sound and
// browser notification, which staff can switch off) for a new urgent
// conversation. Everything users wrote comes from the server, escaped.
(function () {
  "use strict";
  const body = document.body;
  const ALERTS = "inbox-alerts";

  // -- alerts -------------------------------------------------------------------
  const toggle = document.getElementById("notify-toggle");
  function alertsOn() {
    return localStorage.getItem(ALERTS) !== "off";
  }
  function showToggle() {
    if (!toggle) return;
    toggle.textContent = alertsOn() ? body.dataset.notifyOn : body.dataset.notifyOff;
    toggle.setAttribute("aria-pressed", alertsOn() ? "true" : "false");
  }
  if (toggle) {
    toggle.addEventListener("click", () => {
      localStorage.setItem(ALERTS, alertsOn() ? "off" : "on");
      showToggle();
      if (alertsOn() && window.Notification && Notification.permission === "default") {
        Notification.requestPermission();
      }
    });
    showToggle();
  }
  function beep() {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) return;
    const context = new Audio();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.35);
  }
  function urgentAlert(handoffId) {
    body.dataset.lastAlert = String(handoffId);
    if (!alertsOn()) return;
    beep();
    if (window.Notification && Notification.permission === "granted") {
      new Notification(body.dataset.urgent, { tag: "urgent-" + handoffId });
    }
  }

  // -- live updates -----------------------------------------------------------------
  let pending = null;
  function refresh() {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      if (window.htmx) htmx.trigger(body, "inbox:refresh");
    }, 150);
  }
  if (window.EventSource && document.querySelector("[hx-trigger]")) {
    const source = new EventSource("/inbox/events");
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.type === "queue" && event.reason === "emergency") urgentAlert(event.handoff_id);
      refresh();
    };
  }

  // The transcript stays at the bottom when it was there; otherwise where it was.
  // The panel's choices being made (the triage box's open state, its selects, the
  // survey box ticked before closing) survive a refresh of the panel under them
  // (a form is reset once it has done its work).
  let atBottom = true;
  let panelKept = null;
  function panelFields() {
    return document.querySelectorAll("#panel select, #panel input:not([type=hidden])");
  }
  function fieldKey(field) {
    return (field.form ? field.form.getAttribute("action") : "") + " " + (field.name || field.id);
  }
  function keepPanel() {
    const box = document.getElementById("triage");
    const fields = {};
    panelFields().forEach((field) => {
      fields[fieldKey(field)] = field.type === "checkbox" ? field.checked : field.value;
    });
    return { open: box ? box.open : false, fields: fields };
  }
  function restorePanel(kept) {
    if (!kept) return;
    const box = document.getElementById("triage");
    if (box) box.open = kept.open;
    panelFields().forEach((field) => {
      const value = kept.fields[fieldKey(field)];
      if (value === undefined) return;
      if (field.type === "checkbox") {
        field.checked = value;
      } else if (field.tagName !== "SELECT" || [...field.options].some((o) => o.value === value)) {
        field.value = value;
      }
    });
  }
  body.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.target.id === "transcript-box") {
      atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
    }
    if (event.detail.target.id === "panel") panelKept = keepPanel();
  });
  body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "transcript-box" && atBottom) {
      window.scrollTo(0, document.body.scrollHeight);
    }
    if (event.detail.target.id === "panel") {
      restorePanel(panelKept);
      syncReplyBox();
    }
  });
  body.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (event.detail.successful && form.classList.contains("triage-form")) form.reset();
  });

  // -- the reply box ------------------------------------------------------------------
  const form = document.getElementById("reply-form");
  const text = document.getElementById("reply-text");
  function syncReplyBox() {
    const panel = document.querySelector("#panel .panel");
    const send = document.getElementById("send-reply");
    if (panel && send) send.disabled = panel.dataset.mine !== "1";
  }
  if (form && text) {
    const key = form.dataset.draftKey;
    text.value = sessionStorage.getItem(key) || "";
    text.addEventListener("input", () => sessionStorage.setItem(key, text.value));
    form.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful) {
        text.value = "";
        sessionStorage.removeItem(key);
      }
    });
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
    window.scrollTo(0, document.body.scrollHeight);
  }
  document.querySelectorAll(".note-form").forEach((noteForm) => {
    noteForm.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful) noteForm.reset();
    });
  });

  // Saved replies: searched as you type, inserted where the cursor is.
  const search = document.getElementById("saved-search");
  if (search) {
    search.addEventListener("input", () => {
      const words = search.value.toLowerCase().trim();
      document.querySelectorAll("#saved li").forEach((li) => {
        li.hidden = words !== "" && !li.dataset.search.includes(words);
      });
    });
  }
  document.querySelectorAll("#saved .insert").forEach((button) => {
    button.addEventListener("click", () => {
      const start = text.selectionStart ?? text.value.length;
      const end = text.selectionEnd ?? text.value.length;
      text.setRangeText(button.dataset.text, start, end, "end");
      text.dispatchEvent(new Event("input"));
      document.getElementById("saved-box").open = false;
      text.focus();
    });
  });
})();
