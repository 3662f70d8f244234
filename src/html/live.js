// ties serve: the page reloads when the notebook's view changes (the server counts versions).
(function () {
  var shown = document.documentElement.getAttribute("data-version");
  var events = new EventSource("/events");
  var live = document.getElementById("live");
  events.onmessage = function (event) {
    if (event.data !== shown) location.reload();
  };
  events.onopen = function () { if (live) live.textContent = "live"; };
  events.onerror = function () { if (live) live.textContent = "reconnecting…"; };
})();
