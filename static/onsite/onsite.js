/* OnSite: label the cells of tables shown as stacked cards on a phone (.table-cards) with
   their column's heading, on load and after htmx swaps; ask before sending a form marked
   <form data-confirm="Question?">. No network, no dependencies, nothing inline in the pages
   (the Content-Security-Policy runs only script files of the portal). */
(function () {
  function label(root) {
    root.querySelectorAll("table.table-cards").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          if (cell.colSpan === 1 && !cell.hasAttribute("data-label") && heads[column] !== undefined) {
            cell.setAttribute("data-label", heads[column]);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:afterSwap", function (event) { label(event.target.closest("table") || document); });
  // Listening on the document covers forms added later by htmx too.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
