// Quiz countdown. The server is the authority on time: this only shows it and, when the
// answer window ends, reloads the page so the server applies the overdue rule.
(function () {
  const timer = document.getElementById("countdown");
  if (!timer) return;
  const deadline = Date.parse(timer.dataset.deadline);
  const windowEnd = Date.parse(timer.dataset.graceEnd || timer.dataset.deadline);
  function pad(n) { return String(n).padStart(2, "0"); }
  function tick() {
    const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    timer.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    if (left <= 60) timer.classList.add("badge", "badge-bad");
    if (Date.now() > windowEnd + 2000) {
      window.location.reload();
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
