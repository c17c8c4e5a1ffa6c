// The member picker's search box (linli/core/fields.py): narrows a list of people - a <select>,
// or checkboxes - to those whose name, address or role contains what is typed. Without
// JavaScript the list, grouped by courtyard, works as it is.
(function () {
  function matches(text, words) {
    return !words || text.toLowerCase().indexOf(words) !== -1;
  }
  function searchBox(before, id, words) {
    var wrap = document.createElement("p");
    wrap.className = "member-search";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = words;
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
    var box = searchBox(select, select.id + "-search", select.dataset.searchLabel);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          option.hidden = !matches(option.textContent, words);
          if (!option.hidden) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  });
  var lists = new Set();
  document.querySelectorAll("input[type=checkbox][data-member-picker]").forEach(function (input) {
    var list = input.closest("div[id]");
    if (!list || lists.has(list)) return;
    lists.add(list);
    var box = searchBox(list, list.id + "-search", input.dataset.searchLabel);
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
