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

  // The log stays at its newest message when the window changes size, unless the user scrolled back to read.
  var atBottom = true;
  log.addEventListener("scroll", function () { atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 30; });
  window.addEventListener("resize", function () { if (atBottom) log.scrollTop = log.scrollHeight; });

  // Quick replies answer one question: once anything is sent, the older rows stop taking clicks.
  function retireChoices(chosenButton) {
    log.querySelectorAll(".choices button:not([disabled])").forEach(function (button) {
      button.disabled = true;
      if (button === chosenButton) button.classList.add("chosen");
    });
  }

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
        button.addEventListener("click", function () { if (!button.disabled) send(b.payload, b.title, undefined, button); });
        row.appendChild(button);
      });
      var holder = document.createElement("li"); holder.className = "bot"; holder.appendChild(row); log.appendChild(holder);
    }
    if (store) { history.push(entry); localStorage.setItem(LOG_KEY, JSON.stringify(history.slice(-200))); }
    log.scrollTop = log.scrollHeight;
  }

  var pending = false;
  // One message at a time: a double click or a second Enter while the bot is answering sends nothing.
  // `quiet` sends without a bubble of its own (the page's opening /greet is not something the user said).
  function send(message, shownAs, metadata, chosenButton, quiet) {
    if (pending) return false;
    pending = true;
    lastSent = { message: message, shownAs: shownAs, metadata: metadata, quiet: quiet };
    problem.hidden = true;
    retireChoices(chosenButton);
    if (!quiet) show({ who: "me", text: shownAs || message }, true);
    typing.hidden = false;
    fetch("/chat", { method: "POST", headers: { "Content-Type": "application/json" },
                     body: JSON.stringify({ sender: sender, message: message, metadata: metadata || {} }) })
      .then(keepSender)
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.json(); })
      .then(function (replies) {
        pending = false;
        typing.hidden = true;
        replies.forEach(function (r) { if (r.text || r.buttons) show({ who: "bot", text: r.text, buttons: r.buttons }, true); });
        offerRecheck(replies);
        // Focus stays where people type: moving it to a quick reply would let the next space press it.
        var here = document.activeElement;
        if (!here || here === document.body || here === input || here.disabled || here.closest(".choices")) input.focus();
      })
      .catch(function () {
        pending = false;
        typing.hidden = true;
        problemText.textContent = "The assistant can't be reached right now. Check your connection, then try again.";
        problem.hidden = false;
        document.getElementById("retry").focus();
      });
    return true;
  }

  document.getElementById("retry").addEventListener("click", function () {
    if (!lastSent) return;
    if (!lastSent.quiet) { history.pop(); log.removeChild(log.lastChild); }
    send(lastSent.message, lastSent.shownAs, lastSent.metadata, undefined, lastSent.quiet);
  });
  document.getElementById("restart").addEventListener("click", function () {
    if (pending) return;
    localStorage.removeItem(LOG_KEY); history = []; sender = newSender();
    while (log.firstChild) log.removeChild(log.firstChild);
    clearHealth();
    send("/greet", "Start over");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || pending) return;
    input.value = "";
    send(text);
  });

  // "Check my microphone": runs only when the user asks (the browser may ask for permission), in the page.
  // The panel says in plain words what was found; its colour follows the result (never green on a failure).
  var health = document.getElementById("health"), healthTitle = document.getElementById("health-title");
  var healthList = document.getElementById("health-list");
  var WHY = { NotReadableError: "busy or not responding (another app may be using it)", NotAllowedError: "blocked",
              SecurityError: "blocked", NotFoundError: "not found", OverconstrainedError: "no longer available",
              AbortError: "stopped before it opened" };
  function describe(item, name) {
    if (item.ok) return name + ": works";
    return name + ": " + (WHY[item.error] || "could not be opened");
  }
  function verdict(report) {
    if (!report.secure_context || !report.media_devices) return { ok: false, title: "This page can't reach microphones (it must be opened over https)." };
    var failing = report.devices.filter(function (d) { return !d.ok; }).length;
    var stale = report.saved_device && !report.saved_device.ok;
    if (report.default.ok && !failing && !stale) return { ok: true, title: "Your microphone works in this browser." };
    var error = report.default.ok ? "" : report.default.error;
    if (error === "NotAllowedError" || error === "SecurityError") return { ok: false, title: "The microphone is blocked for this page." };
    if (error === "NotFoundError") return { ok: false, title: "No microphone found." };
    if (error === "NotReadableError") return { ok: false, title: "The microphone is busy or not responding." };
    if (report.default.ok) return { ok: false, title: stale ? "The microphone you used before is no longer available." : "One of your microphones does not work." };
    return { ok: false, title: "The microphone could not be opened." };
  }
  function clearHealth() {
    health.hidden = true; health.className = "health";
    healthTitle.textContent = ""; healthList.textContent = "";
  }
  function runCheck(label) {
    if (!window.MicCheck || pending) return;
    health.hidden = false; health.className = "health checking";
    healthTitle.textContent = "Checking your microphone…"; healthList.textContent = "";
    MicCheck.run({ savedDeviceId: localStorage.getItem("mic-helper-device") || undefined }).then(function (report) {
      var found = verdict(report), lines = [];
      health.className = "health " + (found.ok ? "good" : "bad");
      healthTitle.textContent = found.title;
      if (report.secure_context && report.media_devices) {
        lines.push(describe(report.default, "Default microphone"));
        report.devices.forEach(function (d) { lines.push(describe(d, d.label)); });
        if (report.level && report.default.ok) lines.push(report.level === "sound" ? "Sound detected" : "No sound detected (is it muted?)");
      }
      healthList.textContent = "";
      lines.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; healthList.appendChild(li); });
      send("/inform", label, { mic_check: report });
    });
  }
  document.getElementById("mic-check").addEventListener("click", function () { runCheck("Check my microphone"); });

  // After a fix step ("Did that fix it?"), the page can measure instead of asking: run the check again.
  function offerRecheck(replies) {
    var fixStep = replies.some(function (r) { return r.custom && r.custom.kind === "instruction"; });
    if (!fixStep || !window.MicCheck) return;
    var row = log.querySelector("li:last-child .choices");
    if (!row) return;
    var button = document.createElement("button");
    button.type = "button"; button.className = "recheck"; button.textContent = "Test my microphone again";
    button.addEventListener("click", function () { if (!button.disabled) { retireChoices(button); runCheck("Test my microphone again"); } });
    row.appendChild(button);
  }

  if (window.MicCheck) MicCheck.watch(function (change) {
    var text = change.removed.length ? "A microphone was disconnected: " + change.removed.join(", ") + "."
                                     : "A microphone was connected: " + change.added.join(", ") + ".";
    show({ who: "bot", text: text }, false);
  });

  if (history.length) {
    history.forEach(function (e) { show(e, false); });
    // After a reload only the newest quick replies (if nothing was said after them) still answer something.
    var rows = log.querySelectorAll(".choices"), newest = rows[rows.length - 1];
    var mine = log.querySelectorAll("li.me"), lastMine = mine[mine.length - 1];
    rows.forEach(function (row) {
      var answered = lastMine && (row.compareDocumentPosition(lastMine) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (row !== newest || answered) row.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  } else send("/greet", "", undefined, undefined, true);
})();
