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
