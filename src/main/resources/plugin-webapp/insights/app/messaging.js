// The Messaging tab of Insights (#/insights?view=messaging): the phrases of follow-up notes and sent messages before an
// outcome (rising interest, stated intent, conversion), as GET /api/messaging/phrases reports them, and per asset its
// suggested messages with their rates. plugin.js hands over its helpers (element, loadJson, resource, percent, tabs).

const OUTCOME_LABELS = {INTEREST: 'Rising interest', INTENT: 'Purchase intent (medium or high)', CONVERSION: 'Purchase or enrollment'};
const SOURCE_LABELS = {ALL: 'Notes and messages', NOTES: 'Follow-up notes', MESSAGES: 'Messages sent'};
const SEGMENT_LABELS = {'': 'Every segment', PRODUCT_CUSTOMER: 'Product customers', BUSINESS_BUILDER: 'Business builders'};

function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value) {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function fixed(value, digits) {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

function phraseTable(h, phrases, direction) {
  const head = h.element('tr', {}, ...['Phrase', 'Effect (log-odds)', 'z', 'Notes and messages', 'With the outcome', 'Distributors',
    'Prospects'].map(text => h.element('th', {}, text)));
  const rows = phrases.map(phrase => h.element('tr', {'data-phrase': phrase.key},
    h.element('td', {class: 'jc-phrase'}, phrase.phrase),
    h.element('td', {class: 'jc-effect'}, fixed(phrase.effect, 2)),
    h.element('td', {class: 'jc-z'}, fixed(phrase.z, 1)),
    h.element('td', {class: 'jc-documents'}, phrase.documents),
    h.element('td', {class: 'jc-with-outcome'}, phrase.withOutcome),
    h.element('td', {class: 'jc-distributors'}, phrase.distributors),
    h.element('td', {class: 'jc-prospects'}, phrase.prospects)));
  return h.element('table', {class: `table table-striped jc-phrases jc-phrases-${direction}`}, h.element('thead', {}, head),
    h.element('tbody', {}, ...rows));
}

function messageTable(h, asset) {
  const head = h.element('tr', {}, ...['Channel', 'Language', 'Message', 'Status', 'Sent', 'Viewed within the window', 'View rate',
    'Converted', 'Conversion rate'].map(text => h.element('th', {}, text)));
  const rows = asset.suggestions.map(measured => {
    const message = measured.message;
    const status = message.rolledOut ? 'rolled out' : message.status.toLowerCase();
    return h.element('tr', {'data-suggestion': message.id, class: message.rolledOut ? 'jc-rolled-out' : ''},
      h.element('td', {}, message.channel),
      h.element('td', {}, message.language),
      h.element('td', {class: 'jc-message-text'}, message.subject ? `${message.subject}: ${message.text}` : message.text),
      h.element('td', {class: 'jc-status'}, status),
      h.element('td', {class: 'jc-sent'}, measured.sent),
      h.element('td', {class: 'jc-viewed'}, measured.viewedInWindow),
      h.element('td', {class: 'jc-view-rate'}, measured.sent ? h.percent(measured.viewRate) : '–'),
      h.element('td', {class: 'jc-converted'}, measured.converted),
      h.element('td', {class: 'jc-conversion-rate'}, measured.sent ? h.percent(measured.conversionRate) : '–'));
  });
  return h.element('table', {class: 'table table-striped jc-messages', 'data-asset': asset.assetId}, h.element('thead', {}, head),
    h.element('tbody', {}, ...rows));
}

function select(h, id, labels, chosen) {
  const node = h.element('select', {id, class: 'form-control'}, ...Object.entries(labels).map(([value, label]) => {
    const option = h.element('option', {value}, label);
    option.selected = value === (chosen || '');
    return option;
  }));
  return node;
}

function controls(h, view, parameters) {
  const outcome = select(h, 'jc-outcome', OUTCOME_LABELS, view.phrases.outcome);
  const assets = {'': 'Every asset'};
  view.assets.forEach(asset => {
    assets[asset.id] = asset.title;
  });
  const asset = select(h, 'jc-asset', assets, view.phrases.assetId || '');
  const segment = select(h, 'jc-segment', SEGMENT_LABELS, view.phrases.segment || '');
  const source = select(h, 'jc-source', SOURCE_LABELS, view.phrases.source);
  // the address keeps the choice, so it can be bookmarked or sent; Cockpit's router renders the page anew
  const go = () => {
    window.location.hash = `#/insights${query({view: 'messaging', outcome: outcome.value, assetId: asset.value,
      segment: segment.value, source: source.value, limit: parameters.limit})}`;
  };
  [outcome, asset, segment, source].forEach(control => control.addEventListener('change', go));
  return h.element('div', {class: 'jc-filter jc-messaging-filter'},
    h.element('label', {for: 'jc-outcome'}, 'Before '), outcome, h.element('label', {for: 'jc-asset'}, 'Asset '), asset,
    h.element('label', {for: 'jc-segment'}, 'Segment '), segment, h.element('label', {for: 'jc-source'}, 'From '), source);
}

export async function renderMessaging(node, api, h, parameters) {
  node.replaceChildren(h.element('div', {class: 'jc-insights'}, h.element('h2', {}, 'Insights: messaging'), h.tabs('messaging'),
    h.element('p', {class: 'jc-loading'}, 'Loading…')));
  const page = node.firstChild;
  const search = query({outcome: parameters.outcome, assetId: parameters.assetId, segment: parameters.segment,
    source: parameters.source, limit: parameters.limit});
  let view;
  try {
    view = await h.loadJson(api, `messaging${search}`);
  } catch (error) {
    page.querySelector('.jc-loading').replaceWith(h.element('p', {class: 'jc-error alert alert-warning'},
      error.status === 403 ? 'Insights are for managers.' : error.message));
    return;
  }
  page.querySelector('.jc-loading').replaceWith(controls(h, view, parameters));
  const csv = path => h.element('a', {href: h.resource(api, path + search), download: '', class: 'jc-csv'}, 'CSV');
  const report = view.phrases;
  page.append(h.element('h3', {}, `Phrases before: ${OUTCOME_LABELS[report.outcome].toLowerCase()} `, csv('messaging/csv')),
    h.element('p', {class: 'jc-explain jc-phrase-basis'}, `${report.documents} notes and messages, ${report.withOutcome} of them `
      + `followed by the outcome. A phrase shows once at least ${report.minSupport} distributors used it about at least `
      + `${report.minSupport} prospects. Effect: the log-odds ratio of the outcome with the phrase against without it; z: `
      + 'the effect over its standard error (beyond about 2, unlikely by chance).'));
  if (!report.raising.length && !report.lowering.length) {
    page.append(h.element('p', {class: 'jc-empty jc-empty-phrases alert alert-info'},
      'No phrase has enough distributors and prospects behind it yet.'));
  } else {
    page.append(h.element('h4', {}, 'Before the outcome more often'),
      report.raising.length ? h.element('div', {class: 'jc-table-wrap'}, phraseTable(h, report.raising, 'raising'))
        : h.element('p', {class: 'jc-empty alert alert-info'}, 'None.'),
      h.element('h4', {}, 'Before the outcome less often'),
      report.lowering.length ? h.element('div', {class: 'jc-table-wrap'}, phraseTable(h, report.lowering, 'lowering'))
        : h.element('p', {class: 'jc-empty alert alert-info'}, 'None.'));
  }
  page.append(h.element('h3', {}, 'Suggested messages ', csv('messaging/messages/csv')),
    h.element('p', {class: 'jc-explain'}, 'Per asset, the messages the share form suggests. Sent: shares sent with the suggestion '
      + 'whose view window is over or that were viewed; viewed within the window; converted: the prospect bought or enrolled '
      + 'after the share. A rolled-out message is offered to everyone.'));
  if (!view.messages.length) {
    page.append(h.element('p', {class: 'jc-empty jc-empty-messages alert alert-info'},
      'No suggested message yet: process owners write them per asset.'));
  }
  for (const asset of view.messages) {
    page.append(h.element('h4', {}, asset.title), h.element('div', {class: 'jc-table-wrap'}, messageTable(h, asset)));
  }
}
