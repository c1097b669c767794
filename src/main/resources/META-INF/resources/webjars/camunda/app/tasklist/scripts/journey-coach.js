// --- Journey Coach: worklist and sharing -----------------------------------------------------------------
// Loaded by config.js (customScripts) for the share form (forms/share-asset.form), whose Camunda Form cannot
// run scripts of its own:
// - "Send by text message": form-js lets no sms: address through its HTML sanitizer (mailto: and tel: only),
//   so the form writes the server's sms: link into the anchor's name (href #send-sms), and this makes it the href;
// - "Copy the message" (#copy-share-message) copies the message (the form's text area, the suggestion offered first);
// - a distributor who changes the message sends their own text: the sms: link follows the text area (the server
//   records on completion whether the suggestion went out as offered, edited or replaced);
// - on a phone, a task that opens (shown above the list by user-styles.css) is scrolled into view;
// - the header links to the distributor's pipeline (/pipeline, served by Journey Coach beside the webapps, signed in
//   with this login): every open prospect with its step, since when and what is due, also those without a task.

function offerSmsLinks(root) {
  root.querySelectorAll('a[href="#send-sms"][name^="sms:"]').forEach((link) => {
    link.setAttribute('href', link.getAttribute('name'));
    link.removeAttribute('name');
  });
}

// the webapps live one folder below the application (app-root "/camunda"): the pipeline is beside them
const pipeline = document.querySelector('base').getAttribute('app-root').replace(/\/[^/]*$/, '') + '/pipeline';

function offerPipelineLink() {
  const startProcess = document.querySelector('li.start-process-action');
  if (!startProcess || startProcess.parentElement.querySelector('li.jc-pipeline-action')) {
    return;
  }
  const item = document.createElement('li');
  item.className = 'jc-pipeline-action';
  const link = document.createElement('a');
  link.href = pipeline;
  link.textContent = 'My pipeline';
  link.title = 'Every open prospect, with its step and what is due';
  item.appendChild(link);
  startProcess.parentElement.insertBefore(item, startProcess);
}

let shownTask = null;

function showOpenedTaskOnPhone() {
  const task = document.querySelector('.column-right section.task-card');
  if (task && task !== shownTask && window.innerWidth < 768) {
    window.scrollTo(0, 0);
  }
  shownTask = task;
}

// the sms: link carries the message as it stands in the text area
document.addEventListener('input', (event) => {
  const message = event.target;
  if (!(message instanceof HTMLTextAreaElement) || !message.closest('form')) {
    return;
  }
  const sms = message.closest('form').querySelector('a[href^="sms:"]');
  if (sms) {
    const href = sms.getAttribute('href');
    sms.setAttribute('href', href.substring(0, href.indexOf('?body=') + 6) + encodeURIComponent(message.value));
  }
}, true);

new MutationObserver(() => {
  offerSmsLinks(document);
  offerPipelineLink();
  showOpenedTaskOnPhone();
}).observe(document.documentElement, { childList: true, subtree: true });
offerSmsLinks(document);

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href$="#copy-share-message"]') : null;
  if (!link) {
    return;
  }
  // the link must not change Tasklist's route (#/...) nor open a tab
  event.preventDefault();
  event.stopPropagation();
  const form = link.closest('form') || document;
  const message = form.querySelector('textarea');
  if (!message) {
    return;
  }
  const copied = () => {
    const text = link.textContent;
    link.textContent = 'Copied';
    setTimeout(() => { link.textContent = text; }, 2000);
  };
  const selectAndCopy = () => {
    message.select();
    const done = document.execCommand('copy');
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
