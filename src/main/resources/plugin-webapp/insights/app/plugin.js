// Journey Coach Insights in Cockpit (Camunda's frontend plugin API, 7.14+): an "Insights" entry in the navigation,
// its page (#/insights) and a summary on the dashboard. The data comes from the plugin's own resources under
// /camunda/api/cockpit/plugin/insights/, which answer managers and administrators only. Charts with ECharts,
// served from its WebJar by the application. Every text from the server goes into the page as text, never as HTML.

const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
const STAGES = [
  ['added', 'Added'], ['shared', 'Shared'], ['viewed', 'Viewed'], ['followedUp', 'Followed up'],
  ['presented', 'Presented'], ['won', 'Won or enrolled']
];
const STEP_LABELS = {share: 'Share', view: 'View', 'follow-up': 'Follow-up'};
const FLAG_LABELS = {STRUGGLING: 'struggling', EXCELLING: 'excelling', NONE: ''};

let charts = [];

function resource(api, path) {
  return `${api.cockpitApi}/plugin/insights/${api.engine}/${path}`;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function percent(value) {
  return value === null || value === undefined ? '–' : `${(100 * value).toFixed(1)} %`;
}

async function load(api, sponsor) {
  const query = sponsor ? `?sponsor=${encodeURIComponent(sponsor)}` : '';
  return loadJson(api, `distributors${query}`);
}

async function loadJson(api, path) {
  const answer = await fetch(resource(api, path), {
    credentials: 'same-origin',
    headers: {Accept: 'application/json'}
  });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    const error = new Error(body.detail || `The server answered ${answer.status}`);
    error.status = answer.status;
    throw error;
  }
  return body;
}

/** A wide table scrolls sideways inside the page instead of running past Cockpit's edge. */
function scrolling(table) {
  return element('div', {class: 'jc-table-wrap'}, table);
}

function disposeCharts() {
  charts.forEach(chart => chart.dispose());
  charts = [];
}

function csvLink(api, path, sponsor, label) {
  const query = sponsor ? `?sponsor=${encodeURIComponent(sponsor)}` : '';
  return element('a', {href: resource(api, path + query), download: '', class: 'jc-csv'}, label);
}

function journeysLink(definitionId, distributorId) {
  if (!definitionId) {
    return null;
  }
  const search = JSON.stringify([{type: 'variables', operator: 'eq', value: distributorId, name: 'distributorId'}]);
  // Cockpit routes the definition id as it is (letters, digits, ":" and "-"), not percent-encoded
  return `#/process-definition/${definitionId}/runtime?searchQuery=${encodeURIComponent(search)}`;
}

function funnelTable(funnel) {
  const head = element('tr', {}, ...STAGES.map(([, label]) => element('th', {}, label)));
  const counts = element('tr', {}, ...STAGES.map(([key]) => element('td', {'data-stage': key}, funnel[key])));
  return element('table', {class: 'table jc-funnel'}, element('thead', {}, head), element('tbody', {}, counts));
}

function stepCell(step) {
  if (!step.measured) {
    return element('td', {'data-step': step.step, title: `pace ${step.pace}`}, '–');
  }
  const late = step.withinPace < step.measured;
  return element('td', {
    'data-step': step.step,
    class: late ? 'jc-late' : '',
    title: `${step.withinPace} of ${step.measured} within the pace ${step.pace}; mean ${step.averageHours.toFixed(1)} h`
  }, `${percent(step.withinPace / step.measured)} (${step.averageHours.toFixed(0)} h)`);
}

function nudgesCell(nudged) {
  if (!nudged || !nudged.received) {
    return element('td', {class: 'jc-nudges-followed'}, '–');
  }
  const kinds = nudged.kinds.map(k => k.window
    ? `${k.kind}: ${k.followed} of ${k.measured} followed within ${k.window} (${k.received} received)`
    : `${k.kind}: ${k.received} received, not measured`).join('\n');
  return element('td', {class: 'jc-nudges-followed', title: kinds},
    nudged.measured ? `${nudged.followed} of ${nudged.measured}` : '–');
}

function forecastCell(forecast) {
  if (!forecast || (!forecast.journeys && forecast.overEstimatePoints === null)) {
    return element('td', {class: 'jc-forecast'}, '–');
  }
  const brier = forecast.brier === null ? '–' : forecast.brier.toFixed(3);
  const gap = forecast.overEstimatePoints === null ? ''
    : `; ${forecast.overEstimatePoints >= 0 ? '+' : ''}${forecast.overEstimatePoints.toFixed(1)} points`;
  return element('td', {
    class: `jc-forecast ${forecast.overEstimating ? 'jc-over-estimating' : ''}`,
    title: `Brier score of ${forecast.journeys} closed journeys' last close estimates; mean estimate minus close rate `
      + `over the ${forecast.recordJourneys} journeys of the record the rules read`
      + (forecast.overEstimating ? ': over-estimating, as the rules judge it' : '')
  }, `${brier} (${forecast.journeys})${gap}`);
}

function distributorTable(report, definitionId, calibration, nudgesFollowed) {
  const head = element('tr', {},
    ...['Distributor', 'Sponsor', ...STAGES.map(([, label]) => label), 'Closed', 'Conversion (90 % interval)', 'Flag',
      ...Object.values(STEP_LABELS).map(label => `${label} within pace`), 'Nudges', 'Nudges followed',
      'Forecast: Brier (journeys); over-estimate'].map(text => element('th', {}, text)));
  const rows = report.distributors.map(row => {
    const link = journeysLink(definitionId, row.id);
    const name = link ? element('a', {href: link, class: 'jc-journeys', title: 'This distributor\'s journeys in Cockpit'}, row.name)
      : row.name;
    const c = row.conversion;
    const conversion = c.mean === null ? '–'
      : `${percent(c.mean)} (${percent(c.lower)} – ${percent(c.upper)})`;
    const flag = FLAG_LABELS[c.flag];
    return element('tr', {'data-distributor': row.id},
      element('td', {class: 'jc-name'}, name),
      element('td', {}, row.sponsorId || ''),
      ...STAGES.map(([key]) => element('td', {'data-stage': key}, row.funnel[key])),
      element('td', {class: 'jc-closed'}, `${c.converted} of ${c.closed}`),
      element('td', {class: 'jc-conversion', title: c.probabilityBelowTeam === null ? ''
        : `probability below the team: ${c.probabilityBelowTeam.toFixed(3)}`}, conversion),
      element('td', {class: `jc-flag ${flag ? 'jc-flag-' + flag : ''}`}, flag),
      ...row.steps.map(stepCell),
      element('td', {class: 'jc-nudges'}, row.nudges),
      nudgesCell(nudgesFollowed[row.id]),
      forecastCell(calibration[row.id]));
  });
  return element('table', {class: 'table table-striped jc-distributors'}, element('thead', {}, head), element('tbody', {}, ...rows));
}

/** The shown distributors' journeys pooled per estimate bin, or one distributor's bins. */
function reliabilityBins(report, calibration, distributorId) {
  const ids = distributorId ? [distributorId] : report.distributors.map(row => row.id);
  const pooled = new Map();
  for (const id of ids) {
    for (const bin of (calibration[id] || {bins: []}).bins) {
      const sum = pooled.get(bin.lower) || {lower: bin.lower, upper: bin.upper, journeys: 0, estimates: 0, converted: 0};
      sum.journeys += bin.journeys;
      sum.estimates += bin.meanEstimate * bin.journeys;
      sum.converted += bin.observed * bin.journeys;
      pooled.set(bin.lower, sum);
    }
  }
  return [...pooled.values()].sort((a, b) => a.lower - b.lower)
    .map(b => ({lower: b.lower, upper: b.upper, journeys: b.journeys, estimate: b.estimates / b.journeys, observed: b.converted / b.journeys}));
}

function reliabilityOption(bins, title) {
  return {
    animation: false,
    title: {text: title, left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'item', formatter: p => p.seriesName === 'perfect' ? ''
      : `estimates ${p.data.bin}: ${p.data.journeys} journeys, mean estimate ${percent(p.value[0])}, converted ${percent(p.value[1])}`},
    grid: {left: 50, right: 20, top: 40, bottom: 50},
    xAxis: {type: 'value', min: 0, max: 1, name: 'close estimate', nameLocation: 'middle', nameGap: 28,
      axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
    yAxis: {type: 'value', min: 0, max: 1, name: 'converted', axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
    series: [
      {type: 'line', name: 'perfect', data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: {type: 'dashed', color: '#999'}, silent: true},
      {
        type: 'line', name: 'observed',
        data: bins.map(b => ({value: [b.estimate, b.observed], journeys: b.journeys, bin: `${b.lower}–${b.upper} %`})),
        symbolSize: 6,
        label: {show: true, position: 'top', formatter: p => p.data.journeys, fontSize: 10}
      }
    ]
  };
}

async function drawReliability(container, report, calibration) {
  const echarts = await import(ECHARTS);
  const select = element('select', {id: 'jc-calibration-distributor', class: 'form-control'},
    element('option', {value: ''}, 'Everyone shown'),
    ...report.distributors.filter(row => (calibration[row.id] || {journeys: 0}).journeys > 0)
      .map(row => element('option', {value: row.id}, row.name)));
  const node = element('div', {class: 'jc-chart jc-reliability-chart'});
  container.append(element('div', {class: 'jc-reliability'},
    element('label', {for: 'jc-calibration-distributor'}, 'Forecast calibration of '), select, node));
  const chart = echarts.init(node);
  const draw = () => {
    const id = select.value;
    const name = id ? report.distributors.find(row => row.id === id).name : 'everyone shown';
    const bins = reliabilityBins(report, calibration, id);
    node.setAttribute('data-journeys', String(bins.reduce((n, b) => n + b.journeys, 0)));
    chart.setOption(reliabilityOption(bins, `Close estimates against outcomes: ${name}`), true);
  };
  select.addEventListener('change', draw);
  draw();
  charts.push(chart);
}

async function drawCharts(container, report) {
  const echarts = await import(ECHARTS);
  const funnelNode = element('div', {class: 'jc-chart jc-funnel-chart'});
  const conversionNode = element('div', {class: 'jc-chart jc-conversion-chart'});
  container.append(funnelNode, conversionNode);

  const funnel = echarts.init(funnelNode);
  funnel.setOption({
    title: {text: 'Funnel', left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'item'},
    series: [{
      type: 'funnel', sort: 'none', top: 30, bottom: 10, minSize: '5%', label: {formatter: '{b}: {c}'},
      data: STAGES.map(([key, label]) => ({name: label, value: report.funnel[key]}))
    }]
  });
  charts.push(funnel);

  const rows = report.distributors.filter(row => row.conversion.mean !== null);
  const conversion = echarts.init(conversionNode);
  conversion.setOption({
    title: {text: 'Conversion with its 90 % interval', left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'item'},
    grid: {left: 50, right: 20, top: 40, bottom: 80},
    xAxis: {type: 'category', data: rows.map(row => row.name), axisLabel: {rotate: 40}},
    yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
    series: [
      {
        type: 'custom', name: '90 % interval',
        renderItem: (params, api) => {
          const x = api.value(0);
          const low = api.coord([x, api.value(1)]);
          const high = api.coord([x, api.value(2)]);
          return {type: 'line', shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: {stroke: '#555', lineWidth: 2}};
        },
        data: rows.map((row, i) => [i, row.conversion.lower, row.conversion.upper])
      },
      {
        type: 'scatter', name: 'conversion',
        data: rows.map(row => ({
          value: row.conversion.mean,
          itemStyle: {color: row.conversion.flag === 'STRUGGLING' ? '#c0392b' : row.conversion.flag === 'EXCELLING' ? '#27ae60' : '#2c7fb8'}
        })),
        markLine: report.teamRate === null ? undefined : {
          symbol: 'none', label: {formatter: 'team'}, data: [{yAxis: report.teamRate}]
        }
      }
    ]
  });
  charts.push(conversion);
}

const DRIFT_LABELS = {
  DRIFTED: 'drifted', WATCHING: 'watching', NOT_ENOUGH_HISTORY: 'not enough history', NOT_WATCHED: 'not watched'
};
const AUDIENCE_LABELS = {PRODUCT_CUSTOMER: 'Product customers', BUSINESS_BUILDER: 'Business builders'};

/** The page's sections, each its own address: #/insights (distributors), #/insights?view=content and ?view=journeys. */
function tabs(active) {
  const tab = (view, label) => element('li', {class: view === active ? 'active' : ''},
    element('a', {href: view === 'distributors' ? '#/insights' : `#/insights?view=${view}`, class: `jc-tab-${view}`}, label));
  return element('ul', {class: 'nav nav-tabs jc-tabs'}, tab('distributors', 'Distributors'), tab('content', 'Content'),
    tab('journeys', 'Journeys'), tab('messaging', 'Messaging'), tab('experiments', 'Experiments'));
}

function reviewLink(api, review) {
  if (!review) {
    return '';
  }
  // the open task in Tasklist when there is one, else the review's instance in Cockpit
  return review.taskId
    ? element('a', {href: `/camunda/app/tasklist/${api.engine}/#/?task=${encodeURIComponent(review.taskId)}`, class: 'jc-review',
      title: 'The asset\'s open review in Tasklist'}, review.taskName || 'Open review')
    : element('a', {href: `#/process-instance/${encodeURIComponent(review.processInstanceId)}/runtime`, class: 'jc-review',
      title: 'The asset\'s open review in Cockpit'}, 'Open review');
}

function signed(value) {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

function contentTable(api, report) {
  const assets = report.assets;
  const head = element('tr', {}, ...['Asset', 'Audience', 'Shares', 'Viewed', 'Median time to view', 'Answers',
    'Interest change', 'Stated intent (90 % interval)', 'Closed', 'Conversion (90 % interval)', 'Drift', 'Intent drift',
    'Review'].map(text => element('th', {}, text)));
  const rows = [];
  for (const asset of assets) {
    const drift = DRIFT_LABELS[asset.drift.state] || asset.drift.state;
    const driftTitle = asset.drift.changeSince ? `changed around ${asset.drift.changeSince}` : '';
    const audiences = asset.audiences.length ? asset.audiences : [null];
    const intent = report.intentDrift[asset.id];
    const intentTitle = intent.changeSince ? `changed around ${intent.changeSince}` : '';
    for (const row of audiences) {
      const answers = row ? (report.answers[asset.id] || {})[row.audience] : null;
      const intents = answers ? `none ${answers.intentNone}, low ${answers.intentLow}, medium ${answers.intentMedium}, `
        + `high ${answers.intentHigh}` : '';
      rows.push(element('tr', {'data-asset': asset.id, 'data-audience': row ? row.audience : ''},
        element('td', {class: 'jc-asset'}, asset.title),
        element('td', {}, row ? AUDIENCE_LABELS[row.audience] || row.audience : '–'),
        element('td', {class: 'jc-shares'}, row ? row.shares : 0),
        element('td', {class: 'jc-viewed'}, row && row.shares ? `${row.viewed} (${percent(row.viewRate)})` : '–'),
        element('td', {class: 'jc-time-to-view'}, row && row.medianHoursToView !== null ? `${row.medianHoursToView.toFixed(1)} h` : '–'),
        element('td', {class: 'jc-answers'}, answers ? answers.answers : 0),
        element('td', {class: 'jc-interest'}, answers ? signed(answers.meanInterestChange) : '–'),
        element('td', {class: 'jc-intent', title: intents}, answers
          ? `${percent(answers.statedIntent)} (${percent(answers.statedLower)} – ${percent(answers.statedUpper)})` : '–'),
        element('td', {class: 'jc-closed'}, row ? `${row.converted} of ${row.closed}` : '–'),
        element('td', {class: 'jc-asset-conversion'}, row ? `${percent(row.mean)} (${percent(row.lower)} – ${percent(row.upper)})` : '–'),
        element('td', {class: `jc-drift jc-drift-${asset.drift.state.toLowerCase()}`, title: driftTitle}, drift),
        element('td', {class: `jc-intent-drift jc-drift-${intent.state.toLowerCase()}`, title: intentTitle},
          DRIFT_LABELS[intent.state] || intent.state),
        element('td', {}, reviewLink(api, asset.review))));
    }
  }
  return element('table', {class: 'table table-striped jc-content'}, element('thead', {}, head), element('tbody', {}, ...rows));
}

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().substring(0, 10);
}

async function drawDriftCharts(container, report) {
  const echarts = await import(ECHARTS);
  for (const asset of report.assets) {
    drawDrift(echarts, container, asset, asset.drift, 'jc-drift-chart', 'conversion drop');
    drawDrift(echarts, container, asset, report.intentDrift[asset.id], 'jc-intent-chart', 'drop in stated purchase intent');
  }
}

function drawDrift(echarts, container, asset, drift, kind, what) {
  if (!drift || drift.cusum.length === 0) {
    return;
  }
  const node = element('div', {class: `jc-chart ${kind}`, 'data-asset': asset.id});
  container.append(node);
  const days = drift.cusum.map((_, i) => addDays(drift.watchStart, i));
  const chart = echarts.init(node);
  chart.setOption({
    animation: false,
    title: {text: `${asset.title}: CUSUM of the ${what}`, left: 'center', textStyle: {fontSize: 13}},
    tooltip: {trigger: 'axis'},
    grid: {left: 50, right: 20, top: 40, bottom: 60},
    xAxis: {type: 'category', data: days, axisLabel: {rotate: 40}},
    yAxis: {type: 'value', name: 'nats'},
    series: [{
      type: 'line', name: 'CUSUM', showSymbol: false, data: drift.cusum,
      markLine: {
        symbol: 'none',
        data: [
          {yAxis: drift.decisionLimit, label: {formatter: 'limit'}, lineStyle: {color: '#c0392b'}},
          ...(drift.changeSince ? [{xAxis: drift.changeSince, label: {formatter: 'change'}, lineStyle: {color: '#b9770e'}}] : [])
        ]
      }
    }]
  });
  charts.push(chart);
}

async function renderContent(node, api) {
  disposeCharts();
  node.replaceChildren(element('div', {class: 'jc-insights'}, element('h2', {}, 'Insights: content'), tabs('content'),
    element('p', {class: 'jc-loading'}, 'Loading…')));
  const page = node.firstChild;
  let report;
  try {
    report = await loadJson(api, 'content');
  } catch (error) {
    page.querySelector('.jc-loading').replaceWith(element('p', {class: 'jc-error alert alert-warning'},
      error.status === 403 ? 'Insights are for managers.' : error.message));
    return;
  }
  page.querySelector('.jc-loading').replaceWith(element('p', {class: 'jc-team'},
    'Per asset and audience of the prospects it was shared with: the follow-up answers after the view (mean interest '
    + 'change, the share stating purchase intent medium or high), conversion of their journeys won or enrolled out of '
    + 'those closed, with 90 % intervals (uniform prior); drift is where the content drift check stands, intent drift '
    + 'where the same test stands on the stated intent, which shows a drop about two weeks before purchases can.'));
  if (report.assets.length === 0) {
    page.append(element('p', {class: 'jc-empty alert alert-info'}, 'No assets yet: once the catalog has assets, their figures appear here.'));
    return;
  }
  page.append(element('h3', {}, 'Assets ', element('a', {href: resource(api, 'content/csv'), download: '', class: 'jc-csv'}, 'CSV')),
    scrolling(contentTable(api, report)));
  const chartArea = element('div', {class: 'jc-charts jc-drift-charts'});
  page.append(chartArea);
  drawDriftCharts(chartArea, report)
    .catch(error => chartArea.append(element('p', {class: 'jc-error'}, `No charts: ${error.message}`)));
}

async function renderPage(node, api, sponsor) {
  disposeCharts();
  node.replaceChildren(element('div', {class: 'jc-insights'}, element('h2', {}, 'Insights: distributors'), tabs('distributors'),
    element('p', {class: 'jc-loading'}, 'Loading…')));
  const page = node.firstChild;
  let body;
  try {
    body = await load(api, sponsor);
  } catch (error) {
    page.querySelector('.jc-loading').replaceWith(element('p', {class: 'jc-error alert alert-warning'},
      error.status === 403 ? 'Insights are for managers.' : error.message));
    return;
  }
  const report = body.report;
  const filter = element('select', {id: 'jc-sponsor', class: 'form-control'},
    element('option', {value: ''}, 'The whole network'),
    ...report.sponsors.map(s => {
      const option = element('option', {value: s.id}, `${s.name}'s line`);
      option.selected = s.id === sponsor;
      return option;
    }));
  // the address keeps the line, so it can be bookmarked or sent; Cockpit's router renders the page anew
  filter.addEventListener('change', () => {
    window.location.hash = `#/insights${filter.value ? `?sponsor=${encodeURIComponent(filter.value)}` : ''}`;
  });

  const team = report.teamRate === null ? 'No journey of the team has closed yet.'
    : `Team conversion ${percent(report.teamRate)} of ${report.teamClosed} closed journeys; flags when the probability `
      + `of being below or above the team reaches ${report.flagProbability} (prior weight ${report.priorWeight} journeys).`;
  page.querySelector('.jc-loading').replaceWith(
    element('div', {class: 'jc-filter'}, element('label', {for: 'jc-sponsor'}, 'Sponsor line '), filter),
    element('p', {class: 'jc-team'}, team));

  if (report.distributors.length === 0) {
    page.append(element('p', {class: 'jc-empty alert alert-info'},
      sponsor ? 'No distributors in this line yet.' : 'No distributors yet: once distributors add prospects, their figures appear here.'));
    return;
  }
  page.append(
    element('h3', {}, 'Funnel ', csvLink(api, 'distributors/funnel/csv', sponsor, 'CSV')),
    funnelTable(report.funnel));
  const chartArea = element('div', {class: 'jc-charts'});
  page.append(chartArea);
  page.append(element('h3', {}, 'Distributors ', csvLink(api, 'distributors/csv', sponsor, 'CSV')),
    scrolling(distributorTable(report, body.journeysDefinitionId, body.calibration, body.nudgesFollowed)));
  const calibrationArea = element('div', {class: 'jc-charts jc-calibration'});
  page.append(element('h3', {}, 'Forecast calibration'), element('p', {class: 'jc-explain'},
    'Each closed journey\'s last close estimate against its outcome, binned by estimate: points on the dashed line are '
    + 'well calibrated, below it over-estimated. The table shows the Brier score (0 is perfect, 0.25 is always saying 50 %) '
    + 'and the over-estimation the coaching rules use.'), calibrationArea);
  drawCharts(chartArea, report)
    .then(() => drawReliability(calibrationArea, report, body.calibration))
    .catch(error => chartArea.append(element('p', {class: 'jc-error'}, `No charts: ${error.message}`)));
}

async function renderSummary(node, api) {
  let body;
  try {
    body = await load(api, null);
  } catch (error) {
    // only managers and administrators see the summary
    return;
  }
  const report = body.report;
  const count = flag => report.distributors.filter(row => row.conversion.flag === flag).length;
  node.replaceChildren(element('section', {class: 'jc-summary'},
    element('h3', {class: 'section-title'}, element('a', {href: '#/insights'}, 'Insights')),
    element('p', {},
      `${report.distributors.length} distributors, ${count('STRUGGLING')} struggling, ${count('EXCELLING')} excelling; `
      + (report.teamRate === null ? 'no closed journeys yet.' : `team conversion ${percent(report.teamRate)}.`))));
}

/** A parameter of the page's address (#/insights?sponsor=... or ?view=content), if given. */
function inAddress(name) {
  const hash = window.location.hash;
  const query = hash.indexOf('?');
  return query < 0 ? null : new URLSearchParams(hash.substring(query + 1)).get(name);
}

export default [
  {
    id: 'journey-coach-insights-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 40,
    properties: {
      pagePath: '#/insights',
      label: 'Insights',
      checkActive: path => path.indexOf('#/insights') > -1
    },
    render: node => {
      node.replaceChildren(element('a', {href: '#/insights', class: 'jc-navigation'}, 'Insights'));
    }
  },
  {
    id: 'journey-coach-insights-page',
    pluginPoint: 'cockpit.route',
    properties: {path: '/insights'},
    render: (node, {api}) => {
      if (inAddress('view') === 'content') {
        renderContent(node, api);
      } else if (inAddress('view') === 'journeys') {
        disposeCharts();
        // the Journeys tab's own module, loaded when opened: a failure there leaves the other tabs working
        import('./journeys.js').then(({renderJourneys}) => renderJourneys(node, api,
          {element, loadJson, resource, percent, tabs, echarts: ECHARTS, keepChart: chart => charts.push(chart)},
          {version: inAddress('version'), from: inAddress('from'), to: inAddress('to')}))
          .catch(error => node.replaceChildren(element('p', {class: 'jc-error alert alert-warning'}, `Journeys: ${error.message}`)));
      } else if (inAddress('view') === 'messaging') {
        disposeCharts();
        // the Messaging tab's own module, loaded when opened, like the Journeys tab's
        import('./messaging.js').then(({renderMessaging}) => renderMessaging(node, api, {element, loadJson, resource, percent, tabs},
          {outcome: inAddress('outcome'), assetId: inAddress('assetId'), segment: inAddress('segment'), source: inAddress('source'),
            limit: inAddress('limit')}))
          .catch(error => node.replaceChildren(element('p', {class: 'jc-error alert alert-warning'}, `Messaging: ${error.message}`)));
      } else if (inAddress('view') === 'experiments') {
        disposeCharts();
        // the Experiments tab's own module, loaded when opened
        import('./experiments.js').then(({renderExperiments}) => renderExperiments(node, api,
          {element, loadJson, resource, percent, tabs, echarts: ECHARTS, keepChart: chart => charts.push(chart)},
          {experiment: inAddress('experiment')}))
          .catch(error => node.replaceChildren(element('p', {class: 'jc-error alert alert-warning'}, `Experiments: ${error.message}`)));
      } else {
        renderPage(node, api, inAddress('sponsor'));
      }
    },
    unmount: disposeCharts
  },
  {
    id: 'journey-coach-insights-summary',
    pluginPoint: 'cockpit.dashboard',
    priority: 5,
    render: (node, {api}) => {
      renderSummary(node, api);
    }
  }
];
