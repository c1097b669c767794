// The Journeys tab of Insights (#/insights?view=journeys): per version of prospect-development the steps' reach and
// their time against the paces, the paces' change history on a time line, and the onboarding cohorts by start week.
// plugin.js hands over its helpers (element, loadJson, resource, percent, tabs, the chart list).

const STEP_LABELS = {share: 'Share', view: 'View', 'follow-up': 'Follow-up', meeting: 'Meeting', journey: 'Whole journey'};
const BUCKET_LABELS = ['≤ ½ pace', '½–1 pace', '1–2 paces', '2–4 paces', '> 4 paces'];
const BUCKET_COLOURS = ['#1e8449', '#7dcea0', '#f5b041', '#e67e22', '#c0392b'];

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

function hours(value) {
  return value === null || value === undefined ? '–' : `${value.toFixed(1)} h`;
}

function share(h, milestone) {
  return milestone.eligible === 0 ? '–' : `${milestone.reached} of ${milestone.eligible} (${h.percent(milestone.reached / milestone.eligible)})`;
}

function stepTable(h, version) {
  const head = h.element('tr', {}, ...['Step', 'Pace', 'Journeys', 'Of the step before', 'Finished', 'Within pace', 'Mean time',
    ...BUCKET_LABELS].map(text => h.element('th', {}, text)));
  const started = h.element('tr', {'data-step': 'started'},
    h.element('td', {}, 'Started'), h.element('td', {}, '–'), h.element('td', {class: 'jc-reached'}, version.started),
    h.element('td', {}, '–'), h.element('td', {}, version.started - version.running), h.element('td', {class: 'jc-within'},
      version.journeyWithinPace === null ? '–' : h.percent(version.journeyWithinPace)),
    h.element('td', {}, ''), ...BUCKET_LABELS.map(() => h.element('td', {}, '')));
  const rows = version.steps.map(step => h.element('tr', {'data-step': step.step},
    h.element('td', {}, STEP_LABELS[step.step] || step.step),
    h.element('td', {class: 'jc-pace'}, step.pace || '–'),
    h.element('td', {class: 'jc-reached'}, step.journeys),
    h.element('td', {class: 'jc-step-conversion'}, h.percent(step.conversion)),
    h.element('td', {class: 'jc-finished'}, step.finished),
    h.element('td', {class: 'jc-within'}, step.withinPace === null || step.finished === 0 ? '–' : h.percent(step.withinPace / step.finished)),
    h.element('td', {class: 'jc-mean'}, hours(step.meanHours)),
    ...BUCKET_LABELS.map((_, b) => h.element('td', {'data-bucket': b}, step.buckets.length ? step.buckets[b] : '–'))));
  const won = h.element('tr', {'data-step': 'won'},
    h.element('td', {}, 'Won or enrolled'), h.element('td', {}, '–'), h.element('td', {class: 'jc-reached'}, version.won),
    h.element('td', {class: 'jc-step-conversion', title: 'of the journeys started'}, h.percent(version.started ? version.won / version.started : null)),
    ...Array.from({length: 3 + BUCKET_LABELS.length}, () => h.element('td', {}, '')));
  return h.element('table', {class: 'table table-striped jc-steps'}, h.element('thead', {}, head),
    h.element('tbody', {}, started, ...rows, won));
}

function paceTable(h, paces) {
  const head = h.element('tr', {}, ...['Pace', 'Changed', 'From', 'To', 'By', 'Why'].map(text => h.element('th', {}, text)));
  const rows = [];
  for (const pace of paces) {
    for (const change of pace.changes) {
      rows.push(h.element('tr', {'data-pace': pace.step},
        h.element('td', {}, STEP_LABELS[pace.step] || pace.step),
        h.element('td', {class: 'jc-changed-at'}, change.changedAt.replace('T', ' ').replace('Z', ' UTC')),
        h.element('td', {class: 'jc-old'}, change.oldValue),
        h.element('td', {class: 'jc-new'}, change.newValue),
        h.element('td', {}, change.changedBy),
        h.element('td', {class: 'jc-reason'}, change.reason)));
    }
  }
  return h.element('table', {class: 'table table-striped jc-paces'}, h.element('thead', {}, head), h.element('tbody', {}, ...rows));
}

function cohortTable(h, report) {
  const head = h.element('tr', {}, ...['Start week', 'Distributors', `${report.firstProspectsMinimum} prospects by day 7`,
    'First sale by day 30', 'First sale by day 90'].map(text => h.element('th', {}, text)));
  const rows = report.cohorts.map(cohort => h.element('tr', {'data-week': cohort.weekStart},
    h.element('td', {}, cohort.weekStart),
    h.element('td', {class: 'jc-cohort-size'}, cohort.distributors),
    h.element('td', {class: 'jc-day-7'}, share(h, cohort.firstProspects)),
    h.element('td', {class: 'jc-day-30'}, share(h, cohort.firstSale30)),
    h.element('td', {class: 'jc-day-90'}, share(h, cohort.firstSale90))));
  return h.element('table', {class: 'table table-striped jc-cohorts'}, h.element('thead', {}, head), h.element('tbody', {}, ...rows));
}

async function drawCharts(h, area, report) {
  const echarts = await import(h.echarts);
  const add = (name, option) => {
    const node = h.element('div', {class: `jc-chart ${name}`});
    area.append(node);
    const chart = echarts.init(node);
    chart.setOption({animation: false, ...option});
    h.keepChart(chart);
  };
  const version = report.version;
  if (version) {
    const timed = version.steps.filter(step => step.buckets.length);
    add('jc-steps-chart', {
      title: {text: `Version ${version.version}: journeys reaching each step`, left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis'},
      grid: {left: 50, right: 20, top: 40, bottom: 40},
      xAxis: {type: 'category', data: ['Started', ...version.steps.map(s => STEP_LABELS[s.step]), 'Won']},
      yAxis: {type: 'value'},
      series: [{type: 'bar', data: [version.started, ...version.steps.map(s => s.journeys), version.won], itemStyle: {color: '#2c7fb8'}}]
    });
    add('jc-time-chart', {
      title: {text: 'Time in step against the current pace', left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {bottom: 0, textStyle: {fontSize: 11}},
      grid: {left: 50, right: 20, top: 40, bottom: 60},
      xAxis: {type: 'category', data: timed.map(s => `${STEP_LABELS[s.step]} (${s.pace})`)},
      yAxis: {type: 'value', max: 1, axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
      series: BUCKET_LABELS.map((label, b) => ({
        type: 'bar', stack: 'time', name: label, itemStyle: {color: BUCKET_COLOURS[b]},
        data: timed.map(s => (s.finished ? s.buckets[b] / s.finished : 0))
      }))
    });
  }
  // each pace as a step line: its value from its first change (or the default) to now
  const now = new Date().toISOString();
  add('jc-pace-chart', {
    title: {text: 'Paces over time (hours)', left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'axis'},
    legend: {bottom: 0},
    grid: {left: 50, right: 20, top: 40, bottom: 60},
    xAxis: {type: 'time'},
    yAxis: {type: 'log', name: 'hours', min: 1},
    series: report.paces.map(pace => {
      const points = pace.changes.length ? [[pace.changes[0].changedAt, pace.changes[0].oldHours]] : [];
      pace.changes.forEach(change => points.push([change.changedAt, change.newHours]));
      points.push([now, pace.hours]);
      return {type: 'line', step: 'end', name: STEP_LABELS[pace.step], data: points, showSymbol: true};
    })
  });
  if (report.cohorts.length) {
    const ratio = m => (m.eligible ? m.reached / m.eligible : null);
    add('jc-cohort-chart', {
      title: {text: 'Onboarding cohorts by start week', left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis'},
      legend: {bottom: 0},
      grid: {left: 50, right: 20, top: 40, bottom: 70},
      xAxis: {type: 'category', data: report.cohorts.map(c => c.weekStart), axisLabel: {rotate: 30}},
      yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: value => `${Math.round(100 * value)} %`}},
      series: [
        {type: 'line', name: 'Prospects by day 7', data: report.cohorts.map(c => ratio(c.firstProspects)), connectNulls: false},
        {type: 'line', name: 'First sale by day 30', data: report.cohorts.map(c => ratio(c.firstSale30))},
        {type: 'line', name: 'First sale by day 90', data: report.cohorts.map(c => ratio(c.firstSale90))}
      ]
    });
  }
}

function controls(h, report, parameters) {
  const version = h.element('select', {id: 'jc-version', class: 'form-control'},
    ...report.versions.slice().reverse().map(v => {
      const option = h.element('option', {value: String(v)}, `Version ${v}`);
      option.selected = report.version !== null && v === report.version.version;
      return option;
    }));
  const from = h.element('input', {id: 'jc-from', type: 'date', class: 'form-control', value: parameters.from || report.cohortsFrom});
  const to = h.element('input', {id: 'jc-to', type: 'date', class: 'form-control', value: parameters.to || report.today});
  const show = h.element('button', {type: 'button', class: 'btn btn-default jc-show'}, 'Show');
  // the address keeps the choice, so it can be bookmarked or sent; Cockpit's router renders the page anew
  const go = () => {
    window.location.hash = `#/insights${query({view: 'journeys', version: version.value, from: from.value, to: to.value})}`;
  };
  version.addEventListener('change', go);
  show.addEventListener('click', go);
  return h.element('div', {class: 'jc-filter jc-journey-filter'},
    ...(report.versions.length ? [h.element('label', {for: 'jc-version'}, 'Journey '), version] : []),
    h.element('label', {for: 'jc-from'}, 'Cohorts from '), from, h.element('label', {for: 'jc-to'}, 'to '), to, show);
}

export async function renderJourneys(node, api, h, parameters) {
  node.replaceChildren(h.element('div', {class: 'jc-insights'}, h.element('h2', {}, 'Insights: journeys'), h.tabs('journeys'),
    h.element('p', {class: 'jc-loading'}, 'Loading…')));
  const page = node.firstChild;
  const search = query({version: parameters.version, from: parameters.from, to: parameters.to});
  let report;
  try {
    report = await h.loadJson(api, `journeys${search}`);
  } catch (error) {
    page.querySelector('.jc-loading').replaceWith(h.element('p', {class: 'jc-error alert alert-warning'},
      error.status === 403 ? 'Insights are for managers.' : error.message));
    return;
  }
  page.querySelector('.jc-loading').replaceWith(controls(h, report, parameters));
  const csv = path => h.element('a', {href: h.resource(api, path + search), download: '', class: 'jc-csv'}, 'CSV');
  const chartArea = h.element('div', {class: 'jc-charts jc-journey-charts'});
  page.append(chartArea);

  if (report.version === null) {
    page.append(h.element('p', {class: 'jc-empty jc-empty-steps alert alert-info'},
      'No journey is deployed yet: once prospects are added, their steps appear here.'));
  } else if (report.version.started === 0) {
    page.append(h.element('h3', {}, `Steps of version ${report.version.version}`),
      h.element('p', {class: 'jc-empty jc-empty-steps alert alert-info'}, 'No journey of this version has started yet.'));
  } else {
    page.append(h.element('h3', {}, `Steps of version ${report.version.version} `, csv('journeys/csv')),
      h.element('p', {class: 'jc-team'}, 'Journeys that reached each step, the share of those that reached the step before, and '
        + 'how long the finished stays took against the pace in force now.'),
      stepTable(h, report.version));
  }
  const changes = report.paces.reduce((n, pace) => n + pace.changes.length, 0);
  page.append(h.element('h3', {}, 'Pace changes ', csv('journeys/paces/csv')),
    h.element('p', {class: 'jc-pace-now'}, `Now: ${report.paces.map(p => `${STEP_LABELS[p.step]} ${p.value}`).join(', ')}.`),
    changes ? paceTable(h, report.paces)
      : h.element('p', {class: 'jc-empty jc-empty-paces alert alert-info'}, 'No pace has changed yet: every pace has its default.'));
  page.append(h.element('h3', {}, 'Onboarding cohorts ', csv('journeys/cohorts/csv')),
    h.element('p', {class: 'jc-team'}, `Distributors by the week they started (${report.cohortsFrom} to ${report.cohortsTo}); a `
      + 'distributor counts toward a day once that many days have passed since their start.'),
    report.cohorts.length ? cohortTable(h, report)
      : h.element('p', {class: 'jc-empty jc-empty-cohorts alert alert-info'}, 'No distributor started in these weeks.'));
  drawCharts(h, chartArea, report).catch(error => chartArea.append(h.element('p', {class: 'jc-error'}, `No charts: ${error.message}`)));
}
