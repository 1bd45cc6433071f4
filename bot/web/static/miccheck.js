/*
 * MicCheck: a microphone check that runs entirely in the page. No audio leaves the browser.
 * No build step, no dependencies; include it with <script src="miccheck.js"></script>.
 *
 *   MicCheck.run({ savedDeviceId, levelMs })  -> Promise<Report>
 *     savedDeviceId  optional deviceId your app remembered; checked with {deviceId: {exact: id}}
 *     levelMs        how long to listen for sound on the first device that opens (default 600 ms)
 *   Report = {
 *     secure_context, media_devices,            // booleans
 *     permission,                               // "granted" | "denied" | "prompt" | "unknown"
 *     default: {ok, error, message},            // getUserMedia({audio: true})
 *     devices: [{label, ok, error, message}],   // each audioinput, opened with {deviceId: {exact}}
 *     saved_device: {ok, error, message} | null,
 *     level: "sound" | "silent" | null,         // a short input-level check
 *     browser, browser_version, os              // from the user agent
 *   }
 *   MicCheck.watch(callback) -> stop()  calls callback({added, removed}) when microphones appear or go.
 * Every track is stopped as soon as it has been opened.
 */
(function (global) {
  "use strict";

  function stopAll(stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }

  function attempt(constraints) {
    return navigator.mediaDevices.getUserMedia(constraints).then(
      function (stream) { return { ok: true, error: null, message: "", stream: stream }; },
      function (e) { return { ok: false, error: (e && e.name) || "Error", message: (e && e.message) || "" }; });
  }

  function measure(stream, ms) {
    var Context = global.AudioContext || global.webkitAudioContext;
    if (!Context) return Promise.resolve(null);
    var ctx = new Context(), analyser = ctx.createAnalyser(), data = new Uint8Array(analyser.fftSize), peak = 0;
    ctx.createMediaStreamSource(stream).connect(analyser);
    return new Promise(function (resolve) {
      var until = Date.now() + ms;
      (function sample() {
        analyser.getByteTimeDomainData(data);
        for (var i = 0; i < data.length; i++) peak = Math.max(peak, Math.abs(data[i] - 128));
        if (Date.now() < until) setTimeout(sample, 50);
        else { ctx.close(); resolve(peak > 2 ? "sound" : "silent"); }
      })();
    });
  }

  function userAgent() {
    var ua = navigator.userAgent, browser = "other", version = "", os = "";
    // Chrome, Firefox and Edge on iPhone and iPad name themselves CriOS, FxiOS and EdgiOS.
    var m = ua.match(/Edg(?:e|A|iOS)?\/([\d.]+)/) || null;
    if (m) browser = "edge"; else if ((m = ua.match(/(?:Firefox|FxiOS)\/([\d.]+)/))) browser = "firefox";
    else if ((m = ua.match(/(?:Chrom(?:e|ium)|CriOS)\/([\d.]+)/))) browser = "chrome";
    else if ((m = ua.match(/Version\/([\d.]+).*Safari/))) browser = "safari";
    version = m ? m[1] : "";
    // iPadOS asks for desktop pages with a Mac user agent; only the touch screen tells it apart.
    var ipad = /Macintosh/.test(ua) && navigator.maxTouchPoints > 1;
    if (/Windows/.test(ua)) os = "windows"; else if (/Android/.test(ua)) os = "android";
    else if (/iPhone|iPad/.test(ua) || ipad) os = "ios"; else if (/CrOS/.test(ua)) os = "chromeos";
    else if (/Mac OS X/.test(ua)) os = "macos"; else if (/Linux/.test(ua)) os = "linux";
    return { browser: browser, browser_version: version, os: os };
  }

  function plain(result) { return { ok: result.ok, error: result.error, message: result.message }; }

  async function run(options) {
    options = options || {};
    var report = Object.assign({ secure_context: !!global.isSecureContext, media_devices: !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia),
                                 permission: "unknown", default: { ok: false, error: null, message: "" }, devices: [],
                                 saved_device: null, level: null }, userAgent());
    if (!report.media_devices) return report;
    try {
      if (navigator.permissions && navigator.permissions.query) {
        report.permission = (await navigator.permissions.query({ name: "microphone" })).state;
      }
    } catch (e) { /* not supported for "microphone" in this browser */ }
    var first = await attempt({ audio: true });
    report.default = plain(first);
    if (first.ok) { report.level = await measure(first.stream, options.levelMs || 600); stopAll(first.stream); }
    var inputs = [];
    try { inputs = (await navigator.mediaDevices.enumerateDevices()).filter(function (d) { return d.kind === "audioinput"; }); }
    catch (e) { inputs = []; }
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i].deviceId || inputs[i].deviceId === "default" || inputs[i].deviceId === "communications") continue;
      var result = await attempt({ audio: { deviceId: { exact: inputs[i].deviceId } } });
      if (result.ok) stopAll(result.stream);
      report.devices.push(Object.assign({ label: inputs[i].label || "Microphone " + (i + 1) }, plain(result)));
    }
    if (options.savedDeviceId) {
      var saved = await attempt({ audio: { deviceId: { exact: options.savedDeviceId } } });
      if (saved.ok) stopAll(saved.stream);
      report.saved_device = plain(saved);
    }
    return report;
  }

  function watch(callback) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.addEventListener) return function () {};
    var known = null;
    function list() { return navigator.mediaDevices.enumerateDevices().then(function (all) {
      return all.filter(function (d) { return d.kind === "audioinput"; }).map(function (d) { return d.deviceId + "|" + d.label; }); }); }
    list().then(function (ids) { known = ids; });
    function changed() {
      list().then(function (ids) {
        var added = ids.filter(function (x) { return known.indexOf(x) < 0; }), removed = known.filter(function (x) { return ids.indexOf(x) < 0; });
        known = ids;
        if (added.length || removed.length) callback({ added: added.map(function (x) { return x.split("|")[1] || "a microphone"; }),
                                                       removed: removed.map(function (x) { return x.split("|")[1] || "a microphone"; }) });
      });
    }
    navigator.mediaDevices.addEventListener("devicechange", changed);
    return function () { navigator.mediaDevices.removeEventListener("devicechange", changed); };
  }

  global.MicCheck = { run: run, watch: watch, userAgent: userAgent };
})(window);
