// A small signature pad: draws with mouse, pen or finger on a canvas and puts the
// PNG data URL into the hidden "signature" field when the form is submitted.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var form = document.getElementById("sign-form");
  if (!canvas || !form) { return; }
  var field = form.querySelector("input[name=signature]");
  var ctx = canvas.getContext("2d");
  var drawing = false, drawn = false, last = null;
  ctx.lineWidth = 2.5;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#000";

  function point(event) {
    var rect = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left) * (canvas.width / rect.width),
      y: (event.clientY - rect.top) * (canvas.height / rect.height)
    };
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    last = point(event);
    canvas.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    var p = point(event);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last = p;
    drawn = true;
    event.preventDefault();
  });
  function stop() { drawing = false; }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    field.value = "";
  });

  var drawnBox = document.getElementById("drawn-box");
  var passwordBox = document.getElementById("password-box");
  function showMethod() {
    var chosen = form.querySelector("input[name=method]:checked");
    var method = chosen ? chosen.value : "drawn";
    drawnBox.hidden = method !== "drawn";
    passwordBox.hidden = method !== "password";
  }
  form.querySelectorAll("input[name=method]").forEach(function (radio) {
    radio.addEventListener("change", showMethod);
  });
  showMethod();

  form.addEventListener("submit", function () {
    field.value = drawn ? canvas.toDataURL("image/png") : "";
  });
})();
