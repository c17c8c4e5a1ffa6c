// Skip logic in the browser: hide a question until the earlier answer it depends on is given, and
// disable its inputs so a hidden answer is never sent. The server applies the same rule, so the
// survey works the same without JavaScript.
(function () {
  "use strict";
  function chosen(form, key) {
    var values = [];
    form.querySelectorAll('[name="' + key + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (field) {
      var condition = JSON.parse(field.getAttribute("data-show-if"));
      var given = chosen(form, condition.question);
      var hiddenParent = form.querySelector('#field-' + condition.question + '[hidden]');
      var show = !hiddenParent && given.some(function (v) { return condition.any_of.indexOf(v) >= 0; });
      var dependsOnThisPage = form.querySelector('[name="' + condition.question + '"]');
      if (!dependsOnThisPage) { return; }
      field.hidden = !show;
      field.querySelectorAll("input, select, textarea").forEach(function (input) { input.disabled = !show; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); update(form); });
    });
  });
})();
