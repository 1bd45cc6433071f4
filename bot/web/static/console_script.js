// Staff console, Script page: walks a flow through /staff/api/script/* (bot/web/console_script.py).
// The session, a token the server signed, is kept in sessionStorage, so a reload carries on. Every text from the server is
// put into the page with textContent; the little markup the flows use (**bold**, `code`, numbered lists)
// is built as elements, never as HTML.
(function () {
  "use strict";
  var KEY = "staffScriptSession";
  var session = null;
  var $ = function (id) { return document.getElementById(id); };

  function call(action, body) {
    return fetch("/staff/api/script/" + action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(function (reply) {
      return reply.json().catch(function () { return {}; }).then(function (data) {
        if (!reply.ok || !data.ok) {
          if (reply.status === 401) { window.location.assign("/staff/login?next=/staff/script"); }
          throw new Error(data.error || "The server answered " + reply.status + ".");
        }
        return data;
      });
    });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // **bold** and `code` inside one line, as elements with textContent.
  function inline(parent, text) {
    text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).forEach(function (part) {
      if (!part) { return; }
      var node;
      if (part.indexOf("**") === 0) { node = document.createElement("strong"); node.textContent = part.slice(2, -2); }
      else if (part.charAt(0) === "`") { node = document.createElement("code"); node.textContent = part.slice(1, -1); }
      else { node = document.createTextNode(part); }
      parent.appendChild(node);
    });
  }

  // Paragraphs split by blank lines; lines starting "1. " become a numbered list.
  function rich(container, text) {
    clear(container);
    (text || "").split(/\n\s*\n/).forEach(function (block) {
      var lines = block.split("\n").filter(function (l) { return l.trim(); });
      if (!lines.length) { return; }
      if (/^\d+\.\s/.test(lines[0])) {
        var list = document.createElement("ol");
        lines.forEach(function (line) {
          if (/^\d+\.\s/.test(line)) {
            var item = document.createElement("li");
            inline(item, line.replace(/^\d+\.\s+/, ""));
            list.appendChild(item);
          } else if (list.lastChild) {
            list.lastChild.appendChild(document.createTextNode(" "));
            inline(list.lastChild, line.trim());
          }
        });
        container.appendChild(list);
      } else {
        var para = document.createElement("p");
        inline(para, lines.join(" "));
        container.appendChild(para);
      }
    });
  }

  var KIND = { question: "Ask", instruction: "Fix step", resolved: "Resolved", escalated: "Escalate" };

  function show(data) {
    session = data.session;
    sessionStorage.setItem(KEY, JSON.stringify(session));
    var view = data.view;
    $("script-start").hidden = true;
    $("script-run").hidden = false;
    hideProblem();
    $("flow-name").textContent = view.flow_name;
    $("step-kind").textContent = KIND[view.kind] || view.kind;
    $("script-run").setAttribute("data-kind", view.kind);
    rich($("staff-text"), view.staff);
    rich($("customer-text"), view.customer);
    $("article").hidden = !view.article;
    if (view.article) { $("article-link").setAttribute("href", "/kb/" + view.article); }  // "id#section" is the page URL
    var choices = $("choices");
    clear(choices);
    view.choices.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.textContent = choice.number + ". " + choice.title;
      button.addEventListener("click", function () { act("choose", { choice: choice.number }); });
      choices.appendChild(button);
    });
    $("skip").hidden = !view.can_skip;
    $("back").disabled = !view.can_back;
    $("summary").hidden = !view.ended;
    $("summary-text").textContent = view.summary || "";
    // At an escalated ending the ticket form is already open: its own button is the only "Open ticket".
    $("escalate-toggle").hidden = view.ended || Boolean(view.ticket);
    $("keys-hint").hidden = !view.choices.length;
    var record = $("record");
    record.hidden = !view.ended;
    if (view.ended && data.recorded) {
      $("record-text").textContent = "Recorded: " + (view.kind === "resolved" ? "resolved on the phone" : "escalated") + ". It counts in Analytics.";
      $("record-button").disabled = true;
    } else if (view.ended) {
      $("record-text").textContent = view.kind === "resolved"
        ? "Resolved on the phone? Record it so it counts in Analytics (no ticket needed)."
        : "Record that this call was escalated (you can also open a ticket below).";
      $("record-button").disabled = false;
    }
    var form = $("ticket-form");
    if (view.kind === "escalated" && !view.ticket) { form.hidden = false; }
    if (view.kind === "resolved" || view.ticket) { form.hidden = true; }
    $("ticket-note").required = !view.ended;
    $("ticket-note-label").textContent = view.ended ? "Note for the specialist (optional)" : "Why escalate now?";
    var result = $("ticket-result");
    result.hidden = !view.ticket;
    if (view.ticket && data.ticket) { result.textContent = "Ticket " + data.ticket.reference + " opened. Give the customer this reference."; }
    else if (view.ticket) { result.textContent = "Ticket " + view.ticket + " is open for this case."; }
    known(data.known);
    var first = choices.querySelector("button");
    if (first) { first.focus(); }
  }

  function known(data) {
    var facts = $("known-facts");
    clear(facts);
    data.facts.forEach(function (fact) {
      var item = document.createElement("li");
      var title = document.createElement("strong");
      title.textContent = fact.title + ": ";
      item.appendChild(title);
      item.appendChild(document.createTextNode(fact.value_title));
      facts.appendChild(item);
    });
    data.unknown.forEach(function (title) {
      var item = document.createElement("li");
      item.textContent = title + ": the customer doesn't know";
      facts.appendChild(item);
    });
    if (!facts.firstChild) { var none = document.createElement("li"); none.textContent = "No facts yet."; facts.appendChild(none); }
    var tried = $("known-tried");
    clear(tried);
    data.tried.forEach(function (step) {
      var item = document.createElement("li");
      item.textContent = step.description + ": " + step.outcome_title;
      tried.appendChild(item);
    });
    if (!tried.firstChild) { var nothing = document.createElement("li"); nothing.textContent = "Nothing tried yet."; tried.appendChild(nothing); }
    var causes = $("known-causes");
    clear(causes);
    (data.causes || []).forEach(function (cause) {
      var item = document.createElement("li");
      item.textContent = cause.title + ": " + Math.round(cause.probability * 100) + "%";
      causes.appendChild(item);
    });
  }

  function problem(error) {
    $("problem").textContent = error.message;
    $("problem").hidden = false;
  }
  function hideProblem() { $("problem").hidden = true; }

  function act(action, extra) {
    var body = Object.assign({ session: session }, extra || {});
    return call(action, body).then(show, problem);
  }

  function restart() {
    session = null;
    sessionStorage.removeItem(KEY);
    $("script-run").hidden = true;
    $("script-start").hidden = false;
    $("ticket-form").reset();
    $("ticket-form").hidden = true;
    $("script-error").value = "";
    hideProblem();
  }

  document.querySelectorAll(".flow-choice").forEach(function (button) {
    button.addEventListener("click", function () {
      var pasted = $("script-error").value.trim();
      call("start", { flow: button.getAttribute("data-flow"), error: pasted || null }).then(show, problem);
    });
  });
  $("skip").addEventListener("click", function () { act("skip"); });
  $("record-button").addEventListener("click", function () { act("outcome"); });
  // Number keys pick the numbered option, unless the agent is typing in a field.
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !/^[1-9]$/.test(event.key) || $("script-run").hidden) { return; }
    var button = $("choices").querySelectorAll("button")[Number(event.key) - 1];
    if (button) { event.preventDefault(); button.click(); }
  });
  $("back").addEventListener("click", function () { act("back"); });
  $("restart").addEventListener("click", restart);
  $("known-toggle").addEventListener("click", function () {
    var panel = $("known");
    panel.hidden = !panel.hidden;
    $("known-toggle").setAttribute("aria-expanded", String(!panel.hidden));
  });
  $("escalate-toggle").addEventListener("click", function () {
    $("ticket-form").hidden = false;
    $("ticket-email").focus();
  });
  $("ticket-form").addEventListener("submit", function (event) {
    event.preventDefault();
    act("ticket", { email: $("ticket-email").value, name: $("ticket-name").value, note: $("ticket-note").value });
  });

  var saved = sessionStorage.getItem(KEY);
  if (saved) {
    try { session = JSON.parse(saved); } catch (e) { session = null; }
    if (session) {
      call("view", { session: session }).then(show, function () { restart(); });
    }
  }
})();
