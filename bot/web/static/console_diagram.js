// Staff console, diagram page: follow a conversation by marking its current and passed steps.
// Polls /staff/api/conversations/<id>/position every few seconds; node ids in the SVG are "<flow>.<step>".
(function () {
  "use strict";
  const POLL_MS = 3000;
  const diagram = document.getElementById("diagram");
  const form = document.getElementById("follow");
  if (!diagram || !form) return;
  const input = document.getElementById("sender");
  const status = document.getElementById("follow-status");
  const stopButton = document.getElementById("follow-stop");
  const fitButton = document.getElementById("fit");
  let timer = null;
  let sender = "";
  let shownNode = null;

  function node(id) {
    const found = document.getElementById(id);
    return found && diagram.contains(found) ? found : null;
  }

  // Scroll the diagram box (not the page) so the node is in the middle of it.
  function centre(element) {
    const box = element.getBoundingClientRect();
    const frame = diagram.getBoundingClientRect();
    diagram.scrollBy({
      left: box.left + box.width / 2 - (frame.left + frame.width / 2),
      top: box.top + box.height / 2 - (frame.top + frame.height / 2),
    });
  }

  function mark(current, passed) {
    diagram.querySelectorAll("g.node.current, g.node.passed").forEach((g) => g.classList.remove("current", "passed"));
    passed.forEach((id) => { const g = node(id); if (g) g.classList.add("passed"); });
    const here = current ? node(current) : null;
    if (here) {
      here.classList.add("current");
      if (current !== shownNode) centre(here);
    }
    shownNode = current;
  }

  // A step as its box says it ("Fix: closing other apps"), not its id.
  function stepWords(id) {
    const g = node(id);
    const words = g ? Array.from(g.querySelectorAll("text")).map((t) => t.textContent).join(" ").trim() : "";
    return words || id;
  }

  function describe(body) {
    if (!body.node) return `Conversation ${body.sender} has not started a flow yet.`;
    const ended = body.outcome ? ` It ended: ${body.outcome}.` : "";
    const count = body.passed.length;
    const likely = (body.causes || []).map((c) => `${c.title} ${Math.round(c.probability * 100)}%`).join("; ");
    return `Conversation ${body.sender} is at “${stepWords(body.node)}”.${ended} ${count} step${count === 1 ? "" : "s"} passed. ` +
      (likely ? `Likely causes: ${likely}. ` : "") + `Updated ${new Date().toLocaleTimeString()}.`;
  }

  async function poll() {
    const asked = sender;
    try {
      const reply = await fetch(`/staff/api/conversations/${encodeURIComponent(asked)}/position`, {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      const body = await reply.json();
      if (asked !== sender) return;
      if (reply.status === 401) { window.location.assign("/staff/login?next=/staff/diagram"); return; }
      if (!body.ok) { status.textContent = `Cannot follow: ${body.error}`; return; }
      mark(body.node, body.passed);
      status.textContent = describe(body);
      diagram.dataset.current = body.node || "";
    } catch (problem) {
      status.textContent = "The server did not answer; trying again.";
    }
  }

  function follow(id) {
    sender = id;
    shownNode = null;
    window.clearInterval(timer);
    if (!id) return;
    window.history.replaceState(null, "", `?follow=${encodeURIComponent(id)}`);
    stopButton.hidden = false;
    status.textContent = `Looking up ${id}…`;
    poll();
    timer = window.setInterval(poll, POLL_MS);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); follow(input.value.trim()); });
  stopButton.addEventListener("click", () => {
    follow("");
    mark(null, []);
    stopButton.hidden = true;
    status.textContent = "Not following a conversation.";
    window.history.replaceState(null, "", window.location.pathname);
  });
  // Zoomed out to 60 %: the shape of the tree with labels still readable (fitting the whole tree to the
  // width made every label a few pixels tall).
  const svg = diagram.querySelector("svg");
  const natural = svg ? svg.getBoundingClientRect().width : 0;
  fitButton.addEventListener("click", () => {
    const small = diagram.classList.toggle("zoomed-out");
    if (svg) { svg.style.width = small ? `${Math.round(natural * 0.6)}px` : ""; svg.style.height = small ? "auto" : ""; }
    fitButton.textContent = small ? "Actual size" : "Zoom out";
  });

  const wanted = new URLSearchParams(window.location.search).get("follow");
  if (wanted) { input.value = wanted; follow(wanted); }
  else {
    // Open on where conversations start, not on the empty corner of the drawing.
    const start = node(diagram.dataset.start || "");
    if (start) {
      const box = start.getBoundingClientRect(), frame = diagram.getBoundingClientRect();
      diagram.scrollBy({ left: box.left + box.width / 2 - (frame.left + frame.width / 2), top: box.top - frame.top - 24 });
    }
  }
})();
