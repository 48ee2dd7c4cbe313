/* Quick exit: the button and the Escape key leave for a neutral site at once and replace this
   page in the browser's history, so the back button does not return here. Without JavaScript
   the button is an ordinary link to the same site. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit-url]");
  if (!button) {
    return;
  }
  var target = button.getAttribute("data-quick-exit-url");

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }

  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      leave(event);
    }
  });
})();

/* A form is sent once: the button is disabled after the first click. The server also ignores a
   second copy (the form's one-time token), so this only spares the user the wait. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-single-submit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
