/* The map layer of the field reports' list, loaded only when the site has map tiles (GANDAN_MAP_TILES_URL).
   Markers stand at each report's approximate square, never at the reporter's position. */
(function () {
  "use strict";
  function ready() {
    var box = document.getElementById("fr-map");
    var data = document.getElementById("fr-markers");
    if (!box || !data || !window.L) return;
    var markers = JSON.parse(data.textContent || "[]");
    var map = L.map(box);
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution || "" }).addTo(map);
    var points = [];
    markers.forEach(function (m) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.title;
      L.marker([m.lat, m.long]).addTo(map).bindPopup(link);
      points.push([m.lat, m.long]);
    });
    if (points.length) map.fitBounds(points, { maxZoom: 16, padding: [20, 20] });
    else map.setView([Number(box.dataset.lat), Number(box.dataset.long)], 12);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
