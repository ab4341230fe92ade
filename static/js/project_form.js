// Offer only the guidelines of the chosen strategy. The server checks the pair again, so this
// is a convenience: without JavaScript every guideline is listed and a wrong pair is refused.
(function () {
  const strategy = document.getElementById("id_strategy");
  const guideline = document.getElementById("id_guideline");
  if (!strategy || !guideline) return;
  function filterGuidelines() {
    for (const option of guideline.options) {
      if (!option.dataset.strategy) continue;
      const match = option.dataset.strategy === strategy.value;
      option.hidden = !match;
      option.disabled = !match;
    }
    const chosen = guideline.selectedOptions[0];
    if (chosen && chosen.disabled) guideline.value = "";
  }
  strategy.addEventListener("change", filterGuidelines);
  filterGuidelines();
})();

// Budget lines: "add a line" clones the empty row instead of posting the form back, and a
// remove button ticks the row's delete box and hides it. Without JavaScript the button posts
// the form (the server adds the row) and the delete box is ticked by hand.
(function () {
  const container = document.getElementById("budget-lines");
  const template = document.getElementById("budget-line-template");
  const total = document.getElementById("id_lines-TOTAL_FORMS");
  const add = document.getElementById("add-line");
  if (!container || !template || !total || !add) return;
  function enhance(row) {
    const remove = row.querySelector("[data-remove-line]");
    const box = row.querySelector(".line-delete");
    if (!remove || !box) return;
    remove.hidden = false;
    box.hidden = true;
  }
  container.querySelectorAll(".budget-line").forEach(enhance);
  add.addEventListener("click", function (event) {
    event.preventDefault();
    const index = Number(total.value);
    container.insertAdjacentHTML(
      "beforeend",
      template.innerHTML.replace(/__prefix__/g, String(index)),
    );
    total.value = String(index + 1);
    const row = container.lastElementChild;
    enhance(row);
    row.querySelector("input, select").focus();
  });
  container.addEventListener("click", function (event) {
    const remove = event.target.closest("[data-remove-line]");
    if (!remove) return;
    const row = remove.closest(".budget-line");
    row.querySelector("input[name$='-DELETE']").checked = true;
    row.hidden = true;
  });
})();
