// Videos and maps in a text: the page shows a preview served by this site and a link to the provider.
// Only a reader's click replaces the preview with the provider's player, so nothing is requested from the
// provider before then. Without JavaScript the link opens the provider's own page.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".embed-load");
  const figure = link && link.closest("[data-embed-src]");
  if (!figure) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = figure.dataset.embedSrc;
  frame.title = figure.dataset.embedTitle || "";
  frame.width = "800";
  frame.height = "450";
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.className = "embed-frame";
  link.replaceWith(frame);
  frame.focus();
});
