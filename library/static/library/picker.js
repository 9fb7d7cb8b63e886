// The rich-text editor's image picker: a click hands the image to the editor that opened this window
// (django-prose-editor's Figure dialog listens with the CKEditor callback protocol) and closes the window.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-pick-url]");
  if (!button) return;
  const funcNum = Number(new URLSearchParams(window.location.search).get("CKEditorFuncNum"));
  const editor = window.opener && window.opener.CKEDITOR;
  if (!editor || !funcNum) return;
  editor.tools.callFunction(funcNum, button.dataset.pickUrl, {
    id: button.dataset.pickId,
    alternative_text: "",
    caption: "",
  });
  window.close();
});
