// The question builder shows only the fields the chosen kind of question needs. Without
// JavaScript the server does the same on each save; this only follows a change of kind at once.
(function () {
  "use strict";
  function update(form, select) {
    var kind = select.value;
    form.querySelectorAll(".kind-field[data-kinds]").forEach(function (box) {
      box.hidden = box.getAttribute("data-kinds").split(" ").indexOf(kind) < 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.question-builder").forEach(function (form) {
      var select = form.querySelector('select[name="kind"]');
      if (!select) { return; }
      select.addEventListener("change", function () { update(form, select); });
    });
  });
})();
