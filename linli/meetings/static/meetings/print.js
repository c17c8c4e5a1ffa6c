// The ticket's Print button (a file, not an onclick attribute: the Content-Security-Policy
// allows no inline script).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
