// Print buttons: a <button type="button" data-print> prints the page. The handler lives in this file rather than in
// an inline onclick attribute, so the Content-Security-Policy (script-src 'self', no inline script) lets it run.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) {
    event.preventDefault();
    window.print();
  }
});
