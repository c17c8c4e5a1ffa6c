// The member picker's search box (linli/core/fields.py): narrows a list of people - a <select>,
// or checkboxes - to those whose name, address or role contains what is typed. Without
// JavaScript the list, grouped by courtyard, works as it is. A large list comes with the page's
// own search box (data-find: it asks the server, which lists the people found); typing in it
// narrows what is listed at once, and Enter or its button asks the server for more.
(function () {
  function matches(text, words) {
    return !words || text.toLowerCase().indexOf(words) !== -1;
  }
  function searchBox(picker, before, id) {
    if (picker.dataset.find) return document.getElementById(picker.dataset.find);
    var wrap = document.createElement("p");
    wrap.className = "member-search";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = picker.dataset.searchLabel;
    var box = document.createElement("input");
    box.type = "search";
    box.id = id;
    box.autocomplete = "off";
    wrap.appendChild(label);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(box);
    before.parentNode.insertBefore(wrap, before);
    return box;
  }
  // Each picker on a page brings this script; the first run does the work for all.
  if (window.linliMemberPicker) return;
  window.linliMemberPicker = true;
  document.querySelectorAll("select[data-member-picker]").forEach(function (select) {
    var box = searchBox(select, select, select.id + "-search");
    if (!box) return;
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          option.hidden = !option.selected && !matches(option.textContent, words);
          if (!option.hidden) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  });
  document.querySelectorAll("div[data-member-picker]").forEach(function (list) {
    var box = searchBox(list, list, list.id + "-search");
    if (!box) return;
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      list.querySelectorAll("input[type=checkbox]").forEach(function (checkbox) {
        var row = checkbox.closest("label").parentNode;
        // A ticked person stays in sight so nobody is chosen without being seen.
        row.hidden = !checkbox.checked && !matches(row.textContent, words);
      });
    });
  });
})();
