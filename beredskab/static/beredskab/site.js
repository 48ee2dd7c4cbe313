/* Quick exit: the button, Escape pressed outside a form field, and Shift pressed three times
   (the design system's pattern, which works while typing) leave for a neutral site at once and
   replace this page in the browser's history, so the back button does not return here. Escape
   in a field does nothing: someone writing must not lose their text by reaching for it. What
   was typed is cleared first, so no cached copy of the page shows it again. Without JavaScript
   the button is an ordinary link to the same site. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit-url]");
  if (!button) {
    return;
  }
  var target = button.getAttribute("data-quick-exit-url");
  var shiftPresses = [];

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.style.visibility = "hidden";
    document.querySelectorAll("form").forEach(function (form) {
      form.setAttribute("autocomplete", "off");
      form.querySelectorAll("input, textarea, select").forEach(function (field) {
        if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
          return;
        }
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = false;
        } else {
          field.value = "";
        }
      });
    });
    window.location.replace(target);
  }

  function typingIn(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (!typingIn(event.target)) {
        leave(event);
      }
      return;
    }
    if (event.key === "Shift" && !event.repeat) {
      var now = Date.now();
      shiftPresses = shiftPresses.filter(function (at) { return now - at < 1500; });
      shiftPresses.push(now);
      if (shiftPresses.length >= 3) {
        leave(event);
      }
    } else {
      shiftPresses = [];
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
