// The Experiments tab of Insights (#/insights?view=experiments): the experiments on the next asset, newest first, and
// for the chosen one per arm and segment (and over all segments) its suggestions, overrides, rewards, posterior mean
// with 90 % interval, probability of being best and expected lift over the default; a bar chart of the probability
// of being best in the chosen segment. plugin.js hands over its helpers (element, loadJson, resource, percent, tabs).

const STATUS_LABELS = {DRAFT: 'draft', RUNNING: 'running', PAUSED: 'paused', STOPPED: 'stopped', ROLLED_OUT: 'rolled out'};
const ALL = 'all';

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

function signedPoints(value) {
  const points = (100 * value).toFixed(1);
  return `${value > 0 ? '+' : ''}${points} pp`;
}

function experimentTable(h, experiments, chosenId) {
  const head = h.element('tr', {}, ...['Experiment', 'Phase', 'Status', 'Arms', 'Segments by', 'Proxy', 'Created']
    .map(text => h.element('th', {}, text)));
  const rows = experiments.map(e => h.element('tr', {'data-experiment': e.id, class: e.id === chosenId ? 'info' : ''},
    h.element('td', {class: 'jc-experiment-name'},
      h.element('a', {href: `#/insights${query({view: 'experiments', experiment: e.id})}`}, e.name)),
    h.element('td', {class: 'jc-phase'}, e.phase),
    h.element('td', {class: 'jc-status'}, STATUS_LABELS[e.status] || e.status,
      e.rolledOutAssetId ? ` (${e.rolledOutAssetId})` : ''),
    h.element('td', {class: 'jc-arms'}, e.arms.join(', ')),
    h.element('td', {}, e.segmentBy.join(', ')),
    h.element('td', {}, e.proxy || 'conversion'),
    h.element('td', {}, `${e.createdAt.substring(0, 10)} by ${e.createdBy}`)));
  return h.element('table', {class: 'table table-striped jc-experiments'}, h.element('thead', {}, head), h.element('tbody', {}, ...rows));
}

function armTable(h, figures, segment) {
  const head = h.element('tr', {}, ...['Arm', 'Suggested', 'Overridden', 'Successes', 'Failures', 'Pending', 'Posterior mean',
    '90 % interval', 'Probability best', 'Expected lift over default'].map(text => h.element('th', {}, text)));
  const rows = figures.arms.filter(arm => arm.segment === segment).map(arm => h.element('tr', {'data-arm': arm.assetId},
    h.element('td', {class: 'jc-arm'}, arm.assetId, arm.assetId === figures.defaultArm ? ' (default)' : ''),
    h.element('td', {class: 'jc-suggested'}, arm.suggested),
    h.element('td', {class: 'jc-overridden'}, arm.overridden),
    h.element('td', {class: 'jc-successes'}, arm.successes),
    h.element('td', {class: 'jc-failures'}, arm.failures),
    h.element('td', {class: 'jc-pending'}, arm.pending),
    h.element('td', {class: 'jc-mean'}, h.percent(arm.posteriorMean)),
    h.element('td', {class: 'jc-interval'}, `${h.percent(arm.lower90)} – ${h.percent(arm.upper90)}`),
    h.element('td', {class: 'jc-best'}, h.percent(arm.probabilityBest)),
    h.element('td', {class: 'jc-lift'}, arm.assetId === figures.defaultArm ? '–' : signedPoints(arm.expectedLift))));
  return h.element('table', {class: 'table table-striped jc-arm-figures', 'data-segment': segment},
    h.element('thead', {}, head), h.element('tbody', {}, ...rows));
}

async function drawBest(h, area, figures, segment) {
  const echarts = await import(h.echarts);
  const arms = figures.arms.filter(arm => arm.segment === segment);
  const node = h.element('div', {class: 'jc-chart jc-best-chart', 'data-segment': segment});
  area.replaceChildren(node);
  const chart = echarts.init(node);
  chart.setOption({
    animation: false,
    title: {text: `Probability of being best (${segment === ALL ? 'all segments' : segment})`, left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'axis', valueFormatter: value => h.percent(value)},
    grid: {left: 50, right: 20, top: 40, bottom: 60},
    xAxis: {type: 'category', data: arms.map(arm => arm.assetId), axisLabel: {rotate: 20}},
    yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
    series: [{type: 'bar', data: arms.map(arm => arm.probabilityBest),
      itemStyle: {color: p => (arms[p.dataIndex].assetId === figures.defaultArm ? '#95a5a6' : '#2c7fb8')},
      label: {show: true, position: 'top', formatter: p => h.percent(p.value), fontSize: 10}}]
  });
  h.keepChart(chart);
}

export async function renderExperiments(node, api, h, parameters) {
  node.replaceChildren(h.element('div', {class: 'jc-insights'}, h.element('h2', {}, 'Insights: experiments'), h.tabs('experiments'),
    h.element('p', {class: 'jc-loading'}, 'Loading…')));
  const page = node.firstChild;
  const search = query({experiment: parameters.experiment});
  let report;
  try {
    report = await h.loadJson(api, `experiments${search}`);
  } catch (error) {
    page.querySelector('.jc-loading').replaceWith(h.element('p', {class: 'jc-error alert alert-warning'},
      error.status === 403 ? 'Experiments are for managers and process owners.' : error.message));
    return;
  }
  if (!report.experiments.length) {
    page.querySelector('.jc-loading').replaceWith(h.element('p', {class: 'jc-empty jc-empty-experiments alert alert-info'},
      'No experiment on the next asset yet: process owners define them through /api/experiments.'));
    return;
  }
  const figures = report.figures;
  const chosen = report.experiments.find(e => e.id === figures.experimentId);
  page.querySelector('.jc-loading').replaceWith(experimentTable(h, report.experiments, figures.experimentId));

  if (!figures.arms.some(arm => arm.suggested > 0)) {
    page.append(h.element('h3', {}, `Arms of ${chosen.name}`),
      h.element('p', {class: 'jc-empty jc-empty-arms alert alert-info'},
        'This experiment has made no suggestion yet: its figures appear once a journey reaches one of its arms while it runs.'));
    return;
  }
  const segment = h.element('select', {id: 'jc-segment', class: 'form-control'}, ...figures.segments.map(s => {
    const option = h.element('option', {value: s}, s === ALL ? 'All segments' : s);
    option.selected = s === ALL;
    return option;
  }));
  const tableArea = h.element('div', {class: 'jc-table-wrap'});
  const chartArea = h.element('div', {class: 'jc-charts jc-experiment-charts'});
  const show = () => {
    tableArea.replaceChildren(armTable(h, figures, segment.value));
    drawBest(h, chartArea, figures, segment.value)
      .catch(error => chartArea.replaceChildren(h.element('p', {class: 'jc-error'}, `No chart: ${error.message}`)));
  };
  segment.addEventListener('change', show);
  page.append(h.element('h3', {}, `Arms of ${chosen.name} `,
      h.element('a', {href: h.resource(api, `experiments/csv${query({experiment: figures.experimentId})}`), download: '', class: 'jc-csv'}, 'CSV')),
    h.element('p', {class: 'jc-explain'}, 'Suggestions the experiment made and those the distributor overrode (left out of the '
      + 'estimate); rewards observed and pending (journey still open); the Beta posterior of the reward rate with its 90 % '
      + 'credible interval; the probability that the arm is the best; the expected lift of its mean over the default arm, in '
      + 'percentage points. A segment\'s posterior starts from the arms\' pooled data.'),
    h.element('div', {class: 'jc-filter'}, h.element('label', {for: 'jc-segment'}, 'Segment '), segment),
    tableArea, chartArea);
  show();
}
