// The form recording a mobilisation activity: shows only the parts the chosen kind uses, and names the content box
// for it ("Minutes of the meeting", "What people are saying"…). Without this script every part shows and the
// server keeps what fits the kind.
(function () {
  "use strict";
  var form = document.querySelector("form[data-activity-form]");
  if (!form) return;
  var box = form.querySelector("[data-content-labels]");
  var label = box ? box.querySelector("label") : null;
  var star = label ? label.querySelector(".req") : null;

  function chosen() {
    var radio = form.querySelector("input[name=kind]:checked");
    return radio ? radio.value : "";
  }

  function update() {
    var kind = chosen();
    form.querySelectorAll("[data-kinds]").forEach(function (part) {
      var kinds = part.getAttribute("data-kinds").split(" ");
      part.hidden = kind !== "" && kinds.indexOf(kind) < 0;
    });
    var text = box && kind ? box.getAttribute("data-label-" + kind) : null;
    if (label && text) {
      label.textContent = text;
      if (star) label.appendChild(star);
    }
  }

  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "kind") update();
  });
  update();
})();
