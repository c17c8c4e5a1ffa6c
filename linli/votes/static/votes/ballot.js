// Running totals on knapsack and cumulative ballots: what the ticked projects cost (or how many
// points are given) and what is left, announced politely to screen readers. Before sending a
// ballot over the limit it warns once; a second press sends it anyway and the server refuses it
// with the same words. Without JavaScript the ballot works the same, only without the totals.
(function () {
  "use strict";
  function shown(amount, money) {
    var text = Math.abs(amount).toLocaleString("en-US");
    return money ? "\u00a5" + text : text;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }
  function given(fieldset) {
    var total = 0;
    fieldset.querySelectorAll("input[data-amount]").forEach(function (box) {
      if (box.checked) { total += parseInt(box.getAttribute("data-amount"), 10) || 0; }
    });
    fieldset.querySelectorAll("input[data-points]").forEach(function (input) {
      var n = parseInt(input.value, 10);
      if (n > 0) { total += n; }
    });
    return total;
  }
  function state(fieldset) {
    var tally = fieldset.querySelector("[data-tally]");
    var limit = parseInt(tally.getAttribute("data-limit"), 10) || 0;
    var money = tally.hasAttribute("data-money");
    var total = given(fieldset);
    var values = {
      total: shown(total, money),
      limit: shown(limit, money),
      left: shown(limit - total, money),
      over: shown(total - limit, money)
    };
    return { tally: tally, over: total > limit, values: values };
  }
  function update(fieldset) {
    var now = state(fieldset);
    var text = fill(now.tally.getAttribute(now.over ? "data-over" : "data-ok"), now.values);
    if (now.tally.textContent !== text) { now.tally.textContent = text; }
    now.tally.classList.toggle("error", now.over);
    var warning = fieldset.querySelector("[data-warning]");
    if (!now.over && warning) { warning.hidden = true; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var fieldsets = [];
    document.querySelectorAll("[data-tally]").forEach(function (tally) {
      var fieldset = tally.closest("fieldset");
      tally.hidden = false;
      fieldsets.push(fieldset);
      update(fieldset);
      fieldset.addEventListener("change", function () { update(fieldset); });
      fieldset.addEventListener("input", function () { update(fieldset); });
    });
    if (!fieldsets.length) { return; }
    var form = fieldsets[0].closest("form");
    form.addEventListener("submit", function (event) {
      var firstOver = null;
      fieldsets.forEach(function (fieldset) {
        var now = state(fieldset);
        var warning = fieldset.querySelector("[data-warning]");
        if (now.over) {
          warning.textContent = fill(now.tally.getAttribute("data-refuse"), now.values);
          warning.hidden = false;
          firstOver = firstOver || warning;
        }
      });
      if (firstOver && form.getAttribute("data-warned") !== "yes") {
        // Warn once; the voter may still send it (the server decides and keeps the choices).
        event.preventDefault();
        form.setAttribute("data-warned", "yes");
        firstOver.setAttribute("tabindex", "-1");
        firstOver.focus();
      }
    });
  });
})();
