// The help-page chat widget: talks to Rasa's REST channel through the same origin (/chat).
// Everything shown is built with DOM text nodes or a tiny markdown subset that escapes first, so nothing a
// user or the bot types is ever rendered as HTML.
(function () {
  "use strict";
  var SENDER_KEY = "mic-helper-sender", LOG_KEY = "mic-helper-log";
  var log = document.getElementById("log"), form = document.getElementById("composer");
  var input = document.getElementById("message"), typing = document.getElementById("typing");
  var problem = document.getElementById("problem"), problemText = document.getElementById("problem-text");
  var lastSent = null;

  // The conversation id is issued and signed by the server: "new" asks for one, and /chat answers with it in
  // the X-Conversation-Id header, which is kept for the next messages (and reloads).
  function newSender() {
    localStorage.removeItem(SENDER_KEY);
    return "new";
  }
  function keepSender(reply) {
    var issued = reply.headers.get("X-Conversation-Id");
    if (issued) { sender = issued; localStorage.setItem(SENDER_KEY, issued); }
    return reply;
  }
  var sender = localStorage.getItem(SENDER_KEY) || newSender();
  var history = JSON.parse(localStorage.getItem(LOG_KEY) || "[]");

  function safeHref(href) {
    return /^(https?:\/\/|\/(?!\/)|#)/i.test(href) ? href : null;
  }

  // Markdown subset: **bold**, `code`, [text](link), numbered and bulleted lines, paragraphs, ``` code blocks.
  function renderMarkdown(text) {
    var box = document.createElement("div");
    // Code blocks first (they may hold blank lines); split() puts each block's body at the odd indexes.
    String(text).split(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/m).forEach(function (part, i) {
      if (i % 2) {
        var pre = document.createElement("pre"), code = document.createElement("code");
        code.textContent = part.replace(/\n$/, "");
        pre.appendChild(code); box.appendChild(pre);
      } else renderBlocks(box, part);
    });
    return box;
  }
  function renderBlocks(box, text) {
    text.split(/\n{2,}/).forEach(function (block) {
      if (!block.trim()) return;
      var lines = block.split("\n"), list = null;
      var para = document.createElement("p");
      lines.forEach(function (line) {
        var item = line.match(/^\s*(\d+\.|[-*])\s+(.*)$/);
        if (item) {
          if (!list) { list = document.createElement(/\d/.test(item[1]) ? "ol" : "ul"); box.appendChild(list); }
          var li = document.createElement("li"); inline(li, item[2]); list.appendChild(li);
        } else {
          if (para.childNodes.length) para.appendChild(document.createElement("br"));
          inline(para, line);
        }
      });
      if (para.childNodes.length) box.appendChild(para);
    });
  }
  function inline(parent, text) {
    var pattern = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g, last = 0, m;
    while ((m = pattern.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1]) { var b = document.createElement("strong"); b.textContent = m[1]; parent.appendChild(b); }
      else if (m[2]) { var c = document.createElement("code"); c.textContent = m[2]; parent.appendChild(c); }
      else {
        var href = safeHref(m[4]);
        if (href) { var a = document.createElement("a"); a.href = href; a.textContent = m[3]; parent.appendChild(a); }
        else parent.appendChild(document.createTextNode(m[3]));
      }
      last = pattern.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }
  window.micHelperRenderMarkdown = renderMarkdown; // for tests and embedding

  function show(entry, store) {
    var li = document.createElement("li");
    li.className = entry.who;
    if (entry.text) {
      var bubble = document.createElement("div");
      bubble.className = "bubble";
      if (entry.who === "bot") bubble.appendChild(renderMarkdown(entry.text)); else bubble.textContent = entry.text;
      li.appendChild(bubble);
      log.appendChild(li);
    }
    if (entry.buttons && entry.buttons.length) {
      var row = document.createElement("div");
      row.className = "choices"; row.setAttribute("role", "group"); row.setAttribute("aria-label", "Choices");
      entry.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button"; button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        row.appendChild(button);
      });
      var holder = document.createElement("li"); holder.className = "bot"; holder.appendChild(row); log.appendChild(holder);
    }
    if (store) { history.push(entry); localStorage.setItem(LOG_KEY, JSON.stringify(history.slice(-200))); }
    log.scrollTop = log.scrollHeight;
  }

  function send(message, shownAs, metadata) {
    lastSent = { message: message, shownAs: shownAs, metadata: metadata };
    problem.hidden = true;
    show({ who: "me", text: shownAs || message }, true);
    typing.hidden = false;
    fetch("/chat", { method: "POST", headers: { "Content-Type": "application/json" },
                     body: JSON.stringify({ sender: sender, message: message, metadata: metadata || {} }) })
      .then(keepSender)
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.json(); })
      .then(function (replies) {
        typing.hidden = true;
        replies.forEach(function (r) { if (r.text || r.buttons) show({ who: "bot", text: r.text, buttons: r.buttons }, true); });
        var focusable = log.querySelector("li:last-child button");
        (focusable || input).focus();
      })
      .catch(function () {
        typing.hidden = true;
        problemText.textContent = "The assistant can't be reached right now. Check your connection, then try again.";
        problem.hidden = false;
        document.getElementById("retry").focus();
      });
  }

  document.getElementById("retry").addEventListener("click", function () {
    if (lastSent) { history.pop(); log.removeChild(log.lastChild); send(lastSent.message, lastSent.shownAs, lastSent.metadata); }
  });
  document.getElementById("restart").addEventListener("click", function () {
    localStorage.removeItem(LOG_KEY); history = []; sender = newSender();
    while (log.firstChild) log.removeChild(log.firstChild);
    send("/greet", "Start over");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // "Check my microphone": runs only when the user asks (the browser may ask for permission), in the page.
  var health = document.getElementById("health");
  function describe(item, name) {
    if (item.ok) return name + ": works";
    var why = { NotReadableError: "busy or not responding (another app may be using it)", NotAllowedError: "blocked",
                NotFoundError: "not found", OverconstrainedError: "no longer available" }[item.error] || (item.error || "failed");
    return name + ": " + why;
  }
  document.getElementById("mic-check").addEventListener("click", function () {
    if (!window.MicCheck) return;
    health.hidden = false;
    health.textContent = "";
    var checking = document.createElement("li"); checking.textContent = "Checking your microphone…"; health.appendChild(checking);
    MicCheck.run({ savedDeviceId: localStorage.getItem("mic-helper-device") || undefined }).then(function (report) {
      health.textContent = "";
      var lines = [];
      if (!report.secure_context || !report.media_devices) lines.push("This page cannot reach microphones (it must be https).");
      else {
        lines.push(describe(report.default, "Default microphone"));
        report.devices.forEach(function (d) { lines.push(describe(d, d.label)); });
        if (!report.devices.length && !report.default.ok) lines.push("No microphone found.");
        if (report.level) lines.push(report.level === "sound" ? "Sound detected" : "No sound detected (is it muted?)");
      }
      lines.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; health.appendChild(li); });
      send("/inform", "Check my microphone", { mic_check: report });
    });
  });
  if (window.MicCheck) MicCheck.watch(function (change) {
    var text = change.removed.length ? "A microphone was disconnected: " + change.removed.join(", ") + "."
                                     : "A microphone was connected: " + change.added.join(", ") + ".";
    show({ who: "bot", text: text }, false);
  });

  if (history.length) history.forEach(function (e) { show(e, false); });
  else send("/greet", "Hello");
})();
