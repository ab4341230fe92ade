// Choosing a row in an autocomplete list filter reloads the changelist filtered by it,
// keeping the other filters and the search, and going back to the first page.
window.addEventListener("load", function () {
  django.jQuery(".autocomplete-filter select").on("change", function () {
    const url = new URL(window.location.href);
    url.searchParams.delete(this.name);
    url.searchParams.delete("p");
    if (this.value) url.searchParams.set(this.name, this.value);
    window.location.href = url.toString();
  });
});
