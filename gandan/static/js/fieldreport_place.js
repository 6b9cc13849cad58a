/* "Use my position" on the field report form: fills the hidden latitude and longitude from the phone's position.
   Optional: without this script (or without a position) the citizen writes the address. No library, no CDN. */
(function () {
  "use strict";
  function checkPhotos() {
    // Photos past the site's body limit would be refused before the server reads the form, on a page that cannot
    // show what was typed again: say so here, and leave the choice empty.
    var input = document.querySelector("input[type=file][data-max-total]");
    if (!input) return;
    input.addEventListener("change", function () {
      var each = Number(input.dataset.maxEach), total = Number(input.dataset.maxTotal), sum = 0, tooBig = false;
      for (var i = 0; i < input.files.length; i++) {
        sum += input.files[i].size;
        if (input.files[i].size > each) tooBig = true;
      }
      input.setCustomValidity(tooBig || sum > total ? input.dataset.tooLarge : "");
      if (tooBig || sum > total) {
        input.reportValidity();
        input.value = "";
        input.setCustomValidity("");
      }
    });
  }
  function ready() {
    checkPhotos();
    var box = document.querySelector("[data-fr-position]");
    if (!box || !("geolocation" in navigator)) return;
    var button = box.querySelector("[data-fr-locate]");
    var status = box.querySelector("[data-fr-status]");
    var lat = document.querySelector("input[name=lat]");
    var lng = document.querySelector("input[name=long]");
    if (!button || !lat || !lng) return;
    box.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = status.dataset.working;
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          status.textContent = status.dataset.done;
          button.disabled = false;
        },
        function () {
          status.textContent = status.dataset.failed;
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
      );
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
