"use strict";
// ties' one script: copy a command, sort and filter the People table, show the latest weeks
// of the year. The page reads fine without it.
(function () {
  function copied(button, text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = "Copy"; }, 1500);
  }
  function copy(button) {
    var text = button.getAttribute("data-copy");
    var code = button.previousElementSibling;
    var select = function () {
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      copied(button, "Selected: Ctrl-C");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, "Copied"); }, select);
    } else {
      select();
    }
  }
  function key(cell, kind) {
    if (kind === "rank") return Number(cell.getAttribute("data-rank"));
    return cell.textContent.trim().toLowerCase();
  }
  function sort(th) {
    var table = th.closest("table");
    var body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var kind = th.getAttribute("data-sort");
    var descending = th.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column], kind), y = key(b.cells[column], kind);
      // Empty cells last in both directions.
      if (x === "" && y !== "") return 1;
      if (y === "" && x !== "") return -1;
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (button) copy(button);
    var th = event.target.closest("th[data-sort]");
    if (th) sort(th);
  });
  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var rows = document.getElementById("people-table").tBodies[0].rows;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      document.getElementById("shown").textContent = shown + " of " + rows.length + " people";
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".scroll.end"), function (box) {
    box.scrollLeft = box.scrollWidth;
  });
})();
