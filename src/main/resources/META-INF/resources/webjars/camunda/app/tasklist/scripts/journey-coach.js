// --- Journey Coach: worklist and sharing -----------------------------------------------------------------
// Loaded by config.js (customScripts). The share form (forms/share-asset.form) offers a "Copy the message"
// link (#copy-share-message); a Camunda Form cannot run scripts, so this copies the suggested message (the
// form's read-only text area) to the clipboard, and says so on the link.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href$="#copy-share-message"]') : null;
  if (!link) {
    return;
  }
  // the link must not change Tasklist's route (#/...) nor open a tab
  event.preventDefault();
  event.stopPropagation();
  const form = link.closest('form') || document;
  const message = form.querySelector('textarea[readonly]');
  if (!message) {
    return;
  }
  const copied = () => {
    const text = link.textContent;
    link.textContent = 'Copied';
    setTimeout(() => { link.textContent = text; }, 2000);
  };
  const selectAndCopy = () => {
    message.removeAttribute('readonly');
    message.select();
    const done = document.execCommand('copy');
    message.setAttribute('readonly', '');
    if (done) {
      copied();
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(message.value).then(copied, selectAndCopy);
  } else {
    selectAndCopy();
  }
}, true);
