// Scanning a copy's label with the phone's camera, where the browser has a
// BarcodeDetector (Chromium on Android, for one). Typing the printed code always works:
// the camera button only appears where scanning is possible.
(function () {
  "use strict";
  // A scan sent with htmx (the shelf audit): the field is emptied for the next copy.
  document.querySelectorAll("form[data-scan-form]").forEach(function (form) {
    form.addEventListener("htmx:afterRequest", function () {
      var input = form.querySelector("input[name=code]");
      input.value = "";
      input.focus();
    });
  });
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }

  function start(button) {
    var input = document.getElementById(button.dataset.scanFor);
    var video = document.getElementById(button.dataset.scanVideo);
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var stream = null;

    function stop() {
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      video.classList.add("d-none");
      button.disabled = false;
    }

    function found(code) {
      stop();
      input.value = code;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      if (button.dataset.scanSubmit && input.form) { input.form.requestSubmit(); }
      else { input.focus(); }
    }

    function tick() {
      if (!stream) { return; }
      detector.detect(video).then(function (codes) {
        if (codes.length) { found(codes[0].rawValue); } else { window.requestAnimationFrame(tick); }
      }, stop);
    }

    button.disabled = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.classList.remove("d-none");
        return video.play();
      })
      .then(tick, function () { stop(); input.focus(); });
  }

  document.querySelectorAll("[data-scan-for]").forEach(function (button) {
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) { return; }
      button.classList.remove("d-none");
      button.addEventListener("click", function () { start(button); });
    });
  });
})();
