/* A long list of units (a province's 148 communes, all beginning "Xã") cannot be searched by the browser's type-ahead:
   a select marked data-filter gets a search box above it that keeps only the options holding every typed word,
   with or without diacritics ("hai luu" finds "Xã Hải Lựu"). Without this script the plain list still works. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function enhance(select) {
    if (select.options.length < 12 || select.multiple) return;
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-filter";
    box.placeholder = select.dataset.filter;
    box.setAttribute("aria-label", select.dataset.filter);
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    var folded = Array.prototype.map.call(select.options, function (option) { return fold(option.text); });
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean), shown = 0, first = null;
      Array.prototype.forEach.call(select.options, function (option, i) {
        var keep = words.every(function (word) { return folded[i].indexOf(word) !== -1; });
        option.hidden = !keep;
        option.disabled = !keep && !option.selected;
        if (keep) { shown += 1; if (first === null) first = option; }
      });
      // While filtering, the matches are shown as an open list to click; an empty box gives the plain list back.
      select.size = words.length ? Math.max(2, Math.min(8, shown)) : 0;
      if (words.length && shown === 1 && first) first.selected = true;
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
