// Progressive enhancement for the notices page: when a notice has been at least half on screen
// for four seconds, send the same POST as its "I have read this" button (once per notice). Without
// JavaScript the button does the job; a GET never records anything.
(function () {
  if (!("IntersectionObserver" in window) || !window.fetch) return;
  var timers = new Map();
  function send(form) {
    if (form.dataset.sent) return;
    form.dataset.sent = "1";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Linli-Beacon": "1" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.ok) {
        var status = form.querySelector("[data-read-status]");
        if (status) status.hidden = false;
      }
    });
  }
  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        var form = entry.target.querySelector("form[data-notice-read]");
        if (!form) return;
        if (entry.isIntersecting) {
          timers.set(form, setTimeout(function () { send(form); }, 4000));
        } else {
          clearTimeout(timers.get(form));
        }
      });
    },
    { threshold: 0.5 }
  );
  document.querySelectorAll("article[data-notice]").forEach(function (article) {
    observer.observe(article);
  });
})();
