// Keyboard, click and #slide-N navigation; nothing is loaded from anywhere.
(function () {
  const slides = Array.from(document.querySelectorAll(".slide"));
  let current = 0;
  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach((s, k) => s.classList.toggle("current", k === current));
    if (location.hash !== "#slide-" + (current + 1)) history.replaceState(null, "", "#slide-" + (current + 1));
    document.title = DECK_TITLE + " (" + (current + 1) + "/" + slides.length + ")";
  }
  document.addEventListener("keydown", (e) => {
    if (["ArrowRight", "PageDown", " ", "Enter"].includes(e.key)) { show(current + 1); e.preventDefault(); }
    else if (["ArrowLeft", "PageUp", "Backspace"].includes(e.key)) { show(current - 1); e.preventDefault(); }
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(slides.length - 1);
  });
  document.addEventListener("click", (e) => {
    if (e.target.closest("a")) return;
    show(e.clientX > window.innerWidth / 3 ? current + 1 : current - 1);
  });
  const m = /^#slide-(\d+)$/.exec(location.hash);
  show(m ? parseInt(m[1], 10) - 1 : 0);
})();
